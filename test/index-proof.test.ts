/**
 * Index proof: every finder the contract uses is answered through an index, never a full table
 * scan, once the tables hold enough rows for the planner to care. The SQL is not written here:
 * each finder is called through the library on a storage whose connection records what it sends,
 * and the recorded statements (with their bound values) are EXPLAINed. So the proof follows the
 * code — a finder whose conditions stop matching an index fails here.
 *
 * Planners are what is under test, so the EXPLAIN reading lives in a per-dialect map: PostgreSQL's
 * text plan, SQLite's query plan, and MySQL/MariaDB's `EXPLAIN FORMAT=JSON` (access type and the
 * key parts used).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { DialectName } from '../src/dialect/index.js';
import { type Recorded, type RecordingStorage, recordingStorage } from './harness/capture.js';
import { tableDescriptions } from '../src/schema/registry.js';
import { forEachDialect } from './harness/index.js';

interface PlanReader {
  /** Refreshes the planner's statistics after seeding. */
  readonly analyze: string;
  readonly explain: (sql: string) => string;
  /** The plan lines that read a whole billing table, openly or through a broad index range. */
  readonly fullScans: (plan: unknown[][]) => string[];
}

/**
 * Columns with a handful of values. An index range constrained on these alone (e.g. `livemode = ?`
 * on the `(livemode, created_at)` list index) still visits nearly every row: measured, that is
 * what SQLite picks for a finder whose own index is missing, so it counts as a full scan too.
 */
const BROAD_COLUMNS = new Set(['livemode', 'status', 'is_default', 'deleted_at']);
const onlyBroad = (columns: string[]): boolean => columns.length > 0 && columns.every((c) => BROAD_COLUMNS.has(c));

/** Column names compared in a PostgreSQL `Index Cond: ((email_lower)::text = 'x'::text) AND (livemode = true)`. */
function pgIndexColumns(line: string): string[] {
  const cond = line.split('Index Cond:')[1] ?? '';
  return [...cond.matchAll(/\(*([a-z_]+)\)?(?:::[a-z ]+?)?\s*(?:=|<>|<=|>=|<|>)/g)].map((m) => m[1]!);
}

/** Column names of a SQLite `SEARCH t USING INDEX i (livemode=? AND created_at>?)`. */
function sqliteIndexColumns(detail: string): string[] {
  const cond = /\(([^)]*)\)\s*$/.exec(detail)?.[1] ?? '';
  return cond.split(' AND ').map((part) => /^(\w+)/.exec(part.trim())?.[1] ?? '').filter((c) => c !== '');
}

const PLANS: Record<DialectName, PlanReader> = {
  pg: {
    analyze: 'analyze',
    explain: (sql) => `explain ${sql}`,
    fullScans: (plan) =>
      plan
        .map((row) => String(row[0]))
        .filter((line) => line.includes('Seq Scan on billing_') || (line.includes('Index Cond:') && onlyBroad(pgIndexColumns(line)))),
  },
  sqlite: {
    analyze: 'analyze',
    explain: (sql) => `explain query plan ${sql}`,
    // Rows are [id, parent, notused, detail]; `SCAN t USING [COVERING] INDEX i` walks an index.
    fullScans: (plan) =>
      plan
        .map((row) => String(row[3]))
        .filter(
          (detail) =>
            (/\bSCAN billing_/.test(detail) && !/USING (COVERING INDEX|INDEX|PRIMARY KEY)/.test(detail)) ||
            (/\bSEARCH billing_/.test(detail) && onlyBroad(sqliteIndexColumns(detail))),
        ),
  },
  mysql: {
    analyze: `analyze table ${Object.values(tableDescriptions).map((t) => t.name).join(', ')}`,
    explain: (sql) => `explain format=json ${sql}`,
    fullScans: (plan) => mysqlTableAccesses(JSON.parse(String(plan[0]?.[0]))).filter(
      (t) => t.access === 'ALL' || t.access === 'index' || onlyBroad(t.keyParts),
    ).map((t) => `${t.table}: ${t.access} ${t.key ?? ''} (${t.keyParts.join(', ')})`),
  },
};

