/**
 * The measured operations through the adapter, and the statements each one sends (recorded from
 * the adapter itself, so the raw baseline runs exactly the adapter's SQL text).
 */
import { randomUUID } from 'node:crypto';
import type { Collections } from '../src/adapter/collections/index.js';
import { type Recorded, recordingStorage } from '../test/harness/capture.js';
import { type Fixtures, inputs } from './setup.js';
import type { Op } from './stats.js';
import type { QZPayDrizzleDatabase } from '../src/dialect/database.js';

export const OPERATIONS = [
  'customers.create',
  'customers.findById',
  'customers.update',
  'subscriptions.findByCustomerId',
  'promoCodes.atomicIncrementRedemptions',
  'payments.createRefund',
  'invoices.create',
  'customers.list',
  'entitlements.check',
  'limits.increment',
  'webhookEvents.record',
] as const;
export type OpName = (typeof OPERATIONS)[number];

/**
 * Measuring order: reads of the seeded tables first, so `customers.list` (whose total is a count
 * over every live customer) is not measured on a table the create benchmark has grown.
 */
export const RUN_ORDER: readonly OpName[] = [
  'customers.findById',
  'customers.list',
  'subscriptions.findByCustomerId',
  'entitlements.check',
  'customers.update',
  'limits.increment',
  'promoCodes.atomicIncrementRedemptions',
  'webhookEvents.record',
  'payments.createRefund',
  'invoices.create',
  'customers.create',
];

export const INVOICE_LINES = [
  { description: 'Seat', quantity: 3, unitAmount: 1200 },
  { description: 'Storage', quantity: 1, unitAmount: 500 },
  { description: 'Support', quantity: 1, unitAmount: 9900 },
];

/** What the seeded customers hold: a grant checked and a limit incremented by the benchmark. */
export const ENTITLEMENT_KEY = 'feature.export';
export const LIMIT_KEY = 'api_calls';
export const WEBHOOK_PAYLOAD = { object: 'event', data: { amount: 4200, currency: 'usd' } };

/** Distinct per side and run phase, so unique keys never collide between them. */
export type Tag = 'a' | 'r' | 'c' | 'b' | 'v';

export function adapterOps(storage: Collections, fixtures: Fixtures, tag: Tag = 'a'): Record<OpName, Op> {
  const { reader, writer, billed, subscribed, promo, payment, entitled, limited } = inputs(fixtures);
  let n = 0;
  return {
    'customers.create': () => {
      const key = `bench_${tag}_${n++}`;
      return storage.customers.create({ externalId: key, email: `${key}@Bench.example`, name: 'Bench' });
    },
    'customers.findById': () => storage.customers.findById(reader()),
    'customers.update': () => storage.customers.update(writer(), { name: n++ % 2 === 0 ? 'Renamed A' : 'Renamed B' }),
    'subscriptions.findByCustomerId': () => storage.subscriptions.findByCustomerId(subscribed()),
    'promoCodes.atomicIncrementRedemptions': () => storage.promoCodes.atomicIncrementRedemptions(promo()),
    'payments.createRefund': () =>
      storage.payments.createRefund({
        paymentId: payment(),
        amount: 1,
        currency: 'USD',
        status: 'succeeded',
        livemode: true,
        providerRefundId: `re_${tag}_${n++}`,
      }),
    'invoices.create': () => storage.invoices.create({ id: randomUUID(), customerId: billed(), lines: INVOICE_LINES }),
    'customers.list': () => storage.customers.list({ limit: 20 }),
    'entitlements.check': () => storage.entitlements.check(entitled(), ENTITLEMENT_KEY),
    'limits.increment': () => storage.limits.increment({ customerId: limited(), limitKey: LIMIT_KEY, incrementBy: 1 }),
    'webhookEvents.record': () =>
      storage.webhookEvents.record({ provider: 'stripe', providerEventId: `evt_${tag}_${n++}`, type: 'invoice.paid', payload: WEBHOOK_PAYLOAD }),
  };
}

/** What one call of an operation sends: its statements in order, and whether inside a transaction. */
export interface Trace {
  readonly statements: readonly string[];
  readonly transaction: boolean;
  /** The full recording (BEGIN/COMMIT included), for the report. */
  readonly recorded: readonly Recorded[];
}

/**
 * Runs every operation twice through a recording copy of the adapter and keeps the second call's
 * statements (the first may do one-off work, e.g. creating the invoice counter row).
 */
export async function traceOperations(db: QZPayDrizzleDatabase, fixtures: Fixtures): Promise<Record<OpName, Trace>> {
  const log: Recorded[] = [];
  const ops = adapterOps(recordingStorage(db, log), fixtures, 'c');
  const traces: Partial<Record<OpName, Trace>> = {};
  for (const name of OPERATIONS) {
    await ops[name]();
    log.length = 0;
    await ops[name]();
    const recorded = [...log];
    const control = new Set(['BEGIN', 'COMMIT', 'ROLLBACK']);
    traces[name] = {
      statements: recorded.filter((r) => !control.has(r.sql)).map((r) => r.sql),
      transaction: recorded.some((r) => r.sql === 'BEGIN'),
      recorded,
    };
  }
  return traces as Record<OpName, Trace>;
}

/**
 * The raw baselines are written for a known statement sequence; if the adapter changes what it
 * sends, the comparison would no longer be like for like, so the run stops and says what changed.
 */
export function expectShape(traces: Record<OpName, Trace>, name: OpName, statements: number, transaction: boolean): readonly string[] {
  const trace = traces[name];
  if (trace.statements.length !== statements || trace.transaction !== transaction) {
    throw new Error(
      `${name}: the adapter now sends ${trace.statements.length} statement(s)${trace.transaction ? ' in a transaction' : ''}, ` +
        `the raw baseline expects ${statements}${transaction ? ' in a transaction' : ''}; update bench/raw-*.ts:\n` +
        trace.recorded.map((r) => `  ${r.sql}`).join('\n'),
    );
  }
  return trace.statements;
}

export function invoiceNumber(value: number): string {
  return `INV-${String(value).padStart(6, '0')}`;
}
