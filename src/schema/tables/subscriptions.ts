/** Subscriptions (contract §3.2); soft-deleted, versioned. */
import type {
  QZPayMetadata,
  QZPayScheduledPlanChange,
} from '../../contract/index.js';
import { QZPAY_BILLING_INTERVALS, QZPAY_SUBSCRIPTION_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';
import { promoCodes } from './promo-codes.js';

export const subscriptions = defineTable(
  'billing_subscriptions',
  {
    id: c.id().primaryKey(),
    customerId: c.id().references(() => customers, 'restrict'),
    // No FK: plans may live only in the billing config and never in storage (contract §2.7.1).
    planId: c.string(191),
    status: c.oneOf(QZPAY_SUBSCRIPTION_STATUSES, 32),
    interval: c.oneOf(QZPAY_BILLING_INTERVALS, 32),
    intervalCount: c.integer(),
    quantity: c.integer(),
    currentPeriodStart: c.timestamp(),
    currentPeriodEnd: c.timestamp(),
    trialStart: c.timestamp().nullable(),
    trialEnd: c.timestamp().nullable(),
    cancelAt: c.timestamp().nullable(),
    canceledAt: c.timestamp().nullable(),
    cancelAtPeriodEnd: c.boolean(),
    providerSubscriptionIds: c.json<Record<string, string>>('stringMap'),
    // Must round-trip: core counts a customer's redemptions from findByCustomerId rows carrying it.
    promoCodeId: c.id().nullable().references(() => promoCodes, 'set null'),
    metadata: c.json<QZPayMetadata>('object'),
    // One JSON value owned by the app's scheduler; null when nothing is queued.
    scheduledPlanChange: c.json<QZPayScheduledPlanChange>('object').nullable(),
    livemode: c.livemode(),
    version: c.version(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    deletedAt: c.deletedAt(),
  },
  {
    indexes: [
      { name: 'billing_subscriptions_customer_created_at_idx', columns: ['customerId', 'createdAt'] },
      { name: 'billing_subscriptions_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
