/**
 * What scripts/topologies/run.sh started, read from its environment, and the pieces the topology
 * tests share: a fresh database on the primary, clients of either PostgreSQL driver, SQLSTATEs.
 */
import { randomBytes } from 'node:crypto';
import { drizzle as drizzlePgJs } from 'drizzle-orm/postgres-js';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import postgres from 'postgres';
import mysql from 'mysql2/promise';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';

export function topologyEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the topology tests through scripts/topologies/run.sh`);
  return value;
}

/** The same server URL with another database (URL() cannot parse a multi-host URL, so by hand). */
export function withDatabase(url: string, database: string, query = ''): string {
  const base = url.replace(/\/[^/?]*(\?.*)?$/, '');
  return `${base}/${database}${query ? `?${query}` : ''}`;
}

export interface FreshDatabase {
  readonly name: string;
  /** Raw SQL on the primary, directly (never through the pooler). */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

/** An empty database on the primary; the test migrates it the way it means to test. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const primary = topologyEnv('QZPAY_TOPO_PG_PRIMARY_URL');
  const name = `qzpay_topo_${randomBytes(6).toString('hex')}`;
  const admin = postgres(primary, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const sql = postgres(withDatabase(primary, name), { max: 2, onnotice: () => undefined });
  return {
    name,
    sql,
    drop: async () => {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export type PgDriverName = 'postgres-js' | 'node-postgres';
export const pgDrivers: readonly PgDriverName[] = ['postgres-js', 'node-postgres'];

export interface PgClient {
  readonly db: QZPayDrizzleDatabase;
  end(): Promise<void>;
}

/**
 * A Drizzle database on a pooled client of the named driver; `max` connections. `prepare: false`
 * also stops postgres.js preparing its own array-type lookup on each new connection.
 */
export function pgClient(driver: PgDriverName, url: string, max: number, options: { prepare?: boolean } = {}): PgClient {
  if (driver === 'postgres-js') {
    const client = postgres(url, { max, onnotice: () => undefined, connect_timeout: 10, prepare: options.prepare ?? true });
    return { db: drizzlePgJs(client), end: () => client.end({ timeout: 5 }) };
  }
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle pooled client whose server went away reports it here; without a listener it would crash the run.
  pool.on('error', () => undefined);
  return { db: drizzleNodePg(pool), end: () => pool.end() };
}

/** The SQLSTATE (or driver code) somewhere in an error's cause chain. */
export function sqlState(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The three Galera nodes' URLs (database `test`), from scripts/topologies/galera.sh. */
export function galeraUrls(database?: string): string[] {
  const urls = topologyEnv('QZPAY_TOPO_GALERA_URLS').split(',');
  return database === undefined ? urls : urls.map((u) => withDatabase(u, database));
}

export interface FreshGaleraDatabase {
  readonly name: string;
  /** The database's URL on each node. */
  readonly urls: readonly string[];
  /** A connection to node 1 for raw checks, with causal reads (it sees every node's commits). */
  readonly sql: mysql.Connection;
  /** One value of a raw query on node 1 (e.g. a count), read causally. */
  scalar(query: string, params?: readonly unknown[]): Promise<unknown>;
  drop(): Promise<void>;
}

/** An empty database on the cluster (created on node 1, replicated to the others by TOI). */
export async function freshGaleraDatabase(): Promise<FreshGaleraDatabase> {
  const name = `qzpay_topo_${randomBytes(6).toString('hex')}`;
  const [first] = galeraUrls();
  const admin = await mysql.createConnection(first as string);
  await admin.query(`create database ${name}`);
  await admin.end();
  const urls = galeraUrls(name);
  const sql = await mysql.createConnection(urls[0] as string);
  await sql.query('set session wsrep_sync_wait = 1');
  return {
    name,
    urls,
    sql,
    scalar: async (query, params = []) => {
      const [rows] = await sql.query<mysql.RowDataPacket[]>({ sql: query, rowsAsArray: true }, [...params] as Array<string | number>);
      return (rows[0] as unknown[] | undefined)?.[0];
    },
    drop: async () => {
      await sql.query(`drop database if exists ${name}`);
      await sql.end();
    },
  };
}
