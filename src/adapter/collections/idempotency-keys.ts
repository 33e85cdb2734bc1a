/**
 * `idempotencyKeys` (docs/contract.md §E2): request idempotency on `billing_idempotency_keys`, whose
 * primary key is the key itself, so two concurrent `begin` calls race on one insert.
 *
 * Lifetimes: `ttlMs` is the lock of the in-flight request (after it a crashed request's key can
 * be taken over); the key itself is remembered for KEY_RETENTION_MS (24 h, or `ttlMs` when
 * longer) from its `begin`, after which it counts as unused and `purgeExpired` removes it.
 * Keys are global (not livemode-scoped): the same key in another livemode is the same key.
 */
import {
  type QZPayIdempotencyBeginOptions,
  type QZPayIdempotencyBeginResult,
  QZPayEntityNotFoundError,
  QZPayIdempotencyMismatchError,
  type QZPayIdempotencyKeyStorage,
} from '../../contract/index.js';
import { eq, isNull, lt, or } from '../../repositories/conditions.js';
import type { RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { positiveInteger } from './input-checks.js';
import { insertOrWinner } from '../../repositories/entity.js';

type Row = RowFor<'idempotencyKeys'>;

/** How long a key is remembered after `begin` (at least the lock's `ttlMs`). */
export const KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

const STARTED: QZPayIdempotencyBeginResult = { state: 'started' };
const IN_PROGRESS: QZPayIdempotencyBeginResult = { state: 'in_progress' };

/** A freshly locked key: what `begin` inserts, or writes over an expired one. */
function lockedRow(key: string, opts: QZPayIdempotencyBeginOptions, ttlMs: number, now: Date, livemode: boolean): Row {
  return {
    key,
    operation: opts.operation,
    fingerprint: opts.fingerprint,
    state: 'in_progress',
    response: null,
    statusCode: null,
    lockedUntil: new Date(now.getTime() + ttlMs),
    expiresAt: new Date(now.getTime() + Math.max(KEY_RETENTION_MS, ttlMs)),
    livemode,
    createdAt: now,
    updatedAt: now,
  };
}

export function createIdempotencyKeys(env: CollectionEnv): QZPayIdempotencyKeyStorage {
  const repo = env.repos.idempotencyKeys;

  return {
    async begin(key, opts) {
      const ttlMs = positiveInteger('ttlMs', opts.ttlMs, '(milliseconds)');
      // Each pass either answers or saw the row change under it (released, purged, replaced,
      // taken over by another caller) and looks again. Three changes in a row: report busy.
      for (let pass = 0; pass < 3; pass++) {
        const now = env.now();
        const row = lockedRow(key, opts, ttlMs, now, env.livemode);
        // One try per pass: a winner that vanished is simply the next pass's question.
        const outcome = await insertOrWinner(repo, row, 'primary', [eq('key', key)], 1);
        if (outcome.inserted) return STARTED;
        const current = outcome.winner;
        if (!current) continue;

        if (current.expiresAt.getTime() < now.getTime()) {
          // An expired key is as good as unused, whatever request it belonged to.
          const { key: _key, ...fresh } = row;
          if (await repo.updateOne([eq('key', key)], [lt('expiresAt', now)], fresh)) return STARTED;
          continue;
        }
        if (current.fingerprint !== opts.fingerprint || current.operation !== opts.operation) {
          throw new QZPayIdempotencyMismatchError(key);
        }
        if (current.state === 'completed') {
          return { state: 'completed', response: current.response, statusCode: current.statusCode };
        }
        if (current.lockedUntil !== null && current.lockedUntil.getTime() >= now.getTime()) return IN_PROGRESS;

        // The request holding the lock crashed: one conditional UPDATE lets exactly one caller take over.
        const taken = await repo.updateOne(
          [eq('key', key)],
          [eq('state', 'in_progress'), eq('fingerprint', opts.fingerprint), or([isNull('lockedUntil')], [lt('lockedUntil', now)])],
          { lockedUntil: row.lockedUntil, updatedAt: now },
        );
        if (taken) return STARTED;
      }
      return IN_PROGRESS;
    },

    async complete(key, result) {
      const now = env.now();
      const patch = {
        state: 'completed' as const,
        response: result.response ?? null,
        statusCode: result.statusCode ?? null,
        lockedUntil: null,
        updatedAt: now,
      };
      if ((await repo.update([eq('key', key), eq('state', 'in_progress')], patch)) > 0) return;
      // Already completed: the first stored response stays, so every replay answers the same.
      if (!(await repo.findOne([eq('key', key)]))) throw new QZPayEntityNotFoundError(repo.entityType, key);
    },

    async release(key) {
      // Only an in-flight key: a completed one must keep answering replays.
      await repo.delete([eq('key', key), eq('state', 'in_progress')]);
    },

    async purgeExpired(now) {
      return repo.delete([lt('expiresAt', now ?? env.now())]);
    },
  };
}
