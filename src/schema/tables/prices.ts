/** Prices of stored plans (contract §3.7); hard-deleted; livemode stamped internally. */
import type { QZPayBillingInterval, QZPayCurrency, QZPayMetadata } from '../../contract/index.js';
import { c, defineTable } from '../describe.js';

export const prices = defineTable(
  'billing_prices',
  {
    id: c.id().primaryKey(),
    planId: c.id().references('billing_plans', 'cascade'),
    nickname: c.string(255).nullable(),
    currency: c.enumString<QZPayCurrency>(3),
    unitAmount: c.integer(),
    billingInterval: c.enumString<QZPayBillingInterval>(32),
    intervalCount: c.integer(),
    trialDays: c.integer().nullable(),
    active: c.boolean(),
    providerPriceIds: c.json<Record<string, string>>(),
    metadata: c.json<QZPayMetadata>(),
    livemode: c.boolean(),
    createdAt: c.timestamp(),
    updatedAt: c.timestamp(),
  },
  {
    indexes: [
      // findByPlanId: active prices cheapest first; core takes element [0] as the plan's default price.
      { name: 'billing_prices_plan_active_unit_amount_idx', columns: ['planId', 'active', 'unitAmount'] },
      { name: 'billing_prices_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
