/** libsql: one connection for local files; the adapter issues BEGIN IMMEDIATE itself. */
import { singleConnectionDriver } from './single-connection.js';
import type { Driver } from './types.js';

export interface LibsqlClient {
  execute(stmt: { sql: string; args: unknown[] }): Promise<{ rows: ArrayLike<unknown>[]; rowsAffected: number }>;
  executeMultiple(sql: string): Promise<void>;
  close(): void;
}

export function libsqlDriver(client: LibsqlClient, owned: boolean): Driver {
  const driver = singleConnectionDriver(
    'sqlite',
    'libsql',
    {
      all: async (sql, params) => (await client.execute({ sql, args: params as unknown[] })).rows.map((r) => Array.from(r)),
      run: async (sql, params) => (await client.execute({ sql, args: params as unknown[] })).rowsAffected,
      control: async (sql) => {
        await client.execute({ sql, args: [] });
      },
    },
    'BEGIN IMMEDIATE',
    async () => {
      if (owned) client.close();
    },
  );
  // Queued first behind the mutex: SQLite enforces foreign keys only when asked, per connection.
  void driver.root.control('PRAGMA foreign_keys = ON').catch(() => undefined);
  return driver;
}
