/** Prices of stored plans (contract §3.7); hard-deleted; livemode stamped internally. */
import type { QZPayMetadata } from '../../contract/index.js';
import { QZPAY_BILLING_INTERVALS, QZPAY_CURRENCIES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { plans } from './plans.js';

export const prices = defineTable(
  'billing_prices',
  {
    id: c.id().primaryKey(),
    planId: c.id().references(() => plans, 'cascade'),
    nickname: c.string(255).nullable(),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    unitAmount: c.integer().min(0),
    billingInterval: c.oneOf(QZPAY_BILLING_INTERVALS, 32),
    intervalCount: c.integer().min(1),
    trialDays: c.integer().min(0).nullable(),
    active: c.boolean(),
    providerPriceIds: c.json<Record<string, string>>('stringMap'),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [
      // findByPlanId: active prices cheapest first; core takes element [0] as the plan's default price.
      { name: 'billing_prices_plan_active_unit_amount_idx', columns: ['planId', 'active', 'unitAmount'] },
      { name: 'billing_prices_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
