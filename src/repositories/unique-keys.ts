/**
 * A table's unique keys as the repository needs them: the primary key's columns, a named unique
 * index (with its partial-index predicate), the conflict target an insert-or-ignore names, and
 * whether a driver error is a violation of one particular key. Written once for every table;
 * the dialect only says how it names a primary key and how it reports a violation.
 */
import { type Column, type SQL, sql } from 'drizzle-orm';
import type { DbErrorClass, DialectStrategy } from '../dialect/strategy.js';
import type { IndexSpec, TableDescription } from '../schema/describe.js';

export class UniqueKeys {
  constructor(
    private readonly description: TableDescription,
    private readonly column: (key: string) => Column,
    private readonly strategy: DialectStrategy,
  ) {}

  /** Key columns of the primary key: declared on the table, or the one marked on a column. */
  primaryKey(): readonly string[] {
    return this.description.primaryKey ?? Object.entries(this.description.columns).filter(([, c]) => c.spec.primaryKey).map(([k]) => k);
  }

  index(name: string): IndexSpec {
    const index = this.description.indexes.find((i) => i.name === name);
    if (!index) throw new Error(`${this.description.name} has no index ${name}`);
    return index;
  }

  /** What `insert … on conflict (…) do nothing` names for that index (or the primary key). */
  conflictTarget(indexName: string | 'primary'): { columns: Column[]; where?: SQL } {
    if (indexName === 'primary') return { columns: this.primaryKey().map((k) => this.column(k)) };
    const index = this.index(indexName);
    return {
      columns: index.columns.map((k) => this.column(k)),
      ...(index.where ? { where: sql`${this.column(index.where.column)} = ${sql.raw(`'${index.where.equals}'`)}` } : {}),
    };
  }

  /** The dialect's reading of a driver error (or of the driver error a typed error wraps). */
  classify(error: unknown): DbErrorClass | null {
    return this.strategy.classifyError(error instanceof Error && 'cause' in error && error.cause !== undefined ? error.cause : error);
  }

  /** Whether `error` is a unique violation of that index (by name, or by columns on SQLite). */
  isViolationOf(error: unknown, indexName: string | 'primary'): boolean {
    const found = this.classify(error);
    if (found?.kind !== 'unique') return false;
    if (found.constraint !== null) {
      return indexName === 'primary' ? this.strategy.writes.isPrimaryKeyName(found.constraint) : found.constraint === indexName;
    }
    if (found.columns === null) return false;
    const expected = indexName === 'primary' ? this.primaryKey() : this.index(indexName).columns;
    const names = expected.map((k) => this.column(k).name).sort();
    return names.join(',') === [...found.columns].sort().join(',');
  }
}
