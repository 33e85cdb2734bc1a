/** postgres.js: pooled; a transaction reserves one connection and issues BEGIN itself. */
import type { Connection, Driver, TransactionConnection } from './types.js';

interface PgJsResult extends Array<unknown> {
  count: number;
}
interface PgJsQuery extends Promise<PgJsResult> {
  values(): Promise<PgJsResult>;
}
export interface PostgresJsClient {
  unsafe(query: string, params?: unknown[], options?: { prepare?: boolean }): PgJsQuery;
  reserve(): Promise<PostgresJsClient & { release(): void }>;
  end(options?: { timeout?: number }): Promise<void>;
}

function connection(client: PostgresJsClient): Connection {
  return {
    // Named server-side prepared statements: the text is stable per statement shape.
    all: async (sql, params) => (await client.unsafe(sql, params as unknown[], { prepare: true }).values()) as unknown as unknown[][],
    run: async (sql, params) => (await client.unsafe(sql, params as unknown[], { prepare: true })).count,
    control: async (sql) => {
      await client.unsafe(sql);
    },
  };
}

export function postgresJsDriver(client: PostgresJsClient, owned: boolean): Driver {
  return {
    dialect: 'pg',
    name: 'postgres-js',
    root: connection(client),
    async begin(): Promise<TransactionConnection> {
      const reserved = await client.reserve();
      try {
        await reserved.unsafe('begin');
      } catch (error) {
        reserved.release();
        throw error;
      }
      const conn = connection(reserved);
      let open = true;
      const end = async (sql: 'commit' | 'rollback'): Promise<void> => {
        if (!open) return;
        open = false;
        try {
          await reserved.unsafe(sql);
        } catch (error) {
          if (sql === 'commit') throw error;
        } finally {
          reserved.release();
        }
      };
      return { ...conn, commit: () => end('commit'), rollback: () => end('rollback') };
    },
    close: async () => {
      if (owned) await client.end({ timeout: 5 });
    },
  };
}
