/**
 * `invoices.applyPayment` applies only settled money of the invoice's own customer, mode and
 * currency, and never more of a payment than is left after refunds and earlier applications
 * (issue 11 §3). Each refusal is a QZPayPaymentNotApplicableError with its reason as `code`,
 * and writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import {
  QZPayPaymentNotApplicableError,
  type QZPayPaymentNotApplicableReason,
  QZPayValidationError,
} from '../src/contract/errors.js';
import type { QZPayPaymentStatus } from '../src/contract/unions.js';
import { forEachDialect } from './harness/index.js';

forEachDialect('invoices.applyPayment rules', (ctx) => {
  const newCustomer = async (s: QZPayDrizzleStorageHandle = ctx().storage): Promise<string> =>
    (await s.customers.create({ externalId: randomUUID(), email: `${randomUUID()}@x.io` })).id;

  const newPayment = async (
    customerId: string,
    amount: number,
    extra: { status?: QZPayPaymentStatus; livemode?: boolean; currency?: 'USD' | 'EUR' } = {},
  ): Promise<string> => {
    const now = new Date();
    const payment = await ctx().storage.payments.create({
      id: randomUUID(), customerId, subscriptionId: null, invoiceId: null, amount,
      currency: extra.currency ?? 'USD', status: extra.status ?? 'succeeded', paymentMethodId: null,
      providerPaymentIds: {}, failureCode: null, failureMessage: null, metadata: {},
      livemode: extra.livemode ?? true, createdAt: now, updatedAt: now,
    });
    return payment.id;
  };

  const newInvoice = async (customerId: string, due = 100) =>
    ctx().storage.invoices.create({ id: randomUUID(), customerId, lines: [{ description: 'x', quantity: 1, unitAmount: due }] });

  /** Expects a refusal with `code`, and that neither the invoice nor the application ledger moved. */
  const expectRefused = async (invoiceId: string, paymentId: string, amount: number, code: QZPayPaymentNotApplicableReason) => {
    const { storage, count } = ctx();
    const before = await storage.invoices.findById(invoiceId);
    const applied = await count('billing_invoice_payments');
    const error: unknown = await storage.invoices.applyPayment({ invoiceId, paymentId, amount }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QZPayPaymentNotApplicableError);
    expect(error).toBeInstanceOf(QZPayValidationError);
    expect((error as QZPayPaymentNotApplicableError).code).toBe(code);
    expect((error as QZPayPaymentNotApplicableError).field).toBe(code === 'exceeds_available' ? 'amount' : 'paymentId');
    expect(await count('billing_invoice_payments')).toBe(applied);
    expect(await storage.invoices.findById(invoiceId)).toEqual(before);
  };

  it('refuses payments that are not settled money: pending, processing, failed, canceled, refunded, disputed', async () => {
    const customerId = await newCustomer();
    const invoice = await newInvoice(customerId);
    for (const status of ['pending', 'processing', 'failed', 'canceled', 'refunded', 'disputed'] as const) {
      await expectRefused(invoice.id, await newPayment(customerId, 100, { status }), 10, 'payment_not_succeeded');
    }
    // succeeded and partially_refunded are settled money.
    await ctx().storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: await newPayment(customerId, 100), amount: 10 });
    const partly = await newPayment(customerId, 100, { status: 'partially_refunded' });
    const paid = await ctx().storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: partly, amount: 10 });
    expect(paid).toMatchObject({ amountPaid: 20, amountDue: 80 });
  });

  it("refuses another customer's payment, a test-mode payment on a live invoice, and another currency", async () => {
    const customerId = await newCustomer();
    const invoice = await newInvoice(customerId);
    await expectRefused(invoice.id, await newPayment(await newCustomer(), 100), 10, 'customer_mismatch');
    await expectRefused(invoice.id, await newPayment(customerId, 100, { livemode: false }), 10, 'livemode_mismatch');
    await expectRefused(invoice.id, await newPayment(customerId, 100, { currency: 'EUR' }), 10, 'currency_mismatch');
  });

  it('counts only what is left after refunds (pending and succeeded; failed ones returned nothing)', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    const invoice = await newInvoice(customerId, 1000);
    const payment = await newPayment(customerId, 500);
    const refund = (amount: number, status: 'pending' | 'succeeded' | 'failed') =>
      storage.payments.createRefund({ paymentId: payment, amount, currency: 'USD', status, providerRefundId: randomUUID(), livemode: true });
    await refund(100, 'succeeded');
    await refund(50, 'pending');
    await refund(300, 'failed');
    await expectRefused(invoice.id, payment, 351, 'exceeds_available');
    expect((await storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: payment, amount: 350 })).amountDue).toBe(650);
    await expectRefused(invoice.id, payment, 1, 'exceeds_available');
  });

  it('a fully refunded payment pays nothing, whatever its status says', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    const invoice = await newInvoice(customerId);
    const payment = await newPayment(customerId, 100);
    await storage.payments.createRefund({ paymentId: payment, amount: 100, currency: 'USD', status: 'succeeded', providerRefundId: randomUUID(), livemode: true });
    await expectRefused(invoice.id, payment, 1, 'exceeds_available');
  });

  it('one payment spread over 200 invoices by 200 concurrent calls: exactly its amount is applied', async () => {
    const { storage, count } = ctx();
    const s = await ctx().open({ poolSize: 10 });
    const customerId = await newCustomer();
    const invoices = [];
    for (let i = 0; i < 200; i++) invoices.push(await newInvoice(customerId, 10));
    const payment = await newPayment(customerId, 1000);
    const applied = await count('billing_invoice_payments');
    const results = await Promise.allSettled(invoices.map((inv) => s.invoices.applyPayment({ invoiceId: inv.id, paymentId: payment, amount: 10 })));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(100);
    expect(refused.length).toBe(100);
    for (const r of refused) expect((r.reason as QZPayPaymentNotApplicableError).code).toBe('exceeds_available');
    expect(await count('billing_invoice_payments')).toBe(applied + 100);
    const [sum] = await ctx().query('select sum(amount_applied) from billing_invoice_payments where payment_id = ?'.replace('?', ctx().dialect === 'pg' ? '$1' : '?'), [payment]);
    expect(Number(sum?.[0])).toBe(1000);
    const paid = await Promise.all(invoices.map((inv) => storage.invoices.findById(inv.id)));
    expect(paid.filter((inv) => inv?.status === 'paid').length).toBe(100);
  }, 120_000);
});
