/**
 * libsql (`@libsql/client`): statements take a mutex, so the adapter's use of the client stays
 * one-at-a-time as on any SQLite connection; how a transaction holds a connection depends on the client.
 *
 * A raw `BEGIN` sent through `client.execute` is only a transaction while every `execute` runs
 * on the same connection. That holds for local clients up to 0.15 (one connection); from 0.18 a
 * local client keeps a pool and rolls back whatever a borrowed connection left open when it comes
 * back, and a remote client (`libsql://`, `http://`, `ws://`) may send each call on a new stream.
 * There the client's own `transaction('write')` (BEGIN IMMEDIATE on a connection or stream it
 * keeps until commit/rollback) is the only real transaction. It cannot be used everywhere: a
 * 0.15 local client hands its one connection to the transaction and opens a new one for later
 * calls, which for `:memory:` is a new, empty database. So a local client is asked once which
 * kind it is (see `keepsConnection`).
 */
import { Mutex } from './mutex.js';
import { openTransaction } from './transaction.js';
import type { Connection, Driver, DriverModule, TransactionConnection } from './types.js';

interface LibsqlResult {
  rows: ArrayLike<unknown>[];
  rowsAffected: number;
}
interface LibsqlExecutor {
  execute(stmt: { sql: string; args: unknown[] }): Promise<LibsqlResult>;
}
interface LibsqlTransaction extends LibsqlExecutor {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Rolls back if still open and gives the connection back; never throws. */
  close(): void;
}
export interface LibsqlClient extends LibsqlExecutor {
  /** `file` for a local database; `libsql`, `http(s)`, `ws(s)` for a server. */
  readonly protocol: string;
  transaction(mode: 'write'): Promise<LibsqlTransaction>;
  executeMultiple(sql: string): Promise<void>;
  close(): void;
}

function connection(target: LibsqlExecutor): Connection {
  return {
    all: async (sql, params) => (await target.execute({ sql, args: params as unknown[] })).rows.map((r) => Array.from(r)),
    run: async (sql, params) => (await target.execute({ sql, args: params as unknown[] })).rowsAffected,
    control: async (sql) => {
      await target.execute({ sql, args: [] });
    },
  };
}

/**
 * Whether a local client keeps one connection across `execute` calls: a `BEGIN` followed by a
 * `ROLLBACK` succeeds only then (a pooled client has already rolled the BEGIN back, so its
 * ROLLBACK fails with "no transaction is active"). Asked once per client, under the mutex.
 */
async function keepsConnection(client: LibsqlClient): Promise<boolean> {
  if (client.protocol !== 'file') return false;
  await client.execute({ sql: 'BEGIN', args: [] });
  try {
    await client.execute({ sql: 'ROLLBACK', args: [] });
    return true;
  } catch {
    return false;
  }
}

// Stand-ins for COMMIT and ROLLBACK when the transaction is the client's: openTransaction ends a
// transaction with `control(words.commit | words.rollback)`, and these are routed to its methods.
const COMMIT = 'COMMIT /* client transaction */';
const ROLLBACK = 'ROLLBACK /* client transaction */';

function clientTransaction(tx: LibsqlTransaction, release: () => void): Promise<TransactionConnection> {
  const raw = connection(tx);
  return openTransaction(
    {
      conn: {
        all: raw.all,
        run: raw.run,
        control: (sql) => (sql === COMMIT ? tx.commit() : sql === ROLLBACK ? tx.rollback() : raw.control(sql)),
      },
      giveBack: () => {
        // After a failed COMMIT the transaction may still be open: close() rolls it back.
        tx.close();
        release();
      },
    },
    { begin: 'BEGIN IMMEDIATE', commit: COMMIT, rollback: ROLLBACK },
    async () => undefined, // the client already issued BEGIN IMMEDIATE
  );
}

function wrap(client: LibsqlClient): Driver {
  const mutex = new Mutex();
  const raw = connection(client);
  let ownConnection: Promise<boolean> | undefined;
  const driver: Driver = {
    dialect: 'sqlite',
    name: 'libsql',
    root: {
      all: (sql, params, options) => mutex.run(() => raw.all(sql, params), options?.maxWaitMs),
      run: (sql, params, options) => mutex.run(() => raw.run(sql, params), options?.maxWaitMs),
      control: (sql, maxWaitMs) => mutex.run(() => raw.control(sql), maxWaitMs),
    },
    async begin(maxWaitMs): Promise<TransactionConnection> {
      const release = await mutex.acquire(maxWaitMs);
      let tx: LibsqlTransaction | undefined;
      try {
        ownConnection ??= keepsConnection(client).catch((error: unknown) => {
          ownConnection = undefined; // e.g. SQLITE_BUSY on the probe: ask again next time
          throw error;
        });
        if (!(await ownConnection)) tx = await client.transaction('write');
      } catch (error) {
        release();
        throw error;
      }
      if (tx) return clientTransaction(tx, release);
      return openTransaction(
        {
          conn: raw,
          giveBack: async (failed, phase) => {
            // A failed COMMIT can leave the transaction open (SQLITE_BUSY): undo it before unlocking.
            if (failed && phase === 'commit') await raw.control('ROLLBACK').catch(() => undefined);
            release();
          },
        },
        { begin: 'BEGIN IMMEDIATE', commit: 'COMMIT', rollback: 'ROLLBACK' },
      );
    },
  };
  // Queued first behind the mutex: SQLite enforces foreign keys only when asked, per connection
  // (libsql's connections have them on already; this keeps it so on one that does not).
  void driver.root.control('PRAGMA foreign_keys = ON').catch(() => undefined);
  return driver;
}

export const libsql: DriverModule = {
  name: 'libsql',
  dialect: 'sqlite',
  sessionKind: 'LibSQLSession',
  wrap: (client) => wrap(client as LibsqlClient),
};
