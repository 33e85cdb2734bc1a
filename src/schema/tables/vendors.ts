/** Marketplace vendors (contract §3.9); soft-deleted, versioned. */
import type { QZPayMetadata, QZPayPayoutSchedule } from '../../contract/index.js';
import { QZPAY_VENDOR_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';

export const vendors = defineTable(
  'billing_vendors',
  {
    id: c.id().primaryKey(),
    externalId: c.string(255),
    name: c.string(255),
    email: c.string(255),
    status: c.oneOf(QZPAY_VENDOR_STATUSES, 32),
    commissionRate: c.decimal(5, 2),
    payoutSchedule: c.json<QZPayPayoutSchedule>('object'),
    providerAccountIds: c.json<Record<string, string>>('stringMap'),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    version: c.version(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    deletedAt: c.deletedAt(),
  },
  {
    indexes: [
      // Contract §4.10 (DRZ): externalId is unique across livemodes and soft-deleted rows, so a
      // duplicate create rejects; findByExternalId then filters livemode on the single match.
      { name: 'billing_vendors_external_id_uq', columns: ['externalId'], unique: true },
      { name: 'billing_vendors_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
