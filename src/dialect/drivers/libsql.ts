/** libsql: one connection for local files; the adapter issues BEGIN IMMEDIATE itself. */
import { singleConnectionDriver } from './single-connection.js';
import type { Driver, DriverModule } from './types.js';

export interface LibsqlClient {
  execute(stmt: { sql: string; args: unknown[] }): Promise<{ rows: ArrayLike<unknown>[]; rowsAffected: number }>;
  executeMultiple(sql: string): Promise<void>;
  close(): void;
}

function wrap(client: LibsqlClient): Driver {
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
  );
  // Queued first behind the mutex: SQLite enforces foreign keys only when asked, per connection.
  void driver.root.control('PRAGMA foreign_keys = ON').catch(() => undefined);
  return driver;
}

export const libsql: DriverModule = {
  name: 'libsql',
  dialect: 'sqlite',
  sessionKind: 'LibSQLSession',
  wrap: (client) => wrap(client as LibsqlClient),
};
