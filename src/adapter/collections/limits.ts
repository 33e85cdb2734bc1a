/**
 * `limits` (docs/contract.md §4.12): definitions (unique key, no livemode), one customer limit per
 * (customer, key), and the append-only usage log of `recordUsage`.
 */
import {
  QZPayEntityNotFoundError,
  QZPayValidationError,
  type QZPayCustomerLimit,
  type QZPayLimit,
  type QZPayCappedIncrementResult,
  type QZPayDrizzleLimitStorage,
  type QZPayIncrementLimitInput,
  type QZPayUsageRecord,
} from '../../contract/index.js';
import { asc, type Cond, eq, gte, increment, lte, lteColumnMinus } from '../../repositories/conditions.js';
import type { ColumnOf, Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { byUtf8, definitionMethods, upsertRounds } from './definitions.js';

/** A condition on customerLimits: its column keys only. */
type LimitCond = Cond<ColumnOf<'customerLimits'>>;

type DefinitionRow = RowFor<'limitDefinitions'>;
type LimitRow = RowFor<'customerLimits'>;
type UsageRow = RowFor<'usageRecords'>;

const LIMIT_KEY_INDEX = 'billing_customer_limits_customer_key_uq';

export function toLimit(row: DefinitionRow): QZPayLimit {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    defaultValue: row.defaultValue,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toCustomerLimit(row: LimitRow): QZPayCustomerLimit {
  return {
    customerId: row.customerId,
    limitKey: row.limitKey,
    maxValue: row.maxValue,
    currentValue: row.currentValue,
    resetAt: row.resetAt,
    source: row.source,
    sourceId: row.sourceId,
  };
}

export function createLimits(env: CollectionEnv): QZPayDrizzleLimitStorage {
  const definitions = env.repos.limitDefinitions;
  const limits = env.repos.customerLimits;
  const usage = env.repos.usageRecords;
  const pair = (customerId: string, key: string): LimitCond[] => [eq('customerId', customerId), eq('limitKey', key)];

  /**
   * One conditional UPDATE: `current_value + by` computed by the database, so concurrent
   * increments never lose an update, and guarded in the WHERE clause so the sum never leaves
   * ±(2^53-1) (past it SQLite stored 2^53+1 while returning 2^53, PostgreSQL and MariaDB raised
   * raw range errors) and, when capped, never passes maxValue. No row matched = nothing written;
   * a re-read tells a missing row from a guard that refused.
   */
  async function incrementBy(input: QZPayIncrementLimitInput, cap: boolean): Promise<QZPayCappedIncrementResult> {
    const by = input.incrementBy ?? 1;
    if (typeof by !== 'number' || !Number.isSafeInteger(by)) {
      throw new QZPayValidationError('incrementBy', 'must be an integer');
    }
    const where = pair(input.customerId, input.limitKey);
    const guard: LimitCond[] = [by >= 0 ? lte('currentValue', Number.MAX_SAFE_INTEGER - by) : gte('currentValue', -Number.MAX_SAFE_INTEGER - by)];
    if (cap) guard.push(lteColumnMinus('currentValue', 'maxValue', by));
    // No cap at maxValue by default (contract §4.12): the caller decides what exceeding means.
    const row = await limits.updateOne(where, guard, { currentValue: increment(by), updatedAt: env.now() });
    if (row) return { applied: true, limit: toCustomerLimit(row) };
    const current = await limits.findOne(where);
    if (!current) throw new QZPayEntityNotFoundError(limits.entityType, `${input.customerId}/${input.limitKey}`);
    const sum = current.currentValue + by;
    if (!Number.isSafeInteger(sum)) throw new QZPayValidationError('incrementBy', 'would take currentValue outside ±(2^53-1)');
    if (cap && sum > current.maxValue) return { applied: false, limit: toCustomerLimit(current) };
    // The row changed between the refused update and the re-read (a concurrent increment or
    // set): try again against its new value.
    return incrementBy(input, cap);
  }

  return {
    ...definitionMethods(
      definitions,
      (limit: QZPayLimit): DefinitionRow => ({
        id: limit.id,
        key: limit.key,
        name: limit.name,
        description: limit.description ?? null,
        defaultValue: limit.defaultValue,
        createdAt: limit.createdAt,
        updatedAt: limit.updatedAt,
      }),
      toLimit,
    ),

    async set(input) {
      const now = env.now();
      const terms = {
        maxValue: input.maxValue,
        resetAt: input.resetAt ?? null,
        source: input.source ?? 'manual',
        sourceId: input.sourceId ?? null,
      };
      const where = pair(input.customerId, input.limitKey);
      return upsertRounds('limits.set', async () => {
        const row: LimitRow = {
          id: env.newId(),
          customerId: input.customerId,
          limitKey: input.limitKey,
          ...terms,
          currentValue: 0,
          livemode: env.livemode,
          createdAt: now,
          updatedAt: now,
        };
        // Two single statements, each atomic, instead of one transaction around both: on MySQL
        // the duplicate-key error leaves a shared lock on the row until the transaction ends,
        // and losers that hold it and then update deadlock each other (see entitlements.grant).
        // Inside a caller's transaction both statements join it.
        const stored = await limits.insertIgnoringConflict(row, LIMIT_KEY_INDEX);
        if (stored) return toCustomerLimit(stored);
        // The row exists: overwrite its terms in one statement. currentValue is not part of it
        // (as DRZ), so the usage counted so far survives a plan change. null = a
        // concurrent delete removed the row in between: another round inserts it.
        const patch: Patch<'customerLimits'> = { ...terms, updatedAt: now };
        const updated = await limits.updateOne(where, [], patch);
        return updated ? toCustomerLimit(updated) : null;
      });
    },

    async delete(customerId, limitKey) {
      // Idempotent (contract §5 item 17): deleting nothing is not an error.
      await limits.delete(pair(customerId, limitKey));
    },

    async deleteBySource(source, sourceId) {
      return limits.delete([eq('source', source), eq('sourceId', sourceId)]);
    },

    async increment(input) {
      return (await incrementBy(input, false)).limit;
    },

    async incrementCapped(input) {
      return incrementBy(input, true);
    },

    async findByCustomerId(customerId) {
      const rows = await limits.findMany([eq('customerId', customerId)], { orderBy: [asc('limitKey')] });
      return rows.map(toCustomerLimit).sort((a, b) => byUtf8(a.limitKey, b.limitKey));
    },

    async check(customerId, limitKey) {
      const row = await limits.findOne(pair(customerId, limitKey));
      return row ? toCustomerLimit(row) : null;
    },

    async recordUsage(record) {
      const row: UsageRow = {
        id: record.id,
        // A customer reference (FK to customers): DRZ wrote it into a subscription FK.
        customerId: record.customerId,
        subscriptionId: null,
        limitKey: record.limitKey,
        quantity: record.quantity,
        action: record.action,
        timestamp: record.timestamp,
        idempotencyKey: null,
        metadata: record.metadata,
        livemode: env.livemode,
        createdAt: env.now(),
      };
      // Only appends: no customer limit's currentValue changes (contract §4.12).
      const stored = await usage.insert(row);
      const usageRecord: QZPayUsageRecord = {
        id: stored.id,
        customerId: stored.customerId,
        limitKey: stored.limitKey,
        quantity: stored.quantity,
        action: stored.action,
        timestamp: stored.timestamp,
        metadata: stored.metadata,
      };
      return usageRecord;
    },
  };
}
