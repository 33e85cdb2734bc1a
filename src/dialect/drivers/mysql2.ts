/** mysql2: a pool hands one connection to each transaction; a lone connection uses the mutex. */
import { singleConnectionDriver } from './single-connection.js';
import type { Connection, Driver, TransactionConnection } from './types.js';

interface MySqlQueryable {
  // `execute` prepares each statement once per connection and reuses it (mysql2's own cache).
  execute(sql: string, values: unknown[]): Promise<[unknown, unknown]>;
  query(sql: string): Promise<[unknown, unknown]>;
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

function connection(client: MySqlQueryable): Connection {
  return {
    all: async (sql, params) => {
      // The plain (text, values) form: mysql2's options-object form costs ~6 µs more per call
      // (measured in bench/). Rows come back as objects keyed by column name; every selection
      // the library renders has distinct, non-numeric names, so the values keep column order.
      const [rows] = await client.execute(sql, params as unknown[]);
      // A statement without a result set (KILL, SET ...) answers with a header, not rows.
      if (!Array.isArray(rows)) return [];
      return (rows as unknown[]).map((row) => (Array.isArray(row) ? row : Object.values(row as object)));
    },
    run: async (sql, params) => {
      const [header] = await client.execute(sql, params as unknown[]);
      return (header as { affectedRows?: number }).affectedRows ?? 0;
    },
    control: async (sql) => {
      await client.query(sql);
    },
  };
}

function isPool(client: MySqlPromisePool | MySqlPromiseConnection): client is MySqlPromisePool {
  return typeof (client as MySqlPromisePool).getConnection === 'function';
}

export function mysql2Driver(rawClient: unknown, owned: boolean): Driver {
  const client = toPromiseClient(rawClient);
  const close = async () => {
    if (owned) await client.end();
  };
  if (!isPool(client)) {
    return singleConnectionDriver('mysql', 'mysql2', connection(client), 'BEGIN', close);
  }
  return {
    dialect: 'mysql',
    name: 'mysql2',
    root: connection(client),
    async begin(): Promise<TransactionConnection> {
      const pooled = await client.getConnection();
      try {
        // Not a prepared statement: MySQL refuses BEGIN/COMMIT through the binary protocol.
        await pooled.query('BEGIN');
      } catch (error) {
        pooled.destroy();
        throw error;
      }
      let open = true;
      const end = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
        if (!open) return;
        open = false;
        try {
          await pooled.query(sql);
          pooled.release();
        } catch (error) {
          // A connection that failed to end its transaction is not safe to hand out again.
          pooled.destroy();
          if (sql === 'COMMIT') throw error;
        }
      };
      return { ...connection(pooled), commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
    },
    close,
  };
}