interface MysqlAccess { table: string; access: string; key: string | undefined; keyParts: string[] }

/** Every billing-table access in a MySQL/MariaDB `EXPLAIN FORMAT=JSON` tree, however nested. */
function mysqlTableAccesses(node: unknown, out: MysqlAccess[] = []): MysqlAccess[] {
  if (Array.isArray(node)) {
    for (const item of node) mysqlTableAccesses(item, out);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const name = record['table_name'];
    if (typeof name === 'string' && name.startsWith('billing_')) {
      const parts = record['used_key_parts'];
      out.push({
        table: name,
        access: String(record['access_type']),
        key: typeof record['key'] === 'string' ? record['key'] : undefined,
        keyParts: Array.isArray(parts) ? parts.map(String) : [],
      });
    }
    for (const value of Object.values(record)) mysqlTableAccesses(value, out);
  }
  return out;
}

const N = { customers: 5000, payments: 5000, refunds: 5000, promoCodes: 5000, pollingJobs: 5000, subscriptions: 2000, invoices: 1000, paymentMethods: 2000, checkouts: 2000 };
/** Polling jobs due now (the rest wait a day, or are finished): what a poller's query must pick out. */
const DUE_JOBS = 50;

interface Seeded {
  customerIds: string[];
  subscriptionIds: string[];
  paymentIds: string[];
  invoiceIds: string[];
  paymentMethodIds: string[];
  checkoutIds: string[];
  promoIds: string[];
  pollingJobIds: string[];
}

/** One finder call and what it must have found (the rows exist, so an empty answer is a bug). */
interface Finder {
  readonly name: string;
  readonly call: (s: RecordingStorage, seeded: Seeded) => Promise<unknown>;
  readonly found: (result: unknown) => boolean;
}

const one = (result: unknown) => result !== null && result !== undefined;
const some = (result: unknown) => Array.isArray(result) && result.length > 0;
const at = (ids: string[], i = 1234) => ids[i % ids.length]!;

const FINDERS: Finder[] = [
  { name: 'customers.findById', call: (s, d) => s.customers.findById(at(d.customerIds)), found: one },
  { name: 'customers.findByExternalId', call: (s) => s.customers.findByExternalId('ext_1234'), found: one },
  { name: 'customers.findByEmail', call: (s) => s.customers.findByEmail('USER_1234@Proof.example'), found: one },
  { name: 'subscriptions.findById', call: (s, d) => s.subscriptions.findById(at(d.subscriptionIds)), found: one },
  { name: 'subscriptions.findByCustomerId', call: (s, d) => s.subscriptions.findByCustomerId(at(d.customerIds, 7)), found: some },
  { name: 'payments.findById', call: (s, d) => s.payments.findById(at(d.paymentIds)), found: one },
  { name: 'payments.findByCustomerId', call: (s, d) => s.payments.findByCustomerId(at(d.customerIds)), found: some },
  { name: 'refunds by providerRefundId (payments.hasRefundForProviderRefundId)', call: (s) => s.payments.hasRefundForProviderRefundId('re_1234'), found: (r) => r === true },
  { name: 'refunds by paymentId (payments.getTotalRefundedAmount)', call: (s, d) => s.payments.getTotalRefundedAmount(at(d.paymentIds)), found: (r) => r === 10 },
  { name: 'invoices.findById (with its lines)', call: (s, d) => s.invoices.findById(at(d.invoiceIds)), found: one },
  { name: 'invoices.findByCustomerId (with their lines)', call: (s, d) => s.invoices.findByCustomerId(at(d.customerIds, 7)), found: some },
  { name: 'paymentMethods.findById', call: (s, d) => s.paymentMethods.findById(at(d.paymentMethodIds)), found: one },
  { name: 'paymentMethods.findByCustomerId', call: (s, d) => s.paymentMethods.findByCustomerId(at(d.customerIds, 7)), found: some },
  { name: 'paymentMethods.findDefaultByCustomerId', call: (s, d) => s.paymentMethods.findDefaultByCustomerId(at(d.customerIds, 7)), found: one },
  { name: 'checkouts.findById', call: (s, d) => s.checkouts.findById(at(d.checkoutIds)), found: one },
  { name: 'checkouts.findByCustomerId', call: (s, d) => s.checkouts.findByCustomerId(at(d.customerIds, 7)), found: some },
  { name: 'promoCodes.findById', call: (s, d) => s.promoCodes.findById(at(d.promoIds)), found: one },
  { name: 'promoCodes.findByCode (case-insensitive)', call: (s) => s.promoCodes.findByCode('proof1234'), found: one },
  { name: 'subscriptionPollingJobs.findById', call: (s, d) => s.subscriptionPollingJobs.findById(at(d.pollingJobIds)), found: one },
  { name: 'subscriptionPollingJobs.findDuePending', call: (s) => s.subscriptionPollingJobs.findDuePending(new Date(Date.now() + 60_000), 20), found: some },
  { name: 'subscriptionPollingJobs.findActiveByProviderResourceId', call: (s) => s.subscriptionPollingJobs.findActiveByProviderResourceId('mercadopago', 'res_4320'), found: one },
  { name: 'subscriptionPollingJobs.findActiveBySubscriptionId', call: (s, d) => s.subscriptionPollingJobs.findActiveBySubscriptionId(at(d.subscriptionIds, 76)), found: one },
];

