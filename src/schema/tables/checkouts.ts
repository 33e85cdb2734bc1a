/** Checkout sessions (contract §3.13), stored exactly as supplied; no updatedAt, no delete. */
import type {
  QZPayCheckoutLineItem,
  QZPayMetadata,
} from '../../contract/index.js';
import { QZPAY_CHECKOUT_MODES, QZPAY_CHECKOUT_SESSION_STATUSES, QZPAY_CURRENCIES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';
import { payments } from './payments.js';
import { subscriptions } from './subscriptions.js';

export const checkouts = defineTable(
  'billing_checkouts',
  {
    id: c.id().primaryKey(),
    customerId: c.id().nullable().references(() => customers, 'set null'),
    customerEmail: c.string(255).nullable(),
    mode: c.oneOf(QZPAY_CHECKOUT_MODES, 32),
    status: c.oneOf(QZPAY_CHECKOUT_SESSION_STATUSES, 32),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    lineItems: c.json<QZPayCheckoutLineItem[]>('array'),
    successUrl: c.text(),
    cancelUrl: c.text(),
    expiresAt: c.timestamp(),
    paymentId: c.id().nullable().references(() => payments, 'set null'),
    subscriptionId: c.id().nullable().references(() => subscriptions, 'set null'),
    providerSessionIds: c.json<Record<string, string>>('stringMap'),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    completedAt: c.timestamp().nullable(),
  },
  {
    indexes: [
      { name: 'billing_checkouts_customer_created_at_idx', columns: ['customerId', 'createdAt'] },
      { name: 'billing_checkouts_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
