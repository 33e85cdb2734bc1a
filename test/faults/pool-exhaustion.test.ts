/**
 * Pool exhaustion: a storage with TWO pooled connections runs ten concurrent transactions (each
 * making nested collection calls: multi-statement methods that join the transaction, savepoints,
 * statements issued in parallel on the transaction's connection, a row lock every transaction
 * queues on) plus ten plain calls outside any transaction. Nothing may wait for a connection
 * that a waiting transaction itself holds: every call settles within a bounded time, and here
 * every one succeeds, with exact row counts and gap-free invoice numbers.
 *
 * SQLite serialises transactions on its single connection; the same assertions hold there.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { parseInvoiceNumber } from '../../src/adapter/collections/invoice-numbers.js';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { forEachDialect } from '../harness/index.js';
import { within } from './support.js';

const TRANSACTIONS = 10;
const PLAIN_CALLS = 10;

forEachDialect('faults: pool exhaustion', (ctx) => {
  let s: QZPayDrizzleStorageHandle;
  beforeAll(async () => {
    s = await ctx().open({ poolSize: 2 });
  });

  /** One transaction's worth of nested collection calls; resolves its invoice number. */
  async function workload(tag: string, i: number): Promise<number> {
    return s.transaction(async () => {
      const customer = await s.customers.create({ externalId: `${tag}-${i}`, email: `${i}@pool.io` });
      // A savepoint holding two more collection calls.
      const subscription = await s.transaction(async () => {
        const sub = await s.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-pool' });
        await s.customers.update(customer.id, { name: `customer ${i}` });
        return sub;
      });
      // Statements in parallel on the one transaction connection.
      const [again, sub, page] = await Promise.all([
        s.customers.findById(customer.id),
        s.subscriptions.findById(subscription.id),
        s.customers.list({ limit: 1 }),
      ]);
      expect(again?.version).toBe(2);
      expect(sub?.id).toBe(subscription.id);
      expect(page.data.length).toBe(1);
      const now = new Date();
      const payment = await s.payments.create({
        id: randomUUID(),
        customerId: customer.id,
        subscriptionId: subscription.id,
        invoiceId: null,
        amount: 1000,
        currency: 'USD',
        status: 'succeeded',
        paymentMethodId: null,
        providerPaymentIds: {},
        failureCode: null,
        failureMessage: null,
        metadata: {},
        livemode: true,
        createdAt: now,
        updatedAt: now,
      });
      // Multi-statement methods that join the transaction: a row-locking refund, an invoice
      // (every transaction queues on the invoice counter row) and a payment applied to it.
      await s.payments.createRefund({ paymentId: payment.id, amount: 100, currency: 'USD', status: 'succeeded', providerRefundId: `re-${tag}-${i}`, livemode: true });
      expect(await s.payments.getTotalRefundedAmount(payment.id)).toBe(100);
      const invoice = await s.invoices.create({ id: randomUUID(), customerId: customer.id, lines: [{ description: 'seat', quantity: 2, unitAmount: 450 }] });
      const paid = await s.invoices.applyPayment({ invoiceId: invoice.id, paymentId: payment.id, amount: 900 });
      expect(paid.status).toBe('paid');
      // Two savepoints opened at once (they queue on the transaction's one connection).
      await Promise.all([
        s.transaction(() => s.entitlements.grant({ customerId: customer.id, entitlementKey: 'pool' })),
        s.transaction(() => s.limits.set({ customerId: customer.id, limitKey: 'seats', maxValue: 5 })),
      ]);
      await s.limits.increment({ customerId: customer.id, limitKey: 'seats', incrementBy: 2 });
      await s.webhookEvents.record({ provider: 'stripe', providerEventId: `evt-${tag}-${i}`, type: 'invoice.paid', payload: { i } });
      return parseInvoiceNumber(invoice.number) ?? Number.NaN;
    });
  }

  it(`${TRANSACTIONS} transactions with nested calls and ${PLAIN_CALLS} plain calls on 2 connections all complete within 20 s`, async () => {
    const { count } = ctx();
    const tag = `pool-${randomUUID()}`;
    const before = {
      customers: await count('billing_customers'),
      invoices: await count('billing_invoices'),
      refunds: await count('billing_refunds'),
      events: await count('billing_webhook_events'),
    };
    const started = Date.now();
    const results = await within(
      20_000,
      Promise.allSettled([
        ...Array.from({ length: TRANSACTIONS }, (_, i) => workload(tag, i)),
        ...Array.from({ length: PLAIN_CALLS }, (_, i) =>
          s.customers.create({ externalId: `${tag}-plain-${i}`, email: `plain${i}@pool.io` }).then(() => -1),
        ),
      ]),
      'the 20 concurrent calls',
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason));
    expect(rejected).toEqual([]);
    const numbers = results
      .map((r) => (r.status === 'fulfilled' ? r.value : Number.NaN))
      .filter((n) => n !== -1)
      .sort((a, b) => a - b);
    expect(numbers).toHaveLength(TRANSACTIONS);
    // Gap-free and unique: consecutive numbers.
    expect(numbers.map((n) => n - (numbers[0] ?? 0))).toEqual(Array.from({ length: TRANSACTIONS }, (_, i) => i));
    expect(await count('billing_customers')).toBe(before.customers + TRANSACTIONS + PLAIN_CALLS);
    expect(await count('billing_invoices')).toBe(before.invoices + TRANSACTIONS);
    expect(await count('billing_refunds')).toBe(before.refunds + TRANSACTIONS);
    expect(await count('billing_webhook_events')).toBe(before.events + TRANSACTIONS);
    console.log(`[${ctx().dialect}] pool of 2: ${TRANSACTIONS} transactions + ${PLAIN_CALLS} plain calls settled in ${Date.now() - started} ms`);
  });

  it('a transaction that fails while others wait for a connection gives its connection back', async () => {
    const tag = `pool-fail-${randomUUID()}`;
    const boom = new Error('boom');
    const results = await within(
      20_000,
      Promise.allSettled(
        Array.from({ length: TRANSACTIONS }, (_, i) =>
          s.transaction(async () => {
            await s.customers.create({ externalId: `${tag}-${i}`, email: `${i}@fail.io` });
            if (i % 2 === 0) throw boom;
            return i;
          }),
        ),
      ),
      'the 10 transactions',
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual(Array(TRANSACTIONS / 2).fill(boom));
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([1, 3, 5, 7, 9]);
    const page = await s.customers.list({ filters: { email: '1@fail.io' } });
    expect(page.data.map((c) => c.externalId)).toEqual([`${tag}-1`]);
  });
});
