import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { QZPayPayment } from '../src/contract/entities.js';
import type { QZPayCreateRefundInput } from '../src/contract/inputs.js';
import { QZPayForeignKeyError, QZPayValidationError } from '../src/contract/errors.js';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import { forEachDialect } from './harness/index.js';

async function newPayment(storage: QZPayDrizzleStorageHandle, amount = 1000): Promise<QZPayPayment> {
  const key = randomUUID();
  const customer = await storage.customers.create({ externalId: key, email: `${key}@x.io` });
  const now = new Date();
  return storage.payments.create({
    id: randomUUID(),
    customerId: customer.id,
    subscriptionId: null,
    invoiceId: null,
    amount,
    currency: 'USD',
    status: 'succeeded',
    paymentMethodId: null,
    providerPaymentIds: { stripe: `pi_${key}` },
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: false,
    createdAt: now,
    updatedAt: now,
  });
}

function refund(payment: QZPayPayment, overrides: Partial<QZPayCreateRefundInput> = {}): QZPayCreateRefundInput {
  return { paymentId: payment.id, amount: 100, currency: payment.currency, status: 'succeeded', livemode: payment.livemode, ...overrides };
}

/** What core's `billing.payments.refund` does with the ledger after the provider settled a refund. */
async function coreRefund(storage: QZPayDrizzleStorageHandle, payment: QZPayPayment, amount: number, providerRefundId: string) {
  if (!(await storage.payments.hasRefundForProviderRefundId(providerRefundId))) {
    await storage.payments.createRefund(refund(payment, { amount, providerRefundId }));
  }
  const total = await storage.payments.getTotalRefundedAmount(payment.id);
  const current = await storage.payments.findById(payment.id);
  return storage.payments.update(payment.id, {
    status: total >= payment.amount ? 'refunded' : 'partially_refunded',
    metadata: { ...current?.metadata, refundedAmount: total },
  });
}

