/**
 * Read replicas: a Drizzle `withReplicas(primary, [standby])` database. Contract methods stay on
 * the primary (read-your-writes), and only `storage.lagTolerant` list views go to the standby.
 * The standby is given a 1 s replay delay for this file (recovery_min_apply_delay), so a read
 * routed to it visibly misses a write just made; its table statistics show which reads it served.
 */
import { randomUUID } from 'node:crypto';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { withReplicas } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { doctor } from '../../src/doctor/index.js';
import { migrate } from '../../src/migrate/index.js';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import { freshDatabase, type FreshDatabase, pgClient, type PgClient, pgDrivers, topologyEnv, withDatabase } from './topology.js';

type AnyPg = PgDatabase<PgQueryResultHKT>;

async function onStandby<T>(database: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(withDatabase(topologyEnv('QZPAY_TOPO_PG_STANDBY_URL'), database), { max: 1, onnotice: () => undefined });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Scans of billing_customers the standby served (a fresh session: its own statistics snapshot). */
const standbyScans = (database: string) =>
  onStandby(database, async (sql) => {
    const rows = await sql.unsafe("select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables where relname = 'billing_customers'");
    return Number(rows[0]?.['n']);
  });

async function setReplayDelay(value: string): Promise<void> {
  const sql = postgres(topologyEnv('QZPAY_TOPO_PG_STANDBY_URL'), { max: 1, onnotice: () => undefined });
  await sql.unsafe(`alter system set recovery_min_apply_delay = '${value}'`);
  await sql.unsafe('select pg_reload_conf()');
  await sql.end({ timeout: 5 });
}

for (const driver of pgDrivers) {
  describe(`withReplicas(primary, [standby]) [${driver}]`, () => {
    let database: FreshDatabase;
    const clients: PgClient[] = [];
    /** A storage on a fresh pair of clients; `close` ends them (the standby session flushes its statistics). */
    const open = () => {
      const primary = pgClient(driver, withDatabase(topologyEnv('QZPAY_TOPO_PG_PRIMARY_URL'), database.name), 4);
      const standby = pgClient(driver, withDatabase(topologyEnv('QZPAY_TOPO_PG_STANDBY_URL'), database.name), 2);
      clients.push(primary, standby);
      const db = withReplicas(primary.db as AnyPg, [standby.db as AnyPg]);
      return { db, storage: createQZPayDrizzleStorage(db), close: async () => (await standby.end(), await primary.end()) };
    };

    beforeAll(async () => {
      database = await freshDatabase();
      const direct = pgClient(driver, withDatabase(topologyEnv('QZPAY_TOPO_PG_PRIMARY_URL'), database.name), 1);
      await migrate(direct.db);
      await direct.end();
      for (let i = 0; ; i++) {
        const replayed = await onStandby(database.name, (sql) => sql.unsafe('select count(*)::int as n from qzpay_drizzle_migrations')).then((r) => r[0]?.['n'] === shippedMigrations('pg').length, () => false);
        if (replayed) break;
        if (i > 100) throw new Error('the standby did not replay the migrations');
        await new Promise((r) => setTimeout(r, 100));
      }
      await setReplayDelay('1s');
    });
    afterAll(async () => {
      await setReplayDelay('0');
      await database?.drop();
    });

    it('doctor measures the standby: warn while a write waits out the 1 s replay delay, then ok once replayed', async () => {
      const { db, storage, close } = open();
      try {
        await storage.customers.create({ externalId: randomUUID(), email: 'lag@replica.io' });
        const replica = async () => (await doctor(db)).find((c) => c.check === 'replica 1');
        const lagging = await replica();
        expect(lagging?.verdict).toBe('warn');
        expect(lagging?.detail).toMatch(/^\d+ bytes of WAL behind, not replayed within 500 ms: lag-tolerant reads there are at least that stale$/);
        let caughtUp = lagging;
        for (let i = 0; i < 100 && caughtUp?.detail !== 'caught up with the primary'; i++) {
          await new Promise((r) => setTimeout(r, 100));
          caughtUp = await replica();
        }
        expect(caughtUp).toEqual({ check: 'replica 1', verdict: 'ok', detail: 'caught up with the primary' });
      } finally {
        await close();
      }
    });

    it('contract methods read their own writes and none of their reads reaches the standby', async () => {
      const before = await standbyScans(database.name);
      const { storage, close } = open();
      for (let i = 0; i < 5; i++) await readYourWrites(storage);
      await close();
      expect(await standbyScans(database.name)).toBe(before);
    });

    it('storage.lagTolerant list views are served by the standby, which lags behind a write just made', async () => {
      // Let the standby replay the earlier tests' writes (1 s delay): only this write may be missing there.
      await new Promise((r) => setTimeout(r, 1_500));
      const before = await standbyScans(database.name);
      const { storage, close } = open();
      const customer = await storage.customers.create({ externalId: randomUUID(), email: 'lag@replica.io' });
      const lagged = await storage.lagTolerant.customers.list({ limit: 1000 });
      const page = await storage.lagTolerant.customers.listPage({ limit: 1000 });
      const fromPrimary = await storage.customers.list({ limit: 1000 });
      expect(fromPrimary.data.map((c) => c.id)).toContain(customer.id);
      expect(lagged.data.map((c) => c.id)).not.toContain(customer.id);
      expect(page.data.map((c) => c.id)).not.toContain(customer.id);
      expect(lagged.total).toBe(fromPrimary.total - 1);
      await close();
      expect(await standbyScans(database.name)).toBeGreaterThanOrEqual(before + 2);
      // Once the standby has replayed (1 s delay), the same lag-tolerant read sees the write.
      const later = open();
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await later.storage.lagTolerant.customers.list({ limit: 1000 })).data.map((c) => c.id)).toContain(customer.id);
      await later.close();
    });
  });
}

