/**
 * The databases a benchmark run covers — each one fresh, built by the real migrations — and the
 * rows every operation works on, written through the adapter itself.
 */
import { randomUUID } from 'node:crypto';
import { connect, type Connected } from '../src/connect.js';
import type { DialectName } from '../src/dialect/index.js';
import { migrate } from '../src/migrate/index.js';
import { tableDescriptions } from '../src/schema/registry.js';
import { ENTITLEMENT_KEY, LIMIT_KEY } from './ops.js';
import { createEmptyDatabase } from '../test/harness/database.js';

export type BenchTargetName = 'sqlite-memory' | 'sqlite-file' | 'pg' | 'mysql';

export interface BenchTarget {
  readonly name: BenchTargetName;
  readonly dialect: DialectName;
  /** Server URL (no database path) for pg/mysql; null for SQLite. */
  readonly serverUrl: string | null;
}

export interface BenchDatabase {
  readonly target: BenchTarget;
  /** The migrated database's own URL (`:memory:` for SQLite in memory). */
  readonly url: string;
  readonly connected: Connected;
  /** Server version string, for the report. */
  readonly version: string;
  close(): Promise<void>;
}

/** Every target this run can reach; the ones it cannot are listed with the reason. */
export function benchTargets(only: readonly string[] | null): { targets: BenchTarget[]; missing: string[] } {
  const pg = process.env['QZPAY_BENCH_PG_URL'] ?? process.env['QZPAY_TEST_PG_URL'];
  const mysql = process.env['QZPAY_BENCH_MYSQL_URL'] ?? process.env['QZPAY_TEST_MYSQL_URL'];
  const all: BenchTarget[] = [
    { name: 'sqlite-memory', dialect: 'sqlite', serverUrl: null },
    { name: 'sqlite-file', dialect: 'sqlite', serverUrl: null },
  ];
  const missing: string[] = [];
  if (pg) all.push({ name: 'pg', dialect: 'pg', serverUrl: pg });
  else missing.push('pg (set QZPAY_BENCH_PG_URL or QZPAY_TEST_PG_URL)');
  if (mysql) all.push({ name: 'mysql', dialect: 'mysql', serverUrl: mysql });
  else missing.push('mysql (set QZPAY_BENCH_MYSQL_URL or QZPAY_TEST_MYSQL_URL)');
  return { targets: only ? all.filter((t) => only.includes(t.name)) : all, missing };
}

const VERSION_SQL: Record<DialectName, string> = {
  pg: 'show server_version',
  mysql: 'select version()',
  sqlite: 'select sqlite_version()',
};

/** Fresh planner statistics after seeding, as a production table has them (autovacuum, ANALYZE). */
const ANALYZE_SQL: Record<DialectName, string> = {
  pg: 'analyze',
  mysql: `analyze table ${Object.values(tableDescriptions).map((t) => t.name).join(', ')}`,
  sqlite: 'analyze',
};

export async function openBenchDatabase(target: BenchTarget, poolSize: number): Promise<BenchDatabase> {
  let url = ':memory:';
  let drop = async (): Promise<void> => undefined;
  if (target.name !== 'sqlite-memory') {
    const empty = await createEmptyDatabase({ name: target.dialect, serverUrl: target.serverUrl });
    url = empty.url;
    drop = empty.drop;
  }
  const connected = await connect(url, { poolSize });
  await migrate(connected.db);
  const { resolveDatabase } = await import('../src/dialect/index.js');
  const rows = await resolveDatabase(connected.db).driver.root.all(VERSION_SQL[target.dialect], []);
  return {
    target,
    url,
    connected,
    version: String(rows[0]?.[0] ?? '?'),
    close: async () => {
      await connected.close();
      await drop();
    },
  };
}

/** Rows the measured operations read and write (ids only; the rows themselves are in the database). */
export interface Fixtures {
  readonly customerIds: readonly string[];
  /** Customers holding SUBSCRIPTIONS_PER_CUSTOMER subscriptions each. */
  readonly subscribedCustomerIds: readonly string[];
  readonly promoIds: readonly string[];
  readonly paymentIds: readonly string[];
}

export const SEED = { customers: 2000, subscribed: 200, subscriptionsPerCustomer: 3, promoCodes: 100, payments: 500 };

/** Runs `make(i)` for i < n, `width` at a time (parallel on pools, queued on SQLite). */
async function inBatches<T>(n: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < n; start += width) {
    const batch = Array.from({ length: Math.min(width, n - start) }, (_, k) => make(start + k));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

export async function seed(db: BenchDatabase): Promise<Fixtures> {
  const { storage } = db.connected;
  const customers = await inBatches(SEED.customers, 8, (i) =>
    storage.customers.create({ externalId: `seed_${i}`, email: `seed_${i}@bench.example`, name: `Seed ${i}`, metadata: { tier: i % 3 } }),
  );
  const customerIds = customers.map((c) => c.id);
  const subscribedCustomerIds = customerIds.slice(0, SEED.subscribed);
  await inBatches(SEED.subscribed * SEED.subscriptionsPerCustomer, 8, (i) =>
    storage.subscriptions.create({ id: randomUUID(), customerId: subscribedCustomerIds[i % SEED.subscribed]!, planId: 'plan_bench' }),
  );
  const promos = await inBatches(SEED.promoCodes, 8, (i) =>
    storage.promoCodes.create({ id: randomUUID(), code: `BENCH${i}`, discountType: 'percentage', discountValue: 10 }),
  );
  const now = new Date();
  const payments = await inBatches(SEED.payments, 8, (i) =>
    storage.payments.create({
      id: randomUUID(),
      customerId: customerIds[i]!,
      subscriptionId: null,
      invoiceId: null,
      amount: 1_000_000,
      currency: 'USD',
      status: 'succeeded',
      paymentMethodId: null,
      providerPaymentIds: { stripe: `pi_seed_${i}` },
      failureCode: null,
      failureMessage: null,
      metadata: {},
      livemode: true,
      createdAt: now,
      updatedAt: now,
    }),
  );
  // Every subscribed customer holds the checked entitlement and the incremented limit.
  await inBatches(SEED.subscribed, 8, async (i) => {
    const customerId = subscribedCustomerIds[i]!;
    await storage.entitlements.grant({ customerId, entitlementKey: ENTITLEMENT_KEY });
    await storage.limits.set({ customerId, limitKey: LIMIT_KEY, maxValue: 1_000_000_000 });
  });
  // Without statistics PostgreSQL plans the list page as a scan of every row (measured).
  const { resolveDatabase } = await import('../src/dialect/index.js');
  await resolveDatabase(db.connected.db).driver.root.control(ANALYZE_SQL[db.target.dialect]);
  return { customerIds, subscribedCustomerIds, promoIds: promos.map((p) => p.id), paymentIds: payments.map((p) => p.id) };
}

/**
 * The ids each measured operation works on, handed out in turn: every side of a comparison
 * builds its own set from the same fixtures, so all sides touch the same rows in the same order.
 */
export function inputs(fixtures: Fixtures) {
  return {
    reader: cycle(fixtures.customerIds),
    writer: cycle(fixtures.customerIds),
    billed: cycle(fixtures.customerIds),
    subscribed: cycle(fixtures.subscribedCustomerIds),
    promo: cycle(fixtures.promoIds),
    payment: cycle(fixtures.paymentIds),
    entitled: cycle(fixtures.subscribedCustomerIds),
    limited: cycle(fixtures.subscribedCustomerIds),
  };
}

/** A function handing out the ids in turn, forever. */
export function cycle(ids: readonly string[]): () => string {
  let i = 0;
  return () => ids[i++ % ids.length]!;
}
