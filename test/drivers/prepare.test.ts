/**
 * Issue 10 §5: `prepare: false` (factory, `connect`, `?prepare=false`) makes both PostgreSQL
 * drivers run every statement unnamed, so a transaction pooler never sees a named statement.
 * PostgreSQL only: it is a PostgreSQL driver setting. Each client has one connection, so
 * `pg_prepared_statements` (which is per session) shows every statement the library ran.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { connect, parseDatabaseUrl } from '../../src/connect.js';
import { QZPayValidationError } from '../../src/contract/errors.js';
import { migrate } from '../../src/migrate/index.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { serverTarget } from '../harness/targets.js';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';

const pgTarget = serverTarget('pg');

/** A client with one session, the way to count that session's named statements, and a close. */
interface OneSession {
  db: QZPayDrizzleDatabase;
  namedStatements(): Promise<number>;
  close(): Promise<void>;
}

const countSql = 'select count(*)::int from pg_prepared_statements';

async function postgresJs(url: string): Promise<OneSession> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  // postgres.js's own array-type lookup on connect is a named statement (the README says to give
  // postgres.js `prepare: false` too behind a pooler); it is counted apart from the library's.
  // (With `fetch_types: false` instead, postgres.js 3.4.9's reserve() never settles on a fresh client.)
  const ownLookup = "statement like '%from pg_catalog.pg_type a%'";
  return {
    db: drizzle(client),
    // No parameters: postgres.js sends it as a simple query, which is never prepared.
    namedStatements: async () => {
      const [row] = await client.unsafe(`select count(*) filter (where not ${ownLookup})::int as count, count(*) filter (where ${ownLookup})::int as own from pg_prepared_statements`);
      // postgres.js 3.4 prepares that lookup on connect, 4.x runs it unnamed.
      expect([0, 1]).toContain(row?.['own']);
      return Number(row?.['count']);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function nodePgPool(url: string): Promise<OneSession> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    db: drizzle({ client: pool }),
    namedStatements: async () => Number((await pool.query<{ count: number }>(countSql)).rows[0]?.count),
    close: () => pool.end(),
  };
}

async function nodePgClient(url: string): Promise<OneSession> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    db: drizzle({ client }),
    namedStatements: async () => Number((await client.query<{ count: number }>(countSql)).rows[0]?.count),
    close: () => client.end(),
  };
}

/** Reads, writes, a committed and a rolled-back transaction: every kind of call the library makes. */
async function workload(storage: QZPayDrizzleStorageHandle): Promise<void> {
  const tag = randomUUID();
  const customer = await storage.customers.create({ externalId: `p-${tag}`, email: `${tag}@prepare.io` });
  expect((await storage.customers.findByExternalId(`p-${tag}`))?.id).toBe(customer.id);
  await storage.transaction(async () => {
    await storage.customers.update(customer.id, { email: `new-${tag}@prepare.io` });
    await storage.transaction(async () => {
      await storage.customers.create({ externalId: `nested-${tag}`, email: 'n@prepare.io' });
    });
  });
  expect((await storage.customers.findByExternalId(`p-${tag}`))?.email).toBe(`new-${tag}@prepare.io`);
  expect((await storage.customers.findByExternalId(`nested-${tag}`))?.externalId).toBe(`nested-${tag}`);
  const boom = new Error('undo');
  await expect(
    storage.transaction(async () => {
      await storage.customers.create({ externalId: `gone-${tag}`, email: 'g@prepare.io' });
      throw boom;
    }),
  ).rejects.toBe(boom);
  expect(await storage.customers.findByExternalId(`gone-${tag}`)).toBeNull();
}

describe.skipIf(!pgTarget)('prepare: false [pg]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(pgTarget!);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const drivers = { 'postgres-js': postgresJs, 'node-postgres Pool': nodePgPool, 'node-postgres Client': nodePgClient };
  for (const [name, open] of Object.entries(drivers)) {
    it(`${name}: with prepare: false no named statement exists after reads, writes and transactions`, async () => {
      const session = await open(database.url);
      try {
        await workload(createQZPayDrizzleStorage(session.db, { prepare: false }));
        expect(await session.namedStatements()).toBe(0);
      } finally {
        await session.close();
      }
    });

    it(`${name}: by default the same calls leave named statements on the session`, async () => {
      const session = await open(database.url);
      try {
        await workload(createQZPayDrizzleStorage(session.db));
        // The control: the count above is 0 because of the option, not because nothing is seen.
        expect(await session.namedStatements()).toBeGreaterThan(0);
      } finally {
        await session.close();
      }
    });

    it(`${name}: migrate() follows the client's setting, and a conflicting setting is refused`, async () => {
      const session = await open(database.url);
      try {
        const storage = createQZPayDrizzleStorage(session.db, { prepare: false });
        expect(await migrate(session.db)).toEqual([]);
        expect(await session.namedStatements()).toBe(0);
        expect(() => createQZPayDrizzleStorage(session.db, { prepare: true })).toThrow(QZPayValidationError);
        // Asking for the same value again, or for nothing, is fine.
        createQZPayDrizzleStorage(session.db, { prepare: false });
        await workload(createQZPayDrizzleStorage(session.db));
        await workload(storage);
        expect(await session.namedStatements()).toBe(0);
      } finally {
        await session.close();
      }
    });
  }

  it('connect() with ?prepare=false in the URL, and with the option, runs unnamed statements', async () => {
    for (const [url, options] of [
      [`${database.url}?prepare=false&application_name=qzpay_prepare`, {}],
      [database.url, { prepare: false }],
    ] as const) {
      const connected = await connect(url, { ...options, poolSize: 1 });
      try {
        await workload(connected.storage);
        const client = (connected.db as unknown as { $client: { unsafe(sql: string): Promise<Record<string, unknown>[]> } }).$client;
        expect(Number((await client.unsafe(countSql))[0]?.['count'])).toBe(0);
      } finally {
        await connected.close();
      }
    }
  });

  it('the URL keeps its other parameters and loses prepare; a value other than true/false is refused', () => {
    expect(parseDatabaseUrl('postgres://u@h/db?prepare=false&sslmode=disable')).toEqual({
      dialect: 'pg',
      target: 'postgres://u@h/db?sslmode=disable',
      prepare: false,
    });
    expect(parseDatabaseUrl('postgresql://u@h/db?prepare=true')).toEqual({ dialect: 'pg', target: 'postgresql://u@h/db', prepare: true });
    expect(parseDatabaseUrl('postgres://u@h/db?sslmode=disable')).toEqual({ dialect: 'pg', target: 'postgres://u@h/db?sslmode=disable' });
    expect(() => parseDatabaseUrl('postgres://u@h/db?prepare=no')).toThrow(QZPayValidationError);
  });
});
