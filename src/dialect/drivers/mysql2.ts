/** mysql2: a pool hands one connection to each transaction; a lone connection uses the mutex. */
import { StatementNotSentError } from '../errors.js';
import { singleConnectionDriver } from './single-connection.js';
import { loadPeer } from './peer.js';
import { openTransaction, PLAIN, waitLimited } from './transaction.js';
import type { Connection, Driver, DriverModule, OpenedDatabase, OpenSettings, StatementOptions, TransactionConnection } from './types.js';

interface MySqlQueryable {
  // `execute` prepares each statement once per connection and reuses it (mysql2's own cache).
  execute(sql: string, values: unknown[]): Promise<[unknown, unknown]>;
  query(sql: string): Promise<[unknown, unknown]>;
  /** Closes the connection's prepared statement for `sql` and drops it from mysql2's cache. */
  unprepare(sql: string): unknown;
}
export interface MySqlPromisePool extends MySqlQueryable {
  getConnection(): Promise<MySqlQueryable & { release(): void; destroy(): void }>;
  end(): Promise<void>;
}
export type MySqlPromiseConnection = MySqlQueryable & { end(): Promise<void> };

/** Drizzle accepts callback-style clients too; both expose `.promise()`. */
export function toPromiseClient(client: unknown): MySqlPromisePool | MySqlPromiseConnection {
  const c = client as { promise?: () => unknown; getConnection?: unknown };
  if (typeof c.promise === 'function' && !(c.constructor?.name ?? '').startsWith('Promise')) {
    return c.promise() as MySqlPromisePool;
  }
  return client as MySqlPromisePool;
}

/**
 * mysql2 refuses a command on a connection it already saw fail (a pooled connection killed while
 * idle is still handed out) with this error, raised before anything is written to the socket.
 */
function isClosedState(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("Can't add new command when connection is in closed state");
}

function closedState(error: unknown): never {
  if (isClosedState(error)) throw new StatementNotSentError(error);
  throw error;
}

/**
 * Runs `fn` on one connection of `target` that nothing else uses meanwhile: a pool lends one, a
 * connection is already exclusive here (a transaction's statements, and a lone connection's,
 * run one at a time behind the library's locks).
 */
type Lend = <T>(fn: (conn: MySqlQueryable) => Promise<T>) => Promise<T>;

function connection(target: MySqlQueryable, lend: Lend = (fn) => fn(target)): Connection {
  const execute = (sql: string, params: readonly unknown[], options: StatementOptions | undefined) => {
    if (options?.unprepared !== true) return target.execute(sql, params as unknown[]).catch(closedState);
    // The binary protocol as for any statement (same value types), then the statement is closed
    // on the server, so a shape outside the prepared set leaves nothing there.
    return lend(async (conn) => {
      const result = await conn.execute(sql, params as unknown[]).catch((error: unknown) => {
        // A connection that just died holds nothing on the server any more.
        if (!isLost(error)) conn.unprepare(sql);
        return closedState(error);
      });
      conn.unprepare(sql);
      return result;
    });
  };
  return {
    all: async (sql, params, options) => {
      // The plain (text, values) form: mysql2's options-object form costs ~6 µs more per call
      // (measured in bench/). Rows come back as objects keyed by column name; every selection
      // the library renders has distinct, non-numeric names, so the values keep column order.
      const [rows] = await execute(sql, params, options);
      // A statement without a result set (KILL, SET ...) answers with a header, not rows.
      if (!Array.isArray(rows)) return [];
      return (rows as unknown[]).map((row) => (Array.isArray(row) ? row : Object.values(row as object)));
    },
    run: async (sql, params, options) => {
      const [header] = await execute(sql, params, options);
      return (header as { affectedRows?: number }).affectedRows ?? 0;
    },
    control: async (sql) => {
      await target.query(sql).catch(closedState);
    },
  };
}

/** A fatal mysql2 error (the connection is gone), or one it raised before sending. */
function isLost(error: unknown): boolean {
  return (error as { fatal?: unknown } | null)?.fatal === true || isClosedState(error);
}

function lendFrom(pool: MySqlPromisePool): Lend {
  return async (fn) => {
    const pooled = await pool.getConnection().catch(closedState);
    let lost = false;
    try {
      return await fn(pooled);
    } catch (error) {
      lost = isLost(error) || error instanceof StatementNotSentError;
      throw error;
    } finally {
      // A lost connection must not go back to the pool for the next caller.
      if (lost) pooled.destroy();
      else pooled.release();
    }
  };
}

function isPool(client: MySqlPromisePool | MySqlPromiseConnection): client is MySqlPromisePool {
  return typeof (client as MySqlPromisePool).getConnection === 'function';
}

function wrap(rawClient: unknown): Driver {
  const client = toPromiseClient(rawClient);
  if (!isPool(client)) return singleConnectionDriver('mysql', 'mysql2', connection(client));
  return {
    dialect: 'mysql',
    name: 'mysql2',
    root: connection(client, lendFrom(client)),
    async begin(maxWaitMs): Promise<TransactionConnection> {
      const pooled = await waitLimited(client.getConnection(), maxWaitMs, (late) => late.release());
      return openTransaction(
        {
          conn: connection(pooled),
          // A connection that failed to begin or end its transaction is not safe to hand out again.
          giveBack: (failed) => (failed ? pooled.destroy() : pooled.release()),
          // Past the time limit with a statement running: close it (the server rolls back).
          destroy: () => pooled.destroy(),
        },
        PLAIN,
        // Not a prepared statement: MySQL refuses BEGIN/COMMIT through the binary protocol.
        async () => {
          await pooled.query('BEGIN').catch(closedState);
        },
      );
    },
  };
}

/** `mysql://` / `mariadb://` in `connect()`: a pool whose sessions run in UTC with utf8mb4. */
async function open(target: string, settings: OpenSettings): Promise<OpenedDatabase> {
  const mysql = await loadPeer<typeof import('mysql2/promise')>('mysql2/promise');
  const { drizzle } = await loadPeer<typeof import('drizzle-orm/mysql2')>('drizzle-orm/mysql2');
  const pool = mysql.createPool({ uri: target, connectionLimit: settings.poolSize, timezone: 'Z', charset: 'utf8mb4', connectTimeout: 10_000 });
  // UTC on the session too, so NOW()-style server values agree with what the library writes.
  // Time limits per session: MariaDB's max_statement_time (seconds, fractional; `/*M!` runs on
  // MariaDB only, MySQL has no equivalent for writes) and the InnoDB lock wait (whole seconds, >= 1).
  const statementS = settings.statementTimeoutMs / 1000;
  const lockS = settings.lockTimeoutMs > 0 ? Math.max(1, Math.ceil(settings.lockTimeoutMs / 1000)) : 1_073_741_824;
  const limits = `SET SESSION innodb_lock_wait_timeout = ${lockS} /*M!, max_statement_time = ${statementS} */`;
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
    conn.query(limits);
  });
  return { db: drizzle({ client: pool }), close: () => pool.end() };
}

export const mysql2: DriverModule = { name: 'mysql2', dialect: 'mysql', sessionKind: 'MySql2Session', wrap, open };
