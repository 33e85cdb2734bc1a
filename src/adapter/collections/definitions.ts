/**
 * What entitlements and limits share (contract §4.11, §4.12): a catalogue of definitions keyed by
 * a unique `key` with no livemode, and per-customer rows written by idempotent upserts. Kept here
 * so neither collection imports from the other.
 */
import { QZPayStorageError } from '../../contract/index.js';
import { asc, eq } from '../../repositories/conditions.js';
import type { RowFor, TableRepository } from '../../repositories/table.js';

/**
 * Key order compared as UTF-8 bytes (= code points), done here rather than by ORDER BY: a
 * PostgreSQL database's default collation may be linguistic, so SQL order could differ per dialect.
 */
export function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

type DefinitionTable = 'entitlementDefinitions' | 'limitDefinitions';

/** `createDefinition`, `findDefinitionByKey` and `listDefinitions` of one definitions table. */
export function definitionMethods<K extends DefinitionTable, In, Out extends { key: string }>(
  repo: TableRepository<K>,
  toRow: (input: In) => RowFor<K>,
  toEntity: (row: RowFor<K>) => Out,
) {
  return {
    async createDefinition(input: In): Promise<Out> {
      // Duplicate key (or id) → QZPayUniqueConstraintError (DRZ; MEM overwrote by key).
      return toEntity(await repo.insert(toRow(input)));
    },
    async findDefinitionByKey(key: string): Promise<Out | null> {
      const row = await repo.findOne([eq('key', key)]);
      return row ? toEntity(row) : null;
    },
    async listDefinitions(): Promise<Out[]> {
      const rows = await repo.findMany([], { orderBy: [asc('key')] });
      return rows.map(toEntity).sort((a, b) => byUtf8(a.key, b.key));
    },
  };
}

/** Rounds of insert-or-update; another round is needed only when a concurrent delete wins in between. */
const MAX_ROUNDS = 32;

/**
 * Drives an idempotent upsert (`grant`, `limits.set`): `round()` resolves the result, or `null`
 * when the row it conflicted with was deleted before it could be updated (run another round).
 */
export async function upsertRounds<T>(what: string, round: () => Promise<T | null>): Promise<T> {
  for (let rounds = 0; rounds < MAX_ROUNDS; rounds++) {
    // Deadlock victims are re-run by the repository core (statements and env.atomic).
    const result = await round();
    if (result !== null) return result;
  }
  throw new QZPayStorageError(`${what}: the row kept being deleted by concurrent writers; gave up after ${MAX_ROUNDS} rounds`);
}
