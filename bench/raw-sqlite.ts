/**
 * The raw better-sqlite3 baseline: the adapter's statements, each prepared once, called with
 * hand-built parameters; transactions through better-sqlite3's own `transaction(fn).immediate`
 * (BEGIN IMMEDIATE ... COMMIT, as the adapter issues). Rows come back in the driver's default
 * shape (objects); no mapping on top.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ENTITLEMENT_KEY, expectShape, INVOICE_LINES, LIMIT_KEY, WEBHOOK_PAYLOAD, invoiceNumber, type OpName, type Tag, type Trace } from './ops.js';
import { type Fixtures, inputs } from './setup.js';
import type { Op } from './stats.js';

export function rawSqliteOps(db: Database.Database, traces: Record<OpName, Trace>, fixtures: Fixtures, tag: Tag = 'r'): Record<OpName, Op> {
  const prepared = (name: OpName, statements: number, transaction: boolean): Database.Statement[] =>
    expectShape(traces, name, statements, transaction).map((text) => db.prepare(text));

  const [insertCustomer] = prepared('customers.create', 1, false);
  const [findCustomer] = prepared('customers.findById', 1, false);
  const [updateCustomer] = prepared('customers.update', 1, false);
  const [findSubscriptions] = prepared('subscriptions.findByCustomerId', 1, false);
  const [incrementPromo] = prepared('promoCodes.atomicIncrementRedemptions', 1, false);
  // No payment lock on SQLite: one insert-on-conflict outside any transaction.
  const [insertRefund] = prepared('payments.createRefund', 1, false);
  // The sequence increment, the invoice, then all lines in one multi-row insert.
  const [nextNumber, insertInvoice, insertLines] = prepared('invoices.create', 3, true);
  const [listCustomers, countCustomers] = prepared('customers.list', 2, false);
  countCustomers!.raw(true);
  const [countGrants] = prepared('entitlements.check', 1, false);
  countGrants!.pluck(true);
  const [incrementLimit] = prepared('limits.increment', 1, false);
  const [insertWebhook] = prepared('webhookEvents.record', 1, false);

  const { reader, writer, billed, subscribed, promo, payment, entitled, limited } = inputs(fixtures);
  let n = 0;

  const invoice = db.transaction((customerId: string) => {
    const counter = nextNumber!.get(1, 'invoice:live') as { value: number };
    const now = Date.now();
    const id = randomUUID();
    const amounts = INVOICE_LINES.map((l) => l.quantity * l.unitAmount);
    const subtotal = amounts.reduce((a, b) => a + b, 0);
    insertInvoice!.run(
      id, invoiceNumber(counter.value), customerId, null, 'draft', 'USD', subtotal, 0, 0, subtotal, 0, subtotal,
      null, null, null, null, null, JSON.stringify({}), JSON.stringify({}), 1, 1, now, now,
    );
    insertLines!.run(
      ...INVOICE_LINES.flatMap((line, position) => [randomUUID(), id, position, line.description, line.quantity, line.unitAmount, amounts[position], null, null, null, JSON.stringify({})]),
    );
    return id;
  });

  return {
    'customers.create': async () => {
      const key = `bench_${tag}_${n++}`;
      const email = `${key}@Bench.example`;
      const now = Date.now();
      const id = randomUUID();
      insertCustomer!.run(id, key, email, email.toLowerCase(), 'Bench', null, JSON.stringify({}), null, JSON.stringify({}), 1, 1, now, now, null);
      return id;
    },
    'customers.findById': async () => findCustomer!.get(reader(), 1) ?? null,
    'customers.update': async () => updateCustomer!.get(n++ % 2 === 0 ? 'Renamed A' : 'Renamed B', Date.now(), writer()) ?? null,
    'subscriptions.findByCustomerId': async () => findSubscriptions!.all(subscribed()),
    'promoCodes.atomicIncrementRedemptions': async () => incrementPromo!.get(1, Date.now(), promo()) ?? null,
    'payments.createRefund': async () => {
      insertRefund!.run(randomUUID(), payment(), 1, 'USD', 'succeeded', null, `re_${tag}_${n++}`, 1, JSON.stringify({}), Date.now());
    },
    'invoices.create': async () => invoice.immediate(billed()),
    'customers.list': async () => {
      const data = listCustomers!.all(1, 20, 0);
      const total = Number((countCustomers!.get(1) as unknown[])[0]);
      return { data, total, limit: 20, offset: 0, hasMore: data.length < total };
    },
    'entitlements.check': async () => Number(countGrants!.get(entitled(), ENTITLEMENT_KEY, Date.now())) > 0,
    'limits.increment': async () => {
      const customerId = limited();
      const row = incrementLimit!.get(1, Date.now(), customerId, LIMIT_KEY, Number.MAX_SAFE_INTEGER - 1);
      if (!row) throw new Error(`limit ${customerId}/${LIMIT_KEY} not found`);
      return row;
    },
    'webhookEvents.record': async () => {
      const now = Date.now();
      const id = randomUUID();
      insertWebhook!.run(id, 'stripe', `evt_${tag}_${n++}`, 'invoice.paid', JSON.stringify(WEBHOOK_PAYLOAD), 'received', 0, null, null, now, null, 1, now, now);
      return id;
    },
  };
}
