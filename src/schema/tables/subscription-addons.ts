/** Add-ons attached to subscriptions (contract §3.12); canceled rows are kept. */
import { QZPAY_SUBSCRIPTION_ADD_ON_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { addons } from './addons.js';
import { subscriptions } from './subscriptions.js';

export const subscriptionAddons = defineTable(
  'billing_subscription_addons',
  {
    id: c.id().primaryKey(),
    subscriptionId: c.id().references(() => subscriptions, 'cascade'),
    // Restrict: an add-on still attached somewhere must not vanish (add-ons are soft-deleted anyway).
    addOnId: c.id().references(() => addons, 'restrict'),
    quantity: c.integer(),
    unitAmount: c.integer().min(0),
    currency: c.string(3),
    status: c.oneOf(QZPAY_SUBSCRIPTION_ADD_ON_STATUSES, 32),
    addedAt: c.timestamp(),
    canceledAt: c.timestamp().nullable(),
    expiresAt: c.timestamp().nullable(),
    // addToSubscription's input types metadata as Record<string, unknown>; stored verbatim.
    metadata: c.json<Record<string, unknown>>('object'),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [
      // findSubscriptionAddOn / removeFromSubscription / updateSubscriptionAddOn: active rows of a pair.
      {
        name: 'billing_subscription_addons_sub_addon_status_idx',
        columns: ['subscriptionId', 'addOnId', 'status'],
      },
    ],
  },
);
