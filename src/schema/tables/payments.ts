/** Payments (contract §3.4); no delete; versioned; livemode as supplied by the caller. */
import type { QZPayMetadata } from '../../contract/index.js';
import { QZPAY_CURRENCIES, QZPAY_PAYMENT_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';
import { subscriptions } from './subscriptions.js';

export const payments = defineTable(
  'billing_payments',
  {
    id: c.id().primaryKey(),
    customerId: c.id().references(() => customers, 'restrict'),
    subscriptionId: c.id().nullable().references(() => subscriptions, 'set null'),
    // No FK (contract §4.4): core may record a payment before or without a stored invoice.
    invoiceId: c.id().nullable(),
    amount: c.integer().min(0),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    status: c.oneOf(QZPAY_PAYMENT_STATUSES, 32),
    // No FK and not c.id(): callers may pass a provider's payment-method token, not only our id.
    paymentMethodId: c.string(191).nullable(),
    providerPaymentIds: c.json<Record<string, string>>('stringMap'),
    failureCode: c.string(191).nullable(),
    failureMessage: c.text().nullable(),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    version: c.version(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [
      { name: 'billing_payments_customer_created_at_idx', columns: ['customerId', 'createdAt'] },
      { name: 'billing_payments_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