async function seed(s: RecordingStorage): Promise<Seeded> {
  const transaction = <T>(fn: () => Promise<T>) => s.transaction(fn);
  const d: Seeded = { customerIds: [], subscriptionIds: [], paymentIds: [], invoiceIds: [], paymentMethodIds: [], checkoutIds: [], promoIds: [], pollingJobIds: [] };
  // One transaction per table: thousands of rows without a commit (and its fsync) per row.
  await transaction(async () => {
    for (let i = 0; i < N.customers; i++) {
      d.customerIds.push((await s.customers.create({ externalId: `ext_${i}`, email: `user_${i}@proof.example`, name: `User ${i}` })).id);
    }
  });
  await transaction(async () => {
    for (let i = 0; i < N.subscriptions; i++) {
      d.subscriptionIds.push((await s.subscriptions.create({ id: randomUUID(), customerId: at(d.customerIds, i), planId: 'plan_proof' })).id);
    }
  });
  await transaction(async () => {
    const now = new Date();
    for (let i = 0; i < N.payments; i++) {
      const id = randomUUID();
      await s.payments.create({
        id, customerId: at(d.customerIds, i), subscriptionId: null, invoiceId: null, amount: 1000, currency: 'USD', status: 'succeeded',
        paymentMethodId: null, providerPaymentIds: { stripe: `pi_${i}` }, failureCode: null, failureMessage: null, metadata: {},
        livemode: true, createdAt: now, updatedAt: now,
      });
      d.paymentIds.push(id);
    }
  });
  await transaction(async () => {
    for (let i = 0; i < N.refunds; i++) {
      await s.payments.createRefund({ paymentId: at(d.paymentIds, i), amount: 10, currency: 'USD', status: 'succeeded', livemode: true, providerRefundId: `re_${i}` });
    }
  });
  await transaction(async () => {
    for (let i = 0; i < N.promoCodes; i++) {
      d.promoIds.push((await s.promoCodes.create({ id: randomUUID(), code: `PROOF${i}`, discountType: 'percentage', discountValue: 10 })).id);
    }
  });
  await transaction(async () => {
    for (let i = 0; i < N.invoices; i++) {
      const id = randomUUID();
      await s.invoices.create({ id, customerId: at(d.customerIds, i), lines: [{ description: 'Seat', quantity: 1, unitAmount: 100 }] });
      d.invoiceIds.push(id);
    }
    for (let i = 0; i < N.paymentMethods; i++) {
      const id = randomUUID();
      await s.paymentMethods.create({ id, customerId: at(d.customerIds, i), type: 'card', provider: 'stripe', providerPaymentMethodId: `pm_${i}`, setAsDefault: true });
      d.paymentMethodIds.push(id);
    }
  });
  await transaction(async () => {
    const now = new Date();
    for (let i = 0; i < N.checkouts; i++) {
      const id = randomUUID();
      await s.checkouts.create({
        id, customerId: at(d.customerIds, i), customerEmail: null, mode: 'payment', status: 'open', currency: 'USD', lineItems: [{ quantity: 1 }],
        successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/no', expiresAt: new Date(now.getTime() + 3_600_000),
        paymentId: null, subscriptionId: null, providerSessionIds: {}, metadata: {}, livemode: true, createdAt: now, completedAt: null,
      });
      d.checkoutIds.push(id);
    }
  });
  await transaction(async () => {
    for (let i = 0; i < N.pollingJobs; i++) {
      const job = await s.subscriptionPollingJobs.create({
        subscriptionId: at(d.subscriptionIds, i), provider: 'mercadopago', providerResourceId: `res_${i}`,
        initialDelayMs: i < DUE_JOBS ? 0 : 86_400_000,
      });
      if (!job) throw new Error(`polling job ${i} not created`);
      d.pollingJobIds.push(job.id);
      // Most jobs a poller has ever scheduled are finished; only the pending ones matter to it.
      if (i % 4 !== 0 && i >= DUE_JOBS) await s.subscriptionPollingJobs.update({ id: job.id, expectedVersion: job.version, status: 'succeeded' });
    }
  });
  return d;
}

