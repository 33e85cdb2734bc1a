/**
 * PgBouncer in transaction pooling mode in front of the primary (scripts/topologies/run.sh), with
 * both PostgreSQL drivers. Consecutive transactions of one client connection land on different
 * server connections, so named prepared statements break (26000 / 42P05) unless `prepare: false`.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle, type QZPayDrizzleStorageOptions } from '../../src/adapter/factory.js';
import { QZPayOptimisticLockError } from '../../src/contract/errors.js';
import { migrate } from '../../src/migrate/index.js';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import { isoCurrencies } from '../../src/schema/seed/currencies.js';
import { type FlowTarget, invoiceRace, optimisticRace, promoRaceGlobal, promoRacePerCustomer, smokeFlow } from './flows.js';
import { doctorLine } from '../harness/doctor-line.js';
import { freshDatabase, type FreshDatabase, pgClient, type PgClient, pgDrivers, sqlState, topologyEnv, withDatabase } from './topology.js';

const run = promisify(execFile);
const unprepared: QZPayDrizzleStorageOptions = { prepare: false };

for (const driver of pgDrivers) {
  describe(`through PgBouncer (transaction pooling) [${driver}]`, () => {
    let database: FreshDatabase;
    let bouncerUrl: string;
    const clients: PgClient[] = [];
    const client = (max: number, prepare = false): PgClient => {
      const c = pgClient(driver, bouncerUrl, max, { prepare });
      clients.push(c);
      return c;
    };
    let storage: QZPayDrizzleStorageHandle;

    beforeAll(async () => {
      database = await freshDatabase();
      bouncerUrl = withDatabase(topologyEnv('QZPAY_TOPO_PGBOUNCER_URL'), database.name);
      const main = client(10);
      // `prepare` belongs to the client: set by the storage, then used by migrate() on the same client.
      storage = createQZPayDrizzleStorage(main.db, unprepared);
      await migrate(main.db);
    });
    afterAll(async () => {
      for (const c of clients) await c.end();
      await database?.drop();
    });

    it('with named prepared statements, a transaction on another server connection fails with 26000; prepare: false passes', async () => {
      // Client A prepares its insert on server connection X. Client B then holds X in a
      // transaction, so A's next transaction gets a new server connection Y, where A's statement
      // was never prepared. Deterministic: X is the only idle server connection when B begins.
      const attempt = async (options: QZPayDrizzleStorageOptions) => {
        const prepare = options.prepare ?? true;
        const [a, b] = [createQZPayDrizzleStorage(client(1, prepare).db, options), createQZPayDrizzleStorage(client(1, prepare).db, options)];
        // Twice: a statement is prepared on its second use (the bounded statement cache), so
        // the second create leaves the named insert on X.
        await a.customers.create({ externalId: randomUUID(), email: 'a@bouncer.io' });
        await a.customers.create({ externalId: randomUUID(), email: 'a1@bouncer.io' });
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        let began: () => void = () => undefined;
        const holding = new Promise<void>((resolve) => (began = resolve));
        const holder = b.transaction(async () => {
          await b.customers.list({ limit: 1 });
          began();
          await held;
        });
        await holding;
        try {
          return await a.transaction(() => a.customers.create({ externalId: randomUUID(), email: 'a2@bouncer.io' })).then(
            () => 'ok',
            (error: unknown) => sqlState(error) ?? String(error),
          );
        } finally {
          release();
          await holder;
        }
      };
      expect(await attempt({})).toBe('26000');
      expect(await attempt(unprepared)).toBe('ok');
    });

    const flows = (): FlowTarget => ({
      storages: [storage],
      count: async (table, where) => {
        const rows = await database.sql.unsafe(`select count(*)::int as n from ${table}${where ? ` where ${where.column} = $1` : ''}`, where ? [where.value] : []);
        return Number(rows[0]?.['n']);
      },
      field: async (table, column, id) => (await database.sql.unsafe(`select ${column} as v from ${table} where id = $1`, [id]))[0]?.['v'],
    });
    it('smoke flow: customer, subscription, payment, two refunds (each delivered twice), invoice, rolled-back transaction', () => smokeFlow(flows()));
    it('promo race: 20 concurrent redemptions by one customer (per-customer limit 1) -> exactly 1 usage row, counter 1', () => promoRacePerCustomer(flows()));
    it('promo race: 30 customers race for a code limited to 5 -> exactly 5 usage rows, counter 5', () => promoRaceGlobal(flows()));
    it('invoice race: 20 concurrent invoices get 20 distinct, consecutive numbers', () => invoiceRace(flows()));
    it('optimistic locking race: 10 concurrent updates expecting the same version -> exactly 1 wins, 9 QZPayOptimisticLockError', () => optimisticRace(flows()));
  });
}

describe('through PgBouncer: migrate from three processes at once', () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => database?.drop());

  it('each migration is applied exactly once and every process exits 0', async () => {
    const url = withDatabase(topologyEnv('QZPAY_TOPO_PGBOUNCER_URL'), database.name, 'prepare=false');
    const runs = await Promise.all(
      Array.from({ length: 3 }, () => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate', '--url', url], { timeout: 90_000 })),
    );
    expect(runs).toHaveLength(3);
    const rows = await database.sql.unsafe('select tag, count(*)::int as n from qzpay_drizzle_migrations group by tag order by tag');
    expect(rows.map((r) => [r['tag'], r['n']])).toEqual(shippedMigrations('pg').map((m) => [m.tag, 1]));
    const currencies = await database.sql.unsafe('select count(*)::int as n from billing_currencies');
    expect(currencies[0]?.['n']).toBe(isoCurrencies.length);
  });

  it('doctor sees the pooler: ok with prepare=false, warn with named statements; the standby fails "writable"', async () => {
    const verdictOf = doctorLine;
    const bouncer = withDatabase(topologyEnv('QZPAY_TOPO_PGBOUNCER_URL'), database.name, 'prepare=false');
    expect(await verdictOf(bouncer, 'pooler')).toMatch(/^ok: a proxy or pooler sits in front/);
    expect(await verdictOf(withDatabase(topologyEnv('QZPAY_TOPO_PGBOUNCER_URL'), database.name), 'pooler')).toMatch(/^warn: a proxy or pooler sits in front/);
    expect(await verdictOf(withDatabase(topologyEnv('QZPAY_TOPO_PG_PRIMARY_URL'), database.name), 'pooler')).toMatch(/^ok: none in front/);
    // The database replicates to the standby shortly after it is created on the primary.
    const standby = withDatabase(topologyEnv('QZPAY_TOPO_PG_STANDBY_URL'), database.name);
    let verdict = '';
    for (let attempt = 0; attempt < 50 && !verdict.startsWith('fail'); attempt++) {
      verdict = await verdictOf(standby, 'writable').catch((e: unknown) => String(e));
      if (!verdict.startsWith('fail')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(verdict).toMatch(/^fail: the target is a hot standby/);
  });
});
