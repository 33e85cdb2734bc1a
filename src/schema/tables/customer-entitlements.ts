/** Entitlement grants (contract §3.10, §4.11); one row per (customer, key); livemode stamped internally. */
import { QZPAY_SOURCE_TYPES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';

export const customerEntitlements = defineTable(
  'billing_customer_entitlements',
  {
    // Internal surrogate key: the contract's grant has no id.
    id: c.id().primaryKey(),
    customerId: c.id().references(() => customers, 'cascade'),
    entitlementKey: c.string(191),
    grantedAt: c.timestamp(),
    expiresAt: c.timestamp().nullable(),
    source: c.oneOf(QZPAY_SOURCE_TYPES, 32),
    // Plain string, not an id: sources may be config plans or other non-UUID ids (contract §2.7.1).
    sourceId: c.string(191).nullable(),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [
      // Two concurrent grants of one key must not leave two rows. grant() upserts on this key:
      // an active grant is extended per §4.11, an expired one is overwritten (grantedAt = now),
      // so expired grants are not kept as history (docs/contract.md §E3 over §4.11's "may remain").
      {
        name: 'billing_customer_entitlements_customer_key_uq',
        columns: ['customerId', 'entitlementKey'],
        unique: true,
      },
      // revokeBySource
      { name: 'billing_customer_entitlements_source_idx', columns: ['source', 'sourceId'] },
    ],
  },
);
