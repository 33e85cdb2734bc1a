/**
 * `webhookEvents` (docs/contract.md §E2): replay-safe recording on (provider, providerEventId), a
 * single-statement claim with a lease, and failure counting that ends in `dead`.
 *
 * Lifecycle: received → (claim) processing → processed, or → failed → (claim again) ... → dead.
 * `failed` events are claimable again at once; `processing` ones only after their lease expired
 * (a crashed worker). `processed` and `dead` events are never claimed.
 */
import { QZPayEntityNotFoundError, type QZPayWebhookEvent } from '../../contract/index.js';
import { eq, increment, inList, lt, or } from '../../repositories/conditions.js';
import { insertOrWinner, listing, updateById } from '../../repositories/entity.js';
import type { RowFor } from '../../repositories/table.js';
import type { QZPayDrizzleStorage } from '../../contract/extensions.js';
import type { CollectionEnv } from '../env.js';
import { positiveInteger } from './input-checks.js';

type Row = RowFor<'webhookEvents'>;

/** `markFailed` turns the event `dead` once its attempts reach this (unless the call says otherwise). */
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 5;
/** Default claim lease. */
export const DEFAULT_WEBHOOK_LEASE_MS = 60_000;

const UNIQUE_INDEX = 'billing_webhook_events_provider_event_uq';

export function toWebhookEvent(row: Row): QZPayWebhookEvent {
  return {
    id: row.id,
    provider: row.provider,
    providerEventId: row.providerEventId,
    type: row.type,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    lockedUntil: row.lockedUntil,
    receivedAt: row.receivedAt,
    processedAt: row.processedAt,
    livemode: row.livemode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function createWebhookEvents(env: CollectionEnv): QZPayDrizzleStorage['webhookEvents'] {
  const repo = env.repos.webhookEvents;

  return {
    async record(input) {
      const now = env.now();
      const row: Row = {
        id: input.id ?? env.newId(),
        provider: input.provider,
        providerEventId: input.providerEventId,
        type: input.type,
        payload: input.payload,
        status: 'received',
        attempts: 0,
        lastError: null,
        lockedUntil: null,
        receivedAt: input.receivedAt ?? now,
        processedAt: null,
        livemode: env.livemode,
        createdAt: now,
        updatedAt: now,
      };
      const key = [eq('provider', input.provider), eq('providerEventId', input.providerEventId)];
      // The unique index decides the race; the loser reads the winner's row.
      const outcome = await insertOrWinner(repo, row, UNIQUE_INDEX, key);
      if (outcome.inserted) return { event: toWebhookEvent(outcome.stored), duplicate: false };
      if (outcome.winner) return { event: toWebhookEvent(outcome.winner), duplicate: true };
      throw new Error(`webhook event ${input.provider}/${input.providerEventId}: conflicting row vanished three times`);
    },

    async claim(id, opts) {
      const leaseMs = positiveInteger('leaseMs', opts?.leaseMs ?? DEFAULT_WEBHOOK_LEASE_MS);
      const now = env.now();
      // One conditional UPDATE: of N concurrent claimers exactly one matches the guard.
      const row = await repo.updateOne(
        [eq('id', id)],
        [or([inList('status', ['received', 'failed'])], [eq('status', 'processing'), lt('lockedUntil', now)])],
        { status: 'processing', lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now },
      );
      return row ? toWebhookEvent(row) : null;
    },

    async markProcessed(id) {
      const now = env.now();
      const row = await updateById(repo, id, { status: 'processed', processedAt: now, lockedUntil: null, updatedAt: now });
      return toWebhookEvent(row);
    },

    async markFailed(id, error, options) {
      const maxAttempts = positiveInteger('maxAttempts', options?.maxAttempts ?? env.webhookMaxAttempts ?? DEFAULT_WEBHOOK_MAX_ATTEMPTS);
      const now = env.now();
      return env.atomic(async () => {
        // The increment happens in SQL and locks the row until the transaction ends, so the
        // `dead` decision below sees exactly this call's count.
        const failed = await repo.updateOne(
          [eq('id', id)],
          [],
          { status: 'failed', attempts: increment(1), lastError: error, lockedUntil: null, updatedAt: now },
        );
        if (!failed) throw new QZPayEntityNotFoundError(repo.entityType, id);
        if (failed.attempts < maxAttempts) return toWebhookEvent(failed);
        const dead = await repo.updateOne([eq('id', id)], [eq('attempts', failed.attempts)], { status: 'dead' });
        return toWebhookEvent(dead ?? failed);
      });
    },

    async findById(id) {
      const row = await repo.findOne([eq('id', id)]);
      return row ? toWebhookEvent(row) : null;
    },

    async findByProviderEventId(provider, providerEventId) {
      const row = await repo.findOne([eq('provider', provider), eq('providerEventId', providerEventId)]);
      return row ? toWebhookEvent(row) : null;
    },

    ...listing(repo, { where: [eq('livemode', env.livemode)] }, (rows) => rows.map(toWebhookEvent)),
  };
}
