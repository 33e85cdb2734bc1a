/** Add-ons (contract §3.12); soft-deleted, versioned; livemode stamped internally. */
import type { QZPayAddOnLimit, QZPayMetadata } from '../../contract/index.js';
import { QZPAY_ADD_ON_BILLING_INTERVALS } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';

export const addons = defineTable(
  'billing_addons',
  {
    id: c.id().primaryKey(),
    // 191, not 255: indexed for findByPlanId's name order (utf8mb4 index limit).
    name: c.string(191),
    description: c.text().nullable(),
    active: c.boolean(),
    unitAmount: c.integer().min(0),
    currency: c.string(3),
    billingInterval: c.oneOf(QZPAY_ADD_ON_BILLING_INTERVALS, 32),
    billingIntervalCount: c.integer(),
    // Empty array = compatible with every plan; findByPlanId needs JSON membership or an app filter.
    compatiblePlanIds: c.json<string[]>('stringArray'),
    allowMultiple: c.boolean(),
    maxQuantity: c.integer().nullable(),
    entitlements: c.json<string[]>('stringArray'),
    limits: c.json<QZPayAddOnLimit[]>('array'),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    version: c.version(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    deletedAt: c.deletedAt(),
  },
  {
    indexes: [
      // findByPlanId orders by name.
      { name: 'billing_addons_name_idx', columns: ['name'] },
      { name: 'billing_addons_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
