/**
 * The execution seam: every statement the library runs goes through a `Connection`, and every
 * transaction starts at `Driver.begin()`. One small module per driver implements it; nothing
 * above this folder knows which client library is underneath.
 */
export type DialectName = 'pg' | 'mysql' | 'sqlite';

export interface Connection {
  /** Runs a statement that returns rows; each row is an array in selection order. */
  all(sql: string, params: readonly unknown[]): Promise<unknown[][]>;
  /** Runs a statement and returns the number of affected (matched, on MySQL) rows. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
  /** Runs a transaction-control statement (SAVEPOINT, ...) outside any prepared-statement cache. */
  control(sql: string): Promise<void>;
}

/** A connection held for one transaction; `commit`/`rollback` end it and give it back. */
export interface TransactionConnection extends Connection {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface Driver {
  readonly dialect: DialectName;
  /** Human-readable driver name for errors and logs, e.g. `postgres-js`. */
  readonly name: string;
  /** Statements outside any transaction (pool, or the single connection behind a mutex). */
  readonly root: Connection;
  /** Opens a transaction on a dedicated connection (pools) or takes the single connection. */
  begin(): Promise<TransactionConnection>;
}

/** A database this library opened itself from a URL (`connect`), with the way to close it. */
export interface OpenedDatabase {
  /** The Drizzle database on the new client. */
  readonly db: unknown;
  close(): Promise<void>;
}

/** Settings `connect()` applies when it opens a client itself. */
export interface OpenSettings {
  /** Pool size on the server dialects. */
  readonly poolSize: number;
  /** Named server-side prepared statements (PostgreSQL; `false` behind a transaction pooler). */
  readonly prepare: boolean;
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
