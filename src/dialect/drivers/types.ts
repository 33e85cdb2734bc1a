/**
 * The execution seam: every statement the library runs goes through a `Connection`, and every
 * transaction starts at `Driver.begin()`. One small module per driver implements it; nothing
 * above this folder knows which client library is underneath.
 */
import type { QZPayDrizzleDatabase } from '../database.js';

export type DialectName = 'pg' | 'mysql' | 'sqlite';

/** How one statement runs. */
export interface StatementOptions {
  /**
   * Limits the wait for the connection where a statement queues on the driver's own lock
   * (single-connection drivers; see Mutex); a pool's statements queue in the client's pool.
   */
  readonly maxWaitMs?: number;
  /**
   * Run without keeping a prepared statement in the driver or on the server (a shape outside the
   * bounded prepared set, repositories/statements.ts); the result is the same as prepared.
   */
  readonly unprepared?: boolean;
}

export interface Connection {
  /** Runs a statement that returns rows; each row is an array in selection order. */
  all(sql: string, params: readonly unknown[], options?: StatementOptions): Promise<unknown[][]>;
  /** Runs a statement and returns the number of affected (matched, on MySQL) rows. */
  run(sql: string, params: readonly unknown[], options?: StatementOptions): Promise<number>;
  /** Runs a transaction-control statement (SAVEPOINT, ...) outside any prepared-statement cache. */
  control(sql: string, maxWaitMs?: number): Promise<void>;
}

/** A connection held for one transaction; `commit`/`rollback` end it and give it back. */
export interface TransactionConnection extends Connection {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /**
   * Ends the transaction past its time limit. With no statement running: ROLLBACK. With one still
   * running, ROLLBACK cannot run before it: the connection is dropped where the driver can (the
   * server rolls back when its session ends), else rolled back in the background once the
   * statement settles. Resolves once the connection is no longer the transaction's to use.
   */
  abort(): Promise<void>;
}

export interface Driver {
  readonly dialect: DialectName;
  /** Human-readable driver name for errors and logs, e.g. `postgres-js`. */
  readonly name: string;
  /** Statements outside any transaction (pool, or the single connection behind a mutex). */
  readonly root: Connection;
  /**
   * Opens a transaction on a dedicated connection (pools) or takes the single connection; waits
   * at most `maxWaitMs` for it (0 or absent: no limit), then rejects with QZPayLockTimeoutError.
   */
  begin(maxWaitMs?: number): Promise<TransactionConnection>;
}

/** A database this library opened itself from a URL (`connect`), with the way to close it. */
export interface OpenedDatabase {
  /** The Drizzle database on the new client. */
  readonly db: QZPayDrizzleDatabase;
  close(): Promise<void>;
}

/** Settings `connect()` applies when it opens a client itself. */
export interface OpenSettings {
  /** Pool size on the server dialects. */
  readonly poolSize: number;
  /** Named server-side prepared statements (PostgreSQL; `false` behind a transaction pooler). */
  readonly prepare: boolean;
  /** Per-session limit on one statement, ms (0: none). SQLite cannot interrupt one: unused there. */
  readonly statementTimeoutMs: number;
  /** Per-session limit on waiting for a row/table lock, ms (0: none); SQLite's busy timeout. */
  readonly lockTimeoutMs: number;
}

/**
 * How the library talks to one client, read on every statement. `prepare: false` runs every
 * statement unnamed: a transaction pooler (PgBouncer < 1.21, or without max_prepared_statements)
 * hands each transaction a different server session, where a named statement is missing or exists twice.
 */
export interface DriverSettings {
  readonly prepare: boolean;
}

/**
 * Everything about one driver: how a Drizzle database on it is recognised (the entity kind of
 * Drizzle's session class, so no driver package is imported to find out), how its client is
 * wrapped into a `Driver`, and, for the drivers `connect()` uses, how one is opened from a URL.
 * Closing a client stays with whoever opened it: a host's client is the host's to close.
 */
export interface DriverModule {
  readonly name: string;
  readonly dialect: DialectName;
  readonly sessionKind: string;
  wrap(client: unknown, settings: DriverSettings): Driver;
  open?(target: string, settings: OpenSettings): Promise<OpenedDatabase>;
}
