/**
 * The one interface behind which every SQL difference between the three dialects lives.
 * Repositories talk to a `DialectStrategy`; only `pg.ts`, `mysql.ts` and `sqlite.ts` implement it.
 */
import type { Column, SQL, Table } from 'drizzle-orm';
import type { ColumnSpec } from '../schema/describe.js';
import type { TableKey } from '../schema/registry.js';
import type { DialectName } from './drivers/types.js';

/** A rendered statement; `params` may hold Drizzle placeholders to bind at execution. */
export interface RenderedQuery {
  toSQL(): { sql: string; params: unknown[] };
}

/** What a driver error means, independent of dialect; `null` for anything else. */
export type DbErrorClass =
  | { kind: 'unique'; constraint: string | null; columns: string[] | null }
  | { kind: 'foreignKey'; constraint: string | null }
  /**
   * `unexecuted`: the server ended the session before the statement could commit (PostgreSQL
   * 57P01-57P03), so running it again cannot write twice.
   */
  | { kind: 'connection'; unexecuted?: boolean }
  /** Deadlock victim or serialization failure: the transaction is rolled back, safe to re-run. */
  | { kind: 'deadlock' }
  | { kind: 'timeout' }
  /** A table or column of the library's schema does not exist: the database was not migrated. */
  | { kind: 'schemaMissing'; missing: string | null }
  /** The target is read-only; `retryable` when a failover or new connection can change that. */
  | { kind: 'readOnly'; retryable: boolean }
  | { kind: 'full' };

export interface Assignment {
  column: Column;
  value: SQL | unknown;
}

/**
 * The minimal, dialect-erased surface of Drizzle's query builders the repository core renders
 * statements with. Each dialect module adapts its own typed database to it, so the one place a
 * type is erased is there, not at every call site.
 */
export interface StatementBuilder {
  select(fields: Record<string, SQL | SQL.Aliased>, table: Table, where: SQL | undefined, tail: SelectTail): RenderedQuery;
  /** One row, or several in one multi-row statement. */
  insert(table: Table, values: Record<string, unknown> | Array<Record<string, unknown>>, conflict?: ConflictTarget): RenderedQuery;
  update(table: Table, set: Record<string, unknown>, where: SQL | undefined, returning?: Record<string, SQL | SQL.Aliased>): RenderedQuery;
  delete(table: Table, where: SQL | undefined): RenderedQuery;
}

export interface SelectTail {
  orderBy?: SQL[];
  limit?: unknown;
  offset?: unknown;
  forUpdate?: boolean;
}

/** `ignore`: insert unless that unique index (or the primary key) already holds the key. */
export interface ConflictTarget {
  columns: Column[];
  where?: SQL;
}

/**
 * How a validated value is handed to this dialect's driver, for the kinds whose wire format
 * differs. values.ts owns the conversions and calls these for the last step only.
 */
export interface WireFormat {
  boolean(value: boolean): unknown;
  /** A valid Date within years 1-9999. */
  timestamp(value: Date): unknown;
  decimal(value: number, scale: number): unknown;
}

/** The steps of a single-row update, as the repository runs them for one call. */
export interface UpdateOneSteps<R> {
  /** UPDATE ... RETURNING: the row as written, or null when nothing matched. */
  returning(): Promise<R | null>;
  /** A plain UPDATE, then the row re-selected by its key, both in one transaction. */
  updateThenReselect(): Promise<R | null>;
}

/** The steps of an insert that yields to a row already holding its unique key. */
export interface InsertIgnoringSteps<R> {
  /** INSERT ... ON CONFLICT (key columns) DO NOTHING: the stored row, or null when skipped. */
  onConflictDoNothing(): Promise<R | null>;
  /** A plain INSERT whose duplicate-key error (for that key only) becomes null. */
  insertCatchingDuplicate(): Promise<R | null>;
}