forEachDialect('refund ledger', (ctx) => {
  it('two 50% tranches add up to the amount and core then marks the payment refunded', async () => {
    const { storage } = ctx();
    const payment = await newPayment(storage, 1001);
    const first = await coreRefund(storage, payment, 500, `re_${randomUUID()}`);
    expect(first.status).toBe('partially_refunded');
    expect(first.metadata).toEqual({ refundedAmount: 500 });
    const second = await coreRefund(storage, payment, 501, `re_${randomUUID()}`);
    expect(second.status).toBe('refunded');
    expect(second.metadata).toEqual({ refundedAmount: 1001 });
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(1001);
  });

  it('a replayed provider refund (webhook after API) is counted once and never throws', async () => {
    const { storage, count } = ctx();
    const payment = await newPayment(storage);
    const providerRefundId = `re_${randomUUID()}`;
    const before = await count('billing_refunds');
    await storage.payments.createRefund(refund(payment, { amount: 300, providerRefundId }));
    await expect(storage.payments.createRefund(refund(payment, { amount: 300, providerRefundId }))).resolves.toBeUndefined();
    // A different amount or status under the same id is still the same provider event.
    await expect(storage.payments.createRefund(refund(payment, { amount: 999, status: 'failed', providerRefundId }))).resolves.toBeUndefined();
    expect(await count('billing_refunds')).toBe(before + 1);
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(300);
  });

  it('20 concurrent createRefund calls with one providerRefundId leave exactly one row', async () => {
    const { count, open } = ctx();
    const s = await open({ poolSize: 10 });
    const payment = await newPayment(s);
    const providerRefundId = `re_${randomUUID()}`;
    const before = await count('billing_refunds');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => s.payments.createRefund(refund(payment, { amount: 250, providerRefundId }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(20);
    expect(await count('billing_refunds')).toBe(before + 1);
    expect(await s.payments.getTotalRefundedAmount(payment.id)).toBe(250);
    expect(await s.payments.hasRefundForProviderRefundId(providerRefundId)).toBe(true);
  });

  it('20 concurrent replays inside host transactions also leave exactly one row', async () => {
    const { count, open } = ctx();
    const s = await open({ poolSize: 10 });
    const payment = await newPayment(s);
    const providerRefundId = `re_${randomUUID()}`;
    const before = await count('billing_refunds');
    // The ignored duplicate must not poison the surrounding transaction (PostgreSQL aborts a
    // transaction on any failed statement): the second insert of each transaction still commits.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        s.transaction(async () => {
          await s.payments.createRefund(refund(payment, { amount: 10, providerRefundId }));
          await s.payments.createRefund(refund(payment, { amount: 1 }));
        }),
      ),
    );
    // All 20 commit: no deadlock victim on MySQL, no aborted transaction on PostgreSQL.
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await count('billing_refunds')).toBe(before + 21);
    expect(await s.payments.getTotalRefundedAmount(payment.id)).toBe(30);
  });

  it('refunds without providerRefundId are always inserted', async () => {
    const { storage, count } = ctx();
    const payment = await newPayment(storage);
    const before = await count('billing_refunds');
    for (let i = 0; i < 3; i++) await storage.payments.createRefund(refund(payment, { amount: 100, reason: 'same' }));
    expect(await count('billing_refunds')).toBe(before + 3);
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(300);
  });

  it('only succeeded rows count; unknown payments total 0', async () => {
    const { storage } = ctx();
    const payment = await newPayment(storage);
    await storage.payments.createRefund(refund(payment, { amount: 100, status: 'pending' }));
    await storage.payments.createRefund(refund(payment, { amount: 200, status: 'failed', providerRefundId: `re_${randomUUID()}` }));
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(0);
    await storage.payments.createRefund(refund(payment, { amount: 400 }));
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(400);
    expect(await storage.payments.getTotalRefundedAmount(randomUUID())).toBe(0);
    expect(await storage.payments.getTotalRefundedAmount('x'.repeat(300))).toBe(0);
  });

  it('sums beyond 32 bits exactly', async () => {
    const { storage } = ctx();
    const payment = await newPayment(storage, 9_000_000_000_000);
    await storage.payments.createRefund(refund(payment, { amount: 4_000_000_000_000 }));
    await storage.payments.createRefund(refund(payment, { amount: 4_000_000_000_001 }));
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(8_000_000_000_001);
  });

  it('deduplicates the same providerRefundId across payments', async () => {
    const { storage, count } = ctx();
    const a = await newPayment(storage);
    const b = await newPayment(storage);
    const providerRefundId = `re_${randomUUID()}`;
    await storage.payments.createRefund(refund(a, { amount: 100, providerRefundId }));
    const before = await count('billing_refunds');
    await expect(storage.payments.createRefund(refund(b, { amount: 100, providerRefundId }))).resolves.toBeUndefined();
    expect(await count('billing_refunds')).toBe(before);
    expect(await storage.payments.getTotalRefundedAmount(a.id)).toBe(100);
    expect(await storage.payments.getTotalRefundedAmount(b.id)).toBe(0);
  });

  it('hasRefundForProviderRefundId answers from the ledger across payments and statuses', async () => {
    const { storage, open } = ctx();
    const payment = await newPayment(storage);
    const pendingId = `re_${randomUUID()}`;
    expect(await storage.payments.hasRefundForProviderRefundId(pendingId)).toBe(false);
    await storage.payments.createRefund(refund(payment, { amount: 1, status: 'pending', providerRefundId: pendingId }));
    expect(await storage.payments.hasRefundForProviderRefundId(pendingId)).toBe(true);
    // Not livemode-scoped (§6.2): an adapter with the other livemode sees it too.
    expect(await (await open({ livemode: true })).payments.hasRefundForProviderRefundId(pendingId)).toBe(true);
    expect(await storage.payments.hasRefundForProviderRefundId('x'.repeat(400))).toBe(false);
  });

  it('writes one complete ledger row: generated id, nulls and {} defaults, input livemode, clock createdAt', async () => {
    const { open, query } = ctx();
    const now = new Date('2026-07-08T09:10:11.123Z');
    const s = await open({ now: () => now });
    const payment = await newPayment(s);
    await s.payments.createRefund(refund(payment, { amount: 42, currency: 'ARS', livemode: false }));
    await s.payments.createRefund(refund(payment, { amount: 7, reason: 'duplicate charge', providerRefundId: 're_x_' + payment.id, metadata: { by: 'ops' }, livemode: true }));
    const rows = await query(
      `select id, amount, currency, status, reason, provider_refund_id, livemode, metadata from billing_refunds where payment_id = '${payment.id}' order by amount`,
    );
    const normalised = rows.map(([id, amount, currency, status, reason, providerRefundId, livemode, metadata]) => ({
      id,
      amount: Number(amount),
      currency,
      status,
      reason,
      providerRefundId,
      livemode: Boolean(Number(livemode === true ? 1 : livemode === false ? 0 : livemode)),
      metadata: typeof metadata === 'string' ? JSON.parse(metadata) : metadata,
    }));
    expect(normalised).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), amount: 7, currency: 'USD', status: 'succeeded', reason: 'duplicate charge', providerRefundId: 're_x_' + payment.id, livemode: true, metadata: { by: 'ops' } },
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), amount: 42, currency: 'ARS', status: 'succeeded', reason: null, providerRefundId: null, livemode: false, metadata: {} },
    ]);
    // Raw timestamps differ per driver (epoch ms, Date, timestamptz text): compared as instants.
    const stamped = await query(`select created_at from billing_refunds where payment_id = '${payment.id}'`);
    const instants = stamped.map(([v]) =>
      v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v).replace(' ', 'T').replace(/\+00$/, 'Z')),
    );
    expect(instants).toEqual([now.getTime(), now.getTime()]);
  });

  it('rejects unknown payments and bad values, writing nothing', async () => {
    const { storage, count } = ctx();
    const payment = await newPayment(storage);
    const before = await count('billing_refunds');
    await expect(storage.payments.createRefund({ ...refund(payment), paymentId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(
      storage.payments.createRefund({ ...refund(payment), paymentId: randomUUID(), providerRefundId: `re_${randomUUID()}` }),
    ).rejects.toBeInstanceOf(QZPayForeignKeyError);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ amount: -5 }, 'amount'],
      [{ amount: 0.5 }, 'amount'],
      [{ currency: 'XXX' }, 'currency'],
      [{ status: 'refunded' }, 'status'],
      [{ providerRefundId: '' }, 'providerRefundId'],
      [{ providerRefundId: 'r'.repeat(256) }, 'providerRefundId'],
      [{ reason: 42 }, 'reason'],
      [{ livemode: 'yes' }, 'livemode'],
    ];
    for (const [overrides, field] of bad) {
      const attempt = storage.payments.createRefund({ ...refund(payment), ...overrides } as QZPayCreateRefundInput);
      await expect(attempt).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(attempt).rejects.toMatchObject({ field });
    }
    expect(await count('billing_refunds')).toBe(before);
  });

  it('a known providerRefundId is ignored even when the replay names an unknown payment', async () => {
    const { storage, count } = ctx();
    const payment = await newPayment(storage);
    const providerRefundId = `re_${randomUUID()}`;
    await storage.payments.createRefund(refund(payment, { providerRefundId }));
    const before = await count('billing_refunds');
    // The id already settled one event: the replay is that event again, whatever it carries.
    await expect(storage.payments.createRefund({ ...refund(payment), paymentId: randomUUID(), providerRefundId })).resolves.toBeUndefined();
    expect(await count('billing_refunds')).toBe(before);
  });

  it('provider refund ids are case-sensitive on every dialect', async () => {
    const { storage, count } = ctx();
    const payment = await newPayment(storage);
    const lower = `re_${randomUUID()}`;
    const before = await count('billing_refunds');
    await storage.payments.createRefund(refund(payment, { amount: 1, providerRefundId: lower }));
    await storage.payments.createRefund(refund(payment, { amount: 2, providerRefundId: lower.toUpperCase() }));
    expect(await count('billing_refunds')).toBe(before + 2);
    expect(await storage.payments.getTotalRefundedAmount(payment.id)).toBe(3);
  });

  it('rolls back with the surrounding transaction', async () => {
    const { storage, count } = ctx();
    const payment = await newPayment(storage);
    const providerRefundId = `re_${randomUUID()}`;
    const before = await count('billing_refunds');
    const boom = new Error('boom');
    await expect(
      storage.transaction(async () => {
        await storage.payments.createRefund(refund(payment, { providerRefundId }));
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count('billing_refunds')).toBe(before);
    expect(await storage.payments.hasRefundForProviderRefundId(providerRefundId)).toBe(false);
  });
});
