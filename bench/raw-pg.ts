/**
 * The raw postgres.js baseline, on its own client with default settings: the adapter's statement
 * texts through `sql.unsafe(text, params, { prepare: true })` (named server-side prepared
 * statements), parameters as plain JS values (Date, boolean, objects for jsonb), transactions by
 * `sql.begin` (BEGIN ... COMMIT on one reserved connection, as the adapter does). Rows in the
 * driver's default shape (objects); no mapping on top.
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { ENTITLEMENT_KEY, expectShape, INVOICE_LINES, LIMIT_KEY, WEBHOOK_PAYLOAD, invoiceNumber, type OpName, type Tag, type Trace } from './ops.js';
import { type Fixtures, inputs } from './setup.js';
import type { Op } from './stats.js';

type Sql = postgres.Sql;
type Param = postgres.ParameterOrJSON<never>;

export function openRawPg(url: string, poolSize: number): Sql {
  return postgres(url, { max: poolSize, onnotice: () => undefined });
}

export function rawPgOps(sql: Sql, traces: Record<OpName, Trace>, fixtures: Fixtures, tag: Tag = 'r'): Record<OpName, Op> {
  const q = (on: Sql | postgres.TransactionSql, text: string, params: Param[]) => on.unsafe(text, params, { prepare: true });

  const [insertCustomer] = expectShape(traces, 'customers.create', 1, false);
  const [findCustomer] = expectShape(traces, 'customers.findById', 1, false);
  const [updateCustomer] = expectShape(traces, 'customers.update', 1, false);
  const [findSubscriptions] = expectShape(traces, 'subscriptions.findByCustomerId', 1, false);
  const [incrementPromo] = expectShape(traces, 'promoCodes.atomicIncrementRedemptions', 1, false);
  // No payment lock on PostgreSQL: one insert-on-conflict outside any transaction.
  const [insertRefund] = expectShape(traces, 'payments.createRefund', 1, false);
  // The counter, the invoice, then all lines in one multi-row insert.
  const [nextNumber, insertInvoice, insertLines] = expectShape(traces, 'invoices.create', 3, true);
  const [listCustomers, countCustomers] = expectShape(traces, 'customers.list', 2, false);
  const [countGrants] = expectShape(traces, 'entitlements.check', 1, false);
  const [incrementLimit] = expectShape(traces, 'limits.increment', 1, false);
  const [insertWebhook] = expectShape(traces, 'webhookEvents.record', 1, false);

  const { reader, writer, billed, subscribed, promo, payment, entitled, limited } = inputs(fixtures);
  let n = 0;

  return {
    'customers.create': async () => {
      const key = `bench_${tag}_${n++}`;
      const email = `${key}@Bench.example`;
      const now = new Date();
      const id = randomUUID();
      await q(sql, insertCustomer!, [id, key, email, email.toLowerCase(), 'Bench', null, {}, null, {}, true, 1, now, now, null]);
      return id;
    },
    'customers.findById': async () => (await q(sql, findCustomer!, [reader(), 1]))[0] ?? null,
    'customers.update': async () =>
      (await q(sql, updateCustomer!, [n++ % 2 === 0 ? 'Renamed A' : 'Renamed B', new Date(), writer()]))[0] ?? null,
    'subscriptions.findByCustomerId': () => q(sql, findSubscriptions!, [subscribed()]),
    'promoCodes.atomicIncrementRedemptions': async () => (await q(sql, incrementPromo!, [1, new Date(), promo()]))[0] ?? null,
    'payments.createRefund': async () => {
      await q(sql, insertRefund!, [randomUUID(), payment(), 1, 'USD', 'succeeded', null, `re_${tag}_${n++}`, true, {}, new Date()]);
    },
    'invoices.create': () => {
      const customerId = billed();
      return sql.begin(async (tx) => {
        const [counter] = await q(tx, nextNumber!, [1, 'invoice:live']);
        const now = new Date();
        const id = randomUUID();
        const amounts = INVOICE_LINES.map((l) => l.quantity * l.unitAmount);
        const subtotal = amounts.reduce((a, b) => a + b, 0);
        await q(tx, insertInvoice!, [
          id, invoiceNumber(Number(counter!['value'])), customerId, null, 'draft', 'USD', subtotal, 0, 0, subtotal, 0, subtotal,
          null, null, null, null, null, {}, {}, true, 1, now, now,
        ]);
        await q(
          tx,
          insertLines!,
          INVOICE_LINES.flatMap((line, position) => [randomUUID(), id, position, line.description, line.quantity, line.unitAmount, amounts[position]!, null, null, null, {}]),
        );
        return id;
      });
    },
    'customers.list': async () => {
      // The adapter sends the page and the count at once (two pooled connections); so does this.
      const [data, count] = await Promise.all([q(sql, listCustomers!, [true, 20, 0]), q(sql, countCustomers!, [true])]);
      const total = Number(count[0]!['count']);
      return { data, total, limit: 20, offset: 0, hasMore: data.length < total };
    },
    'entitlements.check': async () => Number((await q(sql, countGrants!, [entitled(), ENTITLEMENT_KEY, new Date()]))[0]!['count']) > 0,
    'limits.increment': async () => {
      const customerId = limited();
      const [row] = await q(sql, incrementLimit!, [1, new Date(), customerId, LIMIT_KEY, Number.MAX_SAFE_INTEGER - 1]);
      if (!row) throw new Error(`limit ${customerId}/${LIMIT_KEY} not found`);
      return row;
    },
    'webhookEvents.record': async () => {
      const now = new Date();
      const id = randomUUID();
      await q(sql, insertWebhook!, [id, 'stripe', `evt_${tag}_${n++}`, 'invoice.paid', WEBHOOK_PAYLOAD, 'received', 0, null, null, now, null, true, now, now]);
      return id;
    },
  };
}