export interface WriteAlgorithms {
  updateOne<R>(steps: UpdateOneSteps<R>): Promise<R | null>;
  insertIgnoringConflict<R>(steps: InsertIgnoringSteps<R>): Promise<R | null>;
  /** Whether a unique violation's constraint name is the table's primary key. */
  isPrimaryKeyName(constraint: string): boolean;
  /**
   * Whether a duplicate-key check leaves shared (next-key) locks behind until the transaction
   * ends (InnoDB). Then two transactions replaying the same key and writing on deadlock on each
   * other's locks, so writers of one parent row queue on that row first; elsewhere the unique
   * index alone decides and the queueing is a wasted round trip.
   */
  readonly duplicateChecksHoldLocks: boolean;
}

export interface DialectStrategy {
  readonly name: DialectName;
  readonly tables: Record<TableKey, Table>;
  readonly builder: StatementBuilder;
  readonly wire: WireFormat;
  /** How this dialect writes one row (the algorithms; repositories/table.ts supplies the steps). */
  readonly writes: WriteAlgorithms;
  /** How a column is selected so every driver returns the same raw shape (see values.ts). */
  readExpr(column: Column, spec: ColumnSpec): SQL;
  /** `value` (a JSON-encoded string) is an element of the JSON array in `column`. */
  jsonArrayContains(column: Column, value: SQL | unknown): SQL;
  /** The stored JSON object with `value` (JSON text of a flat object) merged in key by key. */
  jsonMerge(column: Column, value: SQL | unknown): SQL;
  classifyError(error: unknown): DbErrorClass | null;
  /** SQL the migrator needs; run on the migrating transaction's own connection. */
  readonly migrations: MigrationSql;
}

export interface MigrationSql {
  /** Creates the library's own journal table (`qzpay_drizzle_migrations`) when missing. */
  readonly createJournal: string;
  /**
   * A transaction-scoped lock statement serialising concurrent migrators (released by COMMIT or
   * ROLLBACK); `null` where the transaction itself is exclusive (SQLite) or `lease` is used.
   */
  readonly lock: string | null;
  /** A lease row instead, where DDL commits implicitly and a session lock is not cluster-wide. */
  readonly lease: MigrationLeaseSql | null;
  /** Whether DDL is transactional (a failed migration then leaves nothing behind). */
  readonly transactionalDdl: boolean;
  /** Records one applied migration: parameters (tag, hash, applied-at epoch ms). */
  readonly record: string;
  /** One row per table name that exists in the current schema: parameter (table name). */
  readonly tableExists: string;
  /**
   * Where DDL is not transactional: the per-statement progress of a half-applied migration, so
   * an interrupted run resumes at the statement it stopped at. `null` where DDL rolls back.
   */
  readonly progress: MigrationProgressSql | null;
  /** Names of the triggers in the current schema (no parameters): adopting a host's schema. */
  readonly triggerNames: string;
  /** Quotes a table or column name (adoption probes name columns such as `key`). */
  readonly quote: (name: string) => string;
}

/** The lock row of src/migrate/lease.ts; every statement runs in autocommit. */
export interface MigrationLeaseSql {
  readonly create: string;
  /** Inserts the free lock row when missing. */
  readonly seed: string;
  /** One row: owner ('' when free), holder, expires-at, ms until it expires (server clock). */
  readonly read: string;
  /** Parameters (owner, holder, lease ms, owner read, expires-at read): 1 row when taken. */
  readonly take: string;
  /** Parameters (lease ms, owner): 1 row while still the owner. */
  readonly renew: string;
  /** Parameter (owner). */
  readonly release: string;
  /** One row: this server's identity, this session's id. */
  readonly identity: string;
  /** A row while the session with this id (parameter) exists on this server. */
  readonly sessionAlive: string;
}

export interface MigrationProgressSql {
  readonly create: string;
  /**
   * Opens a transaction again: a DDL's implicit commit leaves the session in autocommit, so
   * without it a seed row and its progress record would commit separately.
   */
  readonly begin: string;
  /** Parameters (tag, index of the next statement to run). */
  readonly set: string;
  /** Parameter (tag). */
  readonly clear: string;
  readonly read: string;
  /** The error says the statement's object already exists (a DDL that committed before the crash). */
  alreadyApplied(error: unknown): boolean;
}
