/** Customer limits (contract §3.11, §4.12); one row per (customer, key); livemode stamped internally. */
import { QZPAY_SOURCE_TYPES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';

export const customerLimits = defineTable(
  'billing_customer_limits',
  {
    // Internal surrogate key: the contract's customer limit has no id.
    id: c.id().primaryKey(),
    customerId: c.id().references(() => customers, 'cascade'),
    limitKey: c.string(191),
    maxValue: c.integer(),
    // Advanced by a single SQL increment so concurrent increments never lose an update.
    currentValue: c.integer(),
    resetAt: c.timestamp().nullable(),
    source: c.oneOf(QZPAY_SOURCE_TYPES, 32),
    // Plain string, not an id: sources may be config plans or other non-UUID ids (contract §2.7.1).
    sourceId: c.string(191).nullable(),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [
      // set() is an upsert on this key; two concurrent sets must not create two rows.
      { name: 'billing_customer_limits_customer_key_uq', columns: ['customerId', 'limitKey'], unique: true },
      // deleteBySource
      { name: 'billing_customer_limits_source_idx', columns: ['source', 'sourceId'] },
    ],
  },
);
