/**
 * `subscriptionPollingJobs` (docs/contract.md §4.3): provider polling jobs for a host's cron
 * poller. Not livemode-aware. Two guarantees live in the database, not in this file:
 * - at most one `pending` job per (provider, providerResourceId) — the partial unique index
 *   `billing_subscription_polling_jobs_pending_resource_uq`, so concurrent creates cannot both win;
 * - an update is ONE conditional write on (id, version), so of two workers holding the same token
 *   exactly one gets the row back.
 */
import {
  type QZPaySubscriptionPollingJob,
  type QZPaySubscriptionPollingJobStorage,
  QZPayValidationError,
} from '../../contract/index.js';
import { asc, eq, increment, lte } from '../../repositories/conditions.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { nonNegativeInteger } from './input-checks.js';
import { setDefined } from '../../repositories/entity.js';

type Row = RowFor<'subscriptionPollingJobs'>;

const PENDING_RESOURCE_INDEX = 'billing_subscription_polling_jobs_pending_resource_uq';
const DEFAULT_INITIAL_DELAY_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 60;
/** Same clamp as upstream DRZ: a poller batch is never empty and never unbounded. */
const MAX_DUE_BATCH = 200;

export function toPollingJob(row: Row): QZPaySubscriptionPollingJob {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    provider: row.provider,
    providerResourceId: row.providerResourceId,
    resourceType: row.resourceType,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    nextPollAt: row.nextPollAt,
    lastPolledAt: row.lastPolledAt,
    lastProviderStatus: row.lastProviderStatus,
    lastError: row.lastError,
    metadata: row.metadata,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    version: row.version,
  };
}

function nonEmpty(field: string, value: unknown, hint: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new QZPayValidationError(field, hint);
  return value;
}

/** A delay, not a column: only the `nextPollAt` it yields is one. */
function delayMs(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new QZPayValidationError('initialDelayMs', 'must be a non-negative number');
  }
  return value;
}

export function createSubscriptionPollingJobs(env: CollectionEnv): QZPaySubscriptionPollingJobStorage {
  const repo = env.repos.subscriptionPollingJobs;
  const pending = eq('status', 'pending');

  return {
    async create(input) {
      // Storage cannot infer which payment adapter owns the resource: the caller must say.
      const provider = nonEmpty(
        'provider',
        input.provider,
        'is required: pass the payment provider name (e.g. "mercadopago"); storage cannot infer it',
      );
      const providerResourceId = nonEmpty('providerResourceId', input.providerResourceId, 'must be a non-empty string');
      const delay = delayMs(input.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS);
      // The column is an integer but declares no minimum.
      const maxAttempts = nonNegativeInteger('maxAttempts', input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      const now = env.now();
      const row: Row = {
        id: env.newId(),
        subscriptionId: input.subscriptionId,
        provider,
        providerResourceId,
        resourceType: input.resourceType ?? 'subscription',
        status: 'pending',
        attempts: 0,
        maxAttempts,
        nextPollAt: new Date(now.getTime() + delay),
        lastPolledAt: null,
        lastProviderStatus: null,
        lastError: null,
        metadata: input.metadata ?? {},
        createdAt: now,
        updatedAt: now,
        completedAt: null,
        version: env.newId(),
      };
      // Only the pending-resource conflict means "already scheduled"; an unknown subscription
      // (foreign key) or a duplicate id still rejects.
      const stored = await repo.insertIgnoringConflict(row, PENDING_RESOURCE_INDEX);
      return stored ? toPollingJob(stored) : null;
    },

    async update(input) {
      const now = env.now();
      const patch: Patch<'subscriptionPollingJobs'> = { version: env.newId(), updatedAt: now };
      setDefined(patch, input, ['status', 'lastPolledAt', 'lastProviderStatus', 'lastError', 'nextPollAt', 'completedAt']);
      if (input.incrementAttemptsBy !== undefined) {
        const by = nonNegativeInteger('incrementAttemptsBy', input.incrementAttemptsBy);
        // Added in SQL, inside the same conditional write: no read-modify-write window.
        if (by > 0) patch.attempts = increment(by);
      }
      // Unknown id and stale version both resolve null: the caller lost the job either way.
      const row = await repo.updateOne([eq('id', input.id)], [eq('version', input.expectedVersion)], patch);
      return row ? toPollingJob(row) : null;
    },

    async findById(id) {
      const row = await repo.findOne([eq('id', id)]);
      return row ? toPollingJob(row) : null;
    },

    async findActiveByProviderResourceId(provider, providerResourceId) {
      const row = await repo.findOne([eq('provider', provider), eq('providerResourceId', providerResourceId), pending]);
      return row ? toPollingJob(row) : null;
    },

    async findActiveBySubscriptionId(subscriptionId) {
      // Several pending jobs may exist (one per in-flight resource): the oldest, deterministically.
      const row = await repo.findOne([eq('subscriptionId', subscriptionId), pending], {
        orderBy: [asc('createdAt'), asc('id')],
      });
      return row ? toPollingJob(row) : null;
    },

    async findDuePending(now, limit) {
      if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new QZPayValidationError('now', 'must be a valid Date');
      if (typeof limit !== 'number' || Number.isNaN(limit)) throw new QZPayValidationError('limit', 'must be a number');
      const batch = Math.min(MAX_DUE_BATCH, Math.max(1, Math.trunc(limit)));
      const rows = await repo.findMany([pending, lte('nextPollAt', now)], {
        orderBy: [asc('nextPollAt'), asc('id')],
        limit: batch,
      });
      return rows.map(toPollingJob);
    },
  };
}
