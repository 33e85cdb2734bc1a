/**
 * `usageRecords` (docs/contract.md §E2): metered usage on `billing_usage_records`, the table
 * `limits.recordUsage` also appends to (its `limitKey` column is the metric name here).
 *
 * Like the contract's usage records these are not livemode-scoped on read (docs/contract.md
 * §6.2): they are addressed by subscription id. Quantities are non-negative integers; the
 * direction lives in `action`.
 */
import type { QZPayMeteredUsageRecord, QZPayUsageRecordStorage } from '../../contract/index.js';
import { asc, type Cond, desc, eq, gt, gte, lt, or } from '../../repositories/conditions.js';
import type { ColumnOf, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { nonNegativeInteger } from './input-checks.js';
import { insertOrWinner } from '../../repositories/entity.js';

/** A condition on usageRecords: its column keys only. */
type UsageCond = Cond<ColumnOf<'usageRecords'>>;

type Row = RowFor<'usageRecords'>;

const IDEMPOTENCY_INDEX = 'billing_usage_records_idempotency_key_uq';
/** Replay order of summarize(): timestamp, then insertion time, then id for a total order. */
const REPLAY_ORDER = [asc('timestamp'), asc('createdAt'), asc('id')];

export function toMeteredUsageRecord(row: Row): QZPayMeteredUsageRecord {
  return {
    id: row.id,
    customerId: row.customerId,
    subscriptionId: row.subscriptionId,
    metricName: row.limitKey,
    quantity: row.quantity,
    action: row.action,
    timestamp: row.timestamp,
    idempotencyKey: row.idempotencyKey,
    metadata: row.metadata,
    livemode: row.livemode,
    createdAt: row.createdAt,
  };
}

/** Rows strictly after `row` in replay order (timestamp, createdAt, id). */
function after(row: Row): UsageCond {
  return or(
    [gt('timestamp', row.timestamp)],
    [eq('timestamp', row.timestamp), gt('createdAt', row.createdAt)],
    [eq('timestamp', row.timestamp), eq('createdAt', row.createdAt), gt('id', row.id)],
  );
}

export function createUsageRecords(env: CollectionEnv): QZPayUsageRecordStorage {
  const repo = env.repos.usageRecords;

  return {
    async record(input) {
      const now = env.now();
      const row: Row = {
        id: input.id ?? env.newId(),
        customerId: input.customerId,
        subscriptionId: input.subscriptionId ?? null,
        limitKey: input.metricName,
        // The column is an integer but declares no minimum.
        quantity: nonNegativeInteger('quantity', input.quantity, '(the direction is the action)'),
        action: input.action ?? 'increment',
        timestamp: input.timestamp ?? now,
        idempotencyKey: input.idempotencyKey ?? null,
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        createdAt: now,
      };
      if (row.idempotencyKey === null) return toMeteredUsageRecord(await repo.insert(row));
      // A repeat with the same key answers the first record, whatever else it carries.
      const outcome = await insertOrWinner(repo, row, IDEMPOTENCY_INDEX, [eq('idempotencyKey', row.idempotencyKey)]);
      if (outcome.inserted) return toMeteredUsageRecord(outcome.stored);
      if (outcome.winner) return toMeteredUsageRecord(outcome.winner);
      throw new Error(`usage record ${row.idempotencyKey}: conflicting row vanished three times`);
    },

    async findBySubscriptionId(subscriptionId, opts) {
      const where: UsageCond[] = [eq('subscriptionId', subscriptionId)];
      if (opts?.metricName !== undefined) where.push(eq('limitKey', opts.metricName));
      if (opts?.from !== undefined) where.push(gte('timestamp', opts.from));
      if (opts?.to !== undefined) where.push(lt('timestamp', opts.to));
      const rows = await repo.findMany(where, { orderBy: REPLAY_ORDER });
      return rows.map(toMeteredUsageRecord);
    },

    async summarize(subscriptionId, metricName, period) {
      const scope: UsageCond[] = [
        eq('subscriptionId', subscriptionId),
        eq('limitKey', metricName),
        gte('timestamp', period.from),
        lt('timestamp', period.to),
      ];
      // Replaying every record is equivalent to: the last `set` of the period (or 0), plus the
      // increments and minus the decrements that follow it. Three aggregate queries instead of
      // loading the period into memory; one transaction so they read the same rows.
      return env.atomic(async () => {
        const lastSet = await repo.findOne([...scope, eq('action', 'set')], {
          orderBy: REPLAY_ORDER.map((o) => desc(o.col)),
        });
        const tail = lastSet ? [...scope, after(lastSet)] : scope;
        const added = await repo.sum('quantity', [...tail, eq('action', 'increment')]);
        const removed = await repo.sum('quantity', [...tail, eq('action', 'decrement')]);
        return (lastSet?.quantity ?? 0) + added - removed;
      });
    },
  };
}
