/** Usage records (contract §3.11 recordUsage, docs/contract.md §E2 usageRecords); append-only. */
import type { QZPayMetadata } from '../../contract/entities.js';
import { QZPAY_USAGE_ACTIONS } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';
import { subscriptions } from './subscriptions.js';

export const usageRecords = defineTable(
  'billing_usage_records',
  {
    id: c.id().primaryKey(),
    // A customer reference: DRZ pointed this at subscriptions and every insert failed (contract §4.12).
    customerId: c.id().references(() => customers, 'cascade'),
    subscriptionId: c.id().nullable().references(() => subscriptions, 'cascade'),
    // The metric name of the summarize().
    limitKey: c.string(191),
    quantity: c.integer(),
    action: c.oneOf(QZPAY_USAGE_ACTIONS, 16),
    timestamp: c.timestamp(),
    // A retried record() with the same key returns the first row instead of counting twice.
    idempotencyKey: c.string(191).nullable(),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
  },
  {
    indexes: [
      { name: 'billing_usage_records_idempotency_key_uq', columns: ['idempotencyKey'], unique: true },
      // summarize(subscriptionId, metric, period) replays records in timestamp order.
      {
        name: 'billing_usage_records_sub_key_timestamp_idx',
        columns: ['subscriptionId', 'limitKey', 'timestamp'],
      },
      { name: 'billing_usage_records_customer_key_idx', columns: ['customerId', 'limitKey'] },
    ],
  },
);
