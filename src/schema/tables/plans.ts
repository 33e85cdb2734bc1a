/** Plans (contract §3.7); soft-deleted, versioned; livemode stamped internally (not in the type). */
import type { QZPayMetadata, QZPayPlanFeature } from '../../contract/index.js';
import { c, defineTable } from '../describe.js';

export const plans = defineTable(
  'billing_plans',
  {
    id: c.id().primaryKey(),
    name: c.string(255),
    description: c.text().nullable(),
    active: c.boolean(),
    features: c.json<QZPayPlanFeature[]>('array'),
    entitlements: c.json<string[]>('stringArray'),
    // Values must be numbers too: checked by the plans collection (the shape only says "object").
    limits: c.json<Record<string, number>>('object'),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    version: c.version(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    deletedAt: c.deletedAt(),
  },
  {
    indexes: [{ name: 'billing_plans_livemode_created_at_idx', columns: ['livemode', 'createdAt'] }],
  },
);
