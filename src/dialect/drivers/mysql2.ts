/** mysql2: a pool hands one connection to each transaction; a lone connection uses the mutex. */
import { singleConnectionDriver } from './single-connection.js';
import type { Connection, Driver, TransactionConnection } from './types.js';

interface ExecuteOptions {
  sql: string;
  values: unknown[];
  rowsAsArray: boolean;
}
interface MySqlQueryable {
  // `execute` prepares each statement once per connection and reuses it (mysql2's own cache).
  execute(options: ExecuteOptions): Promise<[unknown, unknown]>;
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
      const [rows] = await client.execute({ sql, values: params as unknown[], rowsAsArray: true });
      // A statement without a result set (KILL, SET ...) answers with a header, not rows.
      return Array.isArray(rows) ? (rows as unknown[][]) : [];
    },
    run: async (sql, params) => {
      const [header] = await client.execute({ sql, values: params as unknown[], rowsAsArray: false });
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