/** A write followed at once by the contract reads core makes after it; all must see the write. */
async function readYourWrites(storage: QZPayDrizzleStorageHandle): Promise<void> {
  const email = `${randomUUID()}@replica.io`;
  const customer = await storage.customers.create({ externalId: randomUUID(), email });
  expect((await storage.customers.findById(customer.id))?.id).toBe(customer.id);
  expect((await storage.customers.findByExternalId(customer.externalId))?.id).toBe(customer.id);
  expect((await storage.customers.findByEmail(email))?.id).toBe(customer.id);
  expect((await storage.customers.list({ limit: 1000 })).data.map((c) => c.id)).toContain(customer.id);
  expect((await storage.customers.listPage({ limit: 1000 })).data.map((c) => c.id)).toContain(customer.id);
  const updated = await storage.customers.update(customer.id, { name: 'after' });
  expect((await storage.customers.findById(customer.id))?.version).toBe(updated.version);
  const subscription = await storage.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-pro' });
  expect((await storage.subscriptions.findById(subscription.id))?.id).toBe(subscription.id);
  expect((await storage.subscriptions.findByCustomerId(customer.id)).map((s) => s.id)).toEqual([subscription.id]);
  const now = new Date();
  const payment = await storage.payments.create({
    id: randomUUID(), customerId: customer.id, subscriptionId: subscription.id, invoiceId: null, amount: 1_000, currency: 'USD',
    status: 'succeeded', paymentMethodId: null, providerPaymentIds: {}, failureCode: null, failureMessage: null, metadata: {},
    livemode: true, createdAt: now, updatedAt: now,
  });
  const refundId = `re_${randomUUID()}`;
  await storage.payments.createRefund({ paymentId: payment.id, amount: 400, currency: 'USD', status: 'succeeded', providerRefundId: refundId, livemode: true });
  expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(400);
  expect(await storage.payments.hasRefundForProviderRefundId(refundId)).toBe(true);
  expect((await storage.payments.findByCustomerId(customer.id)).map((p) => p.id)).toEqual([payment.id]);
  const invoice = await storage.invoices.create({ id: randomUUID(), customerId: customer.id, lines: [{ description: 'x', quantity: 1, unitAmount: 5 }] });
  expect((await storage.invoices.findById(invoice.id))?.number).toBe(invoice.number);
  const code = await storage.promoCodes.create({ id: randomUUID(), code: `r-${randomUUID().slice(0, 12)}`, discountType: 'fixed_amount', discountValue: 1 });
  expect((await storage.promoCodes.findByCode(code.code))?.id).toBe(code.id);
  await storage.customers.delete(customer.id);
  expect(await storage.customers.findById(customer.id)).toBeNull();
}
