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
import { connect, parseDatabaseUrl } from '../../src/connect.js';
import { doctor } from '../../src/doctor/index.js';
import { migrate } from '../../src/migrate/index.js';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import { isoCurrencies } from '../../src/schema/seed/currencies.js';
import { freshDatabase, type FreshDatabase, pgClient, type PgClient, pgDrivers, sqlState, topologyEnv, withDatabase } from './topology.js';

const run = promisify(execFile);
const unprepared: QZPayDrizzleStorageOptions = { prepare: false };

async function payment(storage: QZPayDrizzleStorageHandle, customerId: string, subscriptionId: string, amount: number) {
  const now = new Date();
  return storage.payments.create({
    id: randomUUID(), customerId, subscriptionId, invoiceId: null, amount, currency: 'USD', status: 'succeeded',
    paymentMethodId: null, providerPaymentIds: {}, failureCode: null, failureMessage: null, metadata: {}, livemode: true,
    createdAt: now, updatedAt: now,
  });
}

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
        await a.customers.create({ externalId: randomUUID(), email: 'a@bouncer.io' });
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

    it('smoke flow: customer, subscription, payment, two refunds (each delivered twice), invoice, rolled-back transaction', async () => {
      const customer = await storage.customers.create({ externalId: randomUUID(), email: 'smoke@bouncer.io' });
      const linked = await storage.customers.update(customer.id, { providerCustomerIds: { stripe: 'cus_b' } }, { expectedVersion: customer.version });
      expect(linked.providerCustomerIds).toEqual({ stripe: 'cus_b' });
      expect(linked.version).toBe(customer.version + 1);
      const subscription = await storage.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-pro' });
      expect((await storage.subscriptions.findById(subscription.id))?.customerId).toBe(customer.id);
      const paid = await payment(storage, customer.id, subscription.id, 10_000);
      for (const refundId of ['re_1', 're_2']) {
        for (let delivery = 0; delivery < 2; delivery++) {
          await storage.payments.createRefund({ paymentId: paid.id, amount: 5_000, currency: 'USD', status: 'succeeded', providerRefundId: refundId, livemode: true });
        }
      }
      expect(await storage.payments.getTotalRefundedAmount(paid.id)).toBe(10_000);
      const invoice = await storage.invoices.create({
        id: randomUUID(), customerId: customer.id, subscriptionId: subscription.id,
        lines: [{ description: 'Pro', quantity: 1, unitAmount: 8_000 }, { description: 'Seats', quantity: 2, unitAmount: 1_000 }],
      });
      expect(invoice.total).toBe(10_000);
      expect(invoice.lines).toHaveLength(2);
      const before = await database.sql.unsafe('select count(*)::int as n from billing_customers');
      const boom = new Error('card declined');
      await expect(
        storage.transaction(async () => {
          await storage.customers.create({ externalId: randomUUID(), email: 'rollback@bouncer.io' });
          await payment(storage, customer.id, subscription.id, 1);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await database.sql.unsafe('select count(*)::int as n from billing_customers')).toEqual(before);
      expect((await database.sql.unsafe('select count(*)::int as n from billing_payments'))[0]?.['n']).toBe(1);
    });

    it('promo race: 20 concurrent redemptions by one customer (per-customer limit 1) -> exactly 1 usage row, counter 1', async () => {
      const code = await storage.promoCodes.create({ id: randomUUID(), code: `b-${randomUUID().slice(0, 12)}`, discountType: 'fixed_amount', discountValue: 5, maxRedemptionsPerCustomer: 1 });
      const customer = await storage.customers.create({ externalId: randomUUID(), email: 'promo@bouncer.io' });
      const results = await Promise.all(
        Array.from({ length: 20 }, () => storage.promoCodes.redeem({ promoCodeId: code.id, customerId: customer.id, discountAmount: 5, currency: 'USD' })),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await storage.promoCodes.findById(code.id))?.currentRedemptions).toBe(1);
      expect((await database.sql.unsafe('select count(*)::int as n from billing_promo_code_usage where promo_code_id = $1', [code.id]))[0]?.['n']).toBe(1);
    });

    it('promo race: 30 customers race for a code limited to 5 -> exactly 5 usage rows, counter 5', async () => {
      const code = await storage.promoCodes.create({ id: randomUUID(), code: `g-${randomUUID().slice(0, 12)}`, discountType: 'fixed_amount', discountValue: 5, maxRedemptions: 5 });
      const customers = await Promise.all(Array.from({ length: 30 }, () => storage.customers.create({ externalId: randomUUID(), email: 'g@bouncer.io' })));
      const results = await Promise.all(
        customers.map((c) => storage.promoCodes.redeem({ promoCodeId: code.id, customerId: c.id, discountAmount: 5, currency: 'USD' })),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(5);
      expect((await storage.promoCodes.findById(code.id))?.currentRedemptions).toBe(5);
    });

    it('invoice race: 20 concurrent invoices get 20 distinct, consecutive numbers', async () => {
      const customer = await storage.customers.create({ externalId: randomUUID(), email: 'inv@bouncer.io' });
      const invoices = await Promise.all(
        Array.from({ length: 20 }, (_, i) => storage.invoices.create({ id: randomUUID(), customerId: customer.id, lines: [{ description: `#${i}`, quantity: 1, unitAmount: 1 }] })),
      );
      const numbers = invoices.map((i) => Number(/(\d+)$/.exec(i.number ?? '')?.[1])).sort((x, y) => x - y);
      expect(new Set(numbers).size).toBe(20);
      expect((numbers[19] ?? 0) - (numbers[0] ?? 0)).toBe(19);
    });

    it('optimistic locking race: 10 concurrent updates expecting the same version -> exactly 1 wins, 9 QZPayOptimisticLockError', async () => {
      const customer = await storage.customers.create({ externalId: randomUUID(), email: 'lock@bouncer.io' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => storage.customers.update(customer.id, { name: `n${i}` }, { expectedVersion: customer.version })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(lost).toHaveLength(9);
      for (const o of lost) expect(o.reason).toBeInstanceOf(QZPayOptimisticLockError);
      expect((await storage.customers.findById(customer.id))?.version).toBe(customer.version + 1);
    });
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
    const verdictOf = async (url: string, check: string) => {
      const opened = await connect(url, { poolSize: 1 });
      try {
        const found = (await doctor(opened.db, { url, prepare: parseDatabaseUrl(url).prepare ?? true })).find((c) => c.check === check);
        return `${found?.verdict ?? '?'}: ${found?.detail ?? ''}`;
      } finally {
        await opened.close();
      }
    };
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
