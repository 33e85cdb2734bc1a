/** Checkout sessions (contract §3.13), stored exactly as supplied; no updatedAt, no delete. */
import type {
  QZPayCheckoutLineItem,
  QZPayCheckoutMode,
  QZPayCheckoutSessionStatus,
  QZPayCurrency,
  QZPayMetadata,
} from '../../contract/index.js';
import { c, defineTable } from '../describe.js';

export const checkouts = defineTable(
  'billing_checkouts',
  {
    id: c.id().primaryKey(),
    customerId: c.id().nullable().references('billing_customers', 'set null'),
    customerEmail: c.string(191).nullable(),
    mode: c.enumString<QZPayCheckoutMode>(32),
    status: c.enumString<QZPayCheckoutSessionStatus>(32),
    currency: c.enumString<QZPayCurrency>(3),
    lineItems: c.json<QZPayCheckoutLineItem[]>(),
    successUrl: c.text(),
    cancelUrl: c.text(),
    expiresAt: c.timestamp(),
    paymentId: c.id().nullable().references('billing_payments', 'set null'),
    subscriptionId: c.id().nullable().references('billing_subscriptions', 'set null'),
    providerSessionIds: c.json<Record<string, string>>(),
    metadata: c.json<QZPayMetadata>(),
    livemode: c.boolean(),
    createdAt: c.timestamp(),
    completedAt: c.timestamp().nullable(),
  },
  {
    indexes: [
      { name: 'billing_checkouts_customer_created_at_idx', columns: ['customerId', 'createdAt'] },
      { name: 'billing_checkouts_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
