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
  /** Closes the underlying client (only for clients this library opened itself). */
  close(): Promise<void>;
}
