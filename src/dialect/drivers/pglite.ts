/** PGlite: one embedded connection, so transactions go through the single-connection mutex. */
import { singleConnectionDriver } from './single-connection.js';
import { loadPeer } from './peer.js';
import type { Driver, DriverModule, OpenedDatabase, OpenSettings } from './types.js';

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

/**
 * `pglite:<data directory>` or `pglite:memory:` in `connect()`: an embedded PostgreSQL in this
 * process, with the session limits a server connection gets (one connection, so pool size is moot).
 */
async function open(target: string, settings: OpenSettings): Promise<OpenedDatabase> {
  const { PGlite } = await loadPeer<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const { drizzle } = await loadPeer<typeof import('drizzle-orm/pglite')>('drizzle-orm/pglite');
  const client = new PGlite(target === 'memory:' ? undefined : target);
  try {
    await client.exec(`set statement_timeout = ${Math.trunc(settings.statementTimeoutMs)}; set lock_timeout = ${Math.trunc(settings.lockTimeoutMs)}`);
  } catch (error) {
    await client.close();
    throw error;
  }
  return { db: drizzle({ client }), close: () => client.close() };
}

export const pglite: DriverModule = {
  name: 'pglite',
  dialect: 'pg',
  sessionKind: 'PgliteSession',
  wrap: (client) => wrap(client as PGliteClient),
  open,
};
