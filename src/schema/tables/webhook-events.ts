/** Provider webhook events received (docs/contract.md §E1, §2 webhookEvents). */
import { QZPAY_WEBHOOK_EVENT_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';

export const webhookEvents = defineTable(
  'billing_webhook_events',
  {
    id: c.id().primaryKey(),
    provider: c.string(64),
    providerEventId: c.string(255),
    type: c.string(255),
    payload: c.json<unknown>(),
    status: c.oneOf(QZPAY_WEBHOOK_EVENT_STATUSES, 16),
    attempts: c.integer(),
    lastError: c.text().nullable(),
    // Claim lease: a crashed worker's claim expires instead of blocking the event forever.
    lockedUntil: c.timestamp().nullable(),
    receivedAt: c.timestamp(),
    processedAt: c.timestamp().nullable(),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [
      // Providers redeliver events; two racing deliveries must record one row (record() reports duplicate).
      {
        name: 'billing_webhook_events_provider_event_uq',
        columns: ['provider', 'providerEventId'],
        unique: true,
      },
      { name: 'billing_webhook_events_status_received_at_idx', columns: ['status', 'receivedAt'] },
      { name: 'billing_webhook_events_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