forEachDialect('index proof', (ctx) => {
  const log: Recorded[] = [];
  let storage: RecordingStorage;
  let seeded: Seeded;

  beforeAll(async () => {
    storage = recordingStorage(ctx().db.main.db, log);
    seeded = await seed(storage);
    await ctx().exec(PLANS[ctx().dialect].analyze);
  }, 120_000);

  /** Runs `call` and returns every SELECT it sent, with its bound values. */
  async function readsOf(call: () => Promise<unknown>): Promise<{ result: unknown; reads: Recorded[] }> {
    log.length = 0;
    const result = await call();
    return { result, reads: log.filter((r) => /^select\b/i.test(r.sql)) };
  }

  /** Per statement: its SQL and the plan lines that scan a whole table (SHOW_PLANS=1 prints the plans). */
  async function fullScansOf(reads: Recorded[], plans: PlanReader): Promise<Array<{ sql: string; fullScans: string[] }>> {
    const out: Array<{ sql: string; fullScans: string[] }> = [];
    for (const read of reads) {
      const plan = await ctx().query(plans.explain(read.sql), [...read.params]);
      expect(plan.length).toBeGreaterThan(0);
      if (process.env['SHOW_PLANS']) console.log(`${read.sql}\n  ${plan.map((row) => row.join(' ')).join('\n  ')}`);
      out.push({ sql: read.sql, fullScans: plans.fullScans(plan) });
    }
    return out;
  }

  it('the check itself sees a full scan: a list filtered on an unindexed column', async () => {
    const { result, reads } = await readsOf(() => storage.customers.list({ filters: { phone: '+1 555 0100' } }));
    expect(result).toMatchObject({ data: [], total: 0 });
    const scans = await fullScansOf(reads, PLANS[ctx().dialect]);
    expect(scans.flatMap((s) => s.fullScans).length).toBeGreaterThan(0);
  });

  for (const finder of FINDERS) {
    it(`${finder.name} reads through an index`, async () => {
      const { result, reads } = await readsOf(() => finder.call(storage, seeded));
      expect(finder.found(result), `${finder.name} found nothing`).toBe(true);
      expect(reads.length).toBeGreaterThan(0);
      const scans = await fullScansOf(reads, PLANS[ctx().dialect]);
      expect(scans).toEqual(reads.map((r) => ({ sql: r.sql, fullScans: [] })));
    });
  }
});
