/** Provider polling jobs (contract §3.3, §4.3); not livemode-aware; string version token. */
import type {
  QZPayMetadata,
} from '../../contract/index.js';
import { QZPAY_POLLING_RESOURCE_TYPES, QZPAY_SUBSCRIPTION_POLLING_JOB_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { subscriptions } from './subscriptions.js';

export const subscriptionPollingJobs = defineTable(
  'billing_subscription_polling_jobs',
  {
    id: c.id().primaryKey(),
    subscriptionId: c.id().references(() => subscriptions, 'cascade'),
    provider: c.string(64),
    providerResourceId: c.string(255),
    resourceType: c.oneOf(QZPAY_POLLING_RESOURCE_TYPES, 32),
    status: c.oneOf(QZPAY_SUBSCRIPTION_POLLING_JOB_STATUSES, 32),
    attempts: c.integer(),
    maxAttempts: c.integer(),
    nextPollAt: c.timestamp(),
    lastPolledAt: c.timestamp().nullable(),
    lastProviderStatus: c.text().nullable(),
    lastError: c.text().nullable(),
    metadata: c.json<QZPayMetadata>('object'),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    completedAt: c.timestamp().nullable(),
    // Optimistic-lock UUID rotated on every update: a worker holding a stale token gets null back.
    version: c.string(36),
  },
  {
    indexes: [
      // Two checkouts on one subscription each need their own pending job, so the key is the
      // resource, not the subscription; terminal jobs never block a new pending one.
      {
        name: 'billing_subscription_polling_jobs_pending_resource_uq',
        columns: ['provider', 'providerResourceId'],
        unique: true,
        where: { column: 'status', equals: 'pending' },
      },
      // findActiveBySubscriptionId: oldest pending job of the subscription.
      {
        name: 'billing_subscription_polling_jobs_sub_status_created_idx',
        columns: ['subscriptionId', 'status', 'createdAt'],
      },
      // findDuePending: pending jobs with nextPollAt <= now, earliest first.
      { name: 'billing_subscription_polling_jobs_status_next_poll_idx', columns: ['status', 'nextPollAt'] },
    ],
  },
);
