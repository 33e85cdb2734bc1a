/**
 * Statement design (issue 15 §2): the writes that used to cost one round trip per row or a lock
 * they did not need now send fewer statements, with every guarantee kept. Statements are counted
 * beneath the storage (test/harness/capture.ts), on every dialect with the same assertions.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { QZPayValidationError } from '../src/contract/errors.js';
import { parseInvoiceNumber } from '../src/adapter/collections/invoice-numbers.js';
import { type Recorded, type RecordingStorage, recordingStorage } from './harness/capture.js';
import { forEachDialect } from './harness/index.js';
import { resolveDatabase } from '../src/dialect/index.js';

const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ description: `line ${i}`, quantity: 1 + (i % 3), unitAmount: 100 + i }));
const writesTo = (log: readonly Recorded[], table: string) => log.filter((r) => new RegExp(`^insert into [\`"]${table}[\`"]`).test(r.sql));

forEachDialect('round trips', (ctx) => {
  const log: Recorded[] = [];
  let storage: RecordingStorage;
  let customerId: string;

  beforeAll(async () => {
    storage = recordingStorage(ctx().db.main.db, log);
    customerId = (await storage.customers.create({ externalId: randomUUID(), email: `${randomUUID()}@trips.example` })).id;
  });

  it('invoices.create writes all its lines in one statement, and 250 lines in three (100 per statement), in order', async () => {
    log.length = 0;
    const three = await storage.invoices.create({ id: randomUUID(), customerId, lines: lines(3) });
    expect(writesTo(log, 'billing_invoice_lines')).toHaveLength(1);
    expect((await storage.invoices.findById(three.id))?.lines).toEqual(three.lines);

    log.length = 0;
    const many = await storage.invoices.create({ id: randomUUID(), customerId, lines: lines(250) });
    expect(writesTo(log, 'billing_invoice_lines')).toHaveLength(3);
    expect(many.lines.map((l) => l.description)).toEqual(lines(250).map((l) => l.description));
    expect(many.subtotal).toBe(lines(250).reduce((sum, l) => sum + l.quantity * l.unitAmount, 0));
    const stored = await storage.invoices.findById(many.id);
    expect(stored?.lines).toEqual(many.lines);
    expect(parseInvoiceNumber(many.number)).toBe((parseInvoiceNumber(three.number) ?? Number.NaN) + 1);
  });

  it('a bad line in the third statement of lines rejects with QZPayValidationError and leaves nothing behind', async () => {
    const { count } = ctx();
    const before = [await count('billing_invoices'), await count('billing_invoice_lines')];
    const first = await storage.invoices.create({ id: randomUUID(), customerId, lines: lines(1) });
    const bad = lines(250).map((l, i) => (i === 240 ? { ...l, priceId: 'p'.repeat(192) } : l));
    log.length = 0;
    await expect(storage.invoices.create({ id: randomUUID(), customerId, lines: bad })).rejects.toBeInstanceOf(QZPayValidationError);
    // Two statements of lines were sent before the third was refused, and rolled back with the invoice.
    expect(writesTo(log, 'billing_invoice_lines')).toHaveLength(2);
    expect([await count('billing_invoices'), await count('billing_invoice_lines')]).toEqual([before[0]! + 1, before[1]! + 1]);
    const next = await storage.invoices.create({ id: randomUUID(), customerId, lines: lines(1) });
    expect(parseInvoiceNumber(next.number)).toBe((parseInvoiceNumber(first.number) ?? Number.NaN) + 1);
  });

  it('payments.createRefund sends one insert (inside BEGIN, payment lock, COMMIT only where duplicate checks hold locks); a replay writes nothing', async () => {
    const now = new Date();
    const payment = await storage.payments.create({
      id: randomUUID(), customerId, subscriptionId: null, invoiceId: null, amount: 5000, currency: 'USD', status: 'succeeded',
      paymentMethodId: null, providerPaymentIds: {}, failureCode: null, failureMessage: null, metadata: {}, livemode: true, createdAt: now, updatedAt: now,
    });
    const refund = { paymentId: payment.id, amount: 700, currency: 'USD' as const, status: 'succeeded' as const, livemode: true, providerRefundId: `re_${randomUUID()}` };
    log.length = 0;
    await storage.payments.createRefund(refund);
    await storage.payments.createRefund(refund);
    expect(writesTo(log, 'billing_refunds')).toHaveLength(2);
    // The payment row lock (and so a transaction) only where duplicate-key checks hold locks.
    const perCall = resolveDatabase(ctx().db.main.db).strategy.writes.duplicateChecksHoldLocks ? ['BEGIN', 'select', 'insert', 'COMMIT'] : ['insert'];
    expect(log.map((r) => /^\w+/.exec(r.sql)?.[0])).toEqual([...perCall, ...perCall]);
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(700);
  });
});
