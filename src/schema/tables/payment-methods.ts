/** Payment methods (contract §3.5); soft-deleted. */
import type {
  QZPayBankAccountDetails,
  QZPayBillingDetails,
  QZPayCardDetails,
  QZPayMetadata,
} from '../../contract/index.js';
import { QZPAY_PAYMENT_METHOD_STATUSES, QZPAY_PAYMENT_METHOD_TYPES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';

export const paymentMethods = defineTable(
  'billing_payment_methods',
  {
    id: c.id().primaryKey(),
    customerId: c.id().references(() => customers, 'cascade'),
    type: c.oneOf(QZPAY_PAYMENT_METHOD_TYPES, 32),
    status: c.oneOf(QZPAY_PAYMENT_METHOD_STATUSES, 32),
    isDefault: c.boolean(),
    card: c.json<QZPayCardDetails>('object').nullable(),
    bankAccount: c.json<QZPayBankAccountDetails>('object').nullable(),
    billingDetails: c.json<QZPayBillingDetails>('object').nullable(),
    providerPaymentMethodIds: c.json<Record<string, string>>('stringMap'),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    deletedAt: c.deletedAt(),
  },
  {
    indexes: [
      { name: 'billing_payment_methods_customer_created_at_idx', columns: ['customerId', 'createdAt'] },
      { name: 'billing_payment_methods_customer_default_idx', columns: ['customerId', 'isDefault'] },
      { name: 'billing_payment_methods_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
