/** PGlite: one embedded connection, so transactions go through the single-connection mutex. */
import { singleConnectionDriver } from './single-connection.js';
import type { Driver, DriverModule } from './types.js';

export interface PGliteClient {
  query(
    sql: string,
    params?: unknown[],
    options?: { rowMode?: 'array' | 'object' },
  ): Promise<{ rows: unknown[]; affectedRows?: number }>;
  close(): Promise<void>;
}

function wrap(client: PGliteClient): Driver {
  return singleConnectionDriver(
    'pg',
    'pglite',
    {
      all: async (sql, params) => (await client.query(sql, params as unknown[], { rowMode: 'array' })).rows as unknown[][],
      run: async (sql, params) => (await client.query(sql, params as unknown[], { rowMode: 'array' })).affectedRows ?? 0,
      control: async (sql) => {
        await client.query(sql);
      },
    },
  );
}

export const pglite: DriverModule = {
  name: 'pglite',
  dialect: 'pg',
  sessionKind: 'PgliteSession',
  wrap: (client) => wrap(client as PGliteClient),
};
