import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QZPayPayment } from '../src/contract/entities.js';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayOptimisticLockError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/errors.js';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import { forEachDialect } from './harness/index.js';

async function newCustomer(storage: QZPayDrizzleStorageHandle): Promise<string> {
  const id = randomUUID();
  return (await storage.customers.create({ externalId: id, email: `${id}@x.io` })).id;
}

function payment(customerId: string, overrides: Partial<QZPayPayment> = {}): QZPayPayment {
  return {
    id: randomUUID(),
    customerId,
    subscriptionId: null,
    invoiceId: null,
    amount: 1999,
    currency: 'USD',
    status: 'pending',
    paymentMethodId: null,
    providerPaymentIds: {},
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: true,
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
    updatedAt: new Date('2026-01-02T03:04:05.678Z'),
    ...overrides,
  };
}

forEachDialect('payments', (ctx) => {
  describe('create', () => {
    it('stores the supplied payment as-is and reads it back exactly', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const input = payment(customerId, {
        invoiceId: 'inv-not-stored',
        amount: 9_007_199_254_740_991,
        currency: 'CLP',
        status: 'succeeded',
        paymentMethodId: 'pm_provider_token_123',
        providerPaymentIds: { mercadopago: 'mp-1', acme: 'ac-1' },
        failureCode: 'none',
        failureMessage: 'ünïcødé 🧾',
        metadata: { a: 1, b: 'x', c: true, d: null, gone: undefined },
        // The caller's livemode, not the adapter's (true).
        livemode: false,
        createdAt: new Date('2025-12-31T23:59:59.999Z'),
        updatedAt: new Date('2026-01-01T00:00:00.001Z'),
      });
      const created = await storage.payments.create(input);
      const { gone: _gone, ...metadata } = input.metadata;
      const expected = { ...input, metadata, version: 1 };
      expect(created).toStrictEqual(expected);
      expect(await storage.payments.findById(input.id)).toStrictEqual(expected);
    });

    it('rejects a duplicate id with QZPayUniqueConstraintError and keeps the first row', async () => {
      const { storage, count } = ctx();
      const customerId = await newCustomer(storage);
      const first = payment(customerId);
      await storage.payments.create(first);
      const before = await count('billing_payments');
      await expect(storage.payments.create({ ...first, amount: 1 })).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
      expect(await count('billing_payments')).toBe(before);
      expect((await storage.payments.findById(first.id))?.amount).toBe(1999);
    });

    it('rejects unknown customers and subscriptions with QZPayForeignKeyError', async () => {
      const { storage, count } = ctx();
      const before = await count('billing_payments');
      await expect(storage.payments.create(payment(randomUUID()))).rejects.toBeInstanceOf(QZPayForeignKeyError);
      const customerId = await newCustomer(storage);
      await expect(storage.payments.create(payment(customerId, { subscriptionId: randomUUID() }))).rejects.toBeInstanceOf(
        QZPayForeignKeyError,
      );
      expect(await count('billing_payments')).toBe(before);
    });

    it('rejects bad values with QZPayValidationError naming the field and writes nothing', async () => {
      const { storage, count } = ctx();
      const customerId = await newCustomer(storage);
      const before = await count('billing_payments');
      const bad: Array<[Record<string, unknown>, string]> = [
        [{ currency: 'usd' }, 'currency'],
        [{ status: 'paid' }, 'status'],
        [{ amount: -1 }, 'amount'],
        [{ amount: 1.5 }, 'amount'],
        [{ amount: Number.NaN }, 'amount'],
        [{ providerPaymentIds: { stripe: 1 } }, 'providerPaymentIds.stripe'],
        [{ providerPaymentIds: ['pi_1'] }, 'providerPaymentIds'],
        [{ createdAt: new Date('nope') }, 'createdAt'],
        [{ failureCode: 'x'.repeat(192) }, 'failureCode'],
        [{ id: 'x'.repeat(37) }, 'id'],
      ];
      for (const [overrides, field] of bad) {
        const attempt = storage.payments.create({ ...payment(customerId), ...overrides } as QZPayPayment);
        await expect(attempt).rejects.toBeInstanceOf(QZPayValidationError);
        await expect(attempt).rejects.toMatchObject({ field });
      }
      expect(await count('billing_payments')).toBe(before);
    });
  });

  describe('update', () => {
    it('applies every supplied key except id and createdAt, replaces metadata and bumps updatedAt', async () => {
      const { storage, open } = ctx();
      const customerId = await newCustomer(storage);
      const otherCustomer = await newCustomer(storage);
      const created = await storage.payments.create(payment(customerId, { metadata: { keep: 'no' }, providerPaymentIds: { stripe: 'pi_1' } }));
      const now = new Date('2026-03-04T05:06:07.089Z');
      const clocked = await open({ now: () => now });
      const updated = await clocked.payments.update(created.id, {
        id: 'ignored',
        createdAt: new Date('2000-01-01T00:00:00.000Z'),
        updatedAt: new Date('2000-01-01T00:00:00.000Z'),
        customerId: otherCustomer,
        invoiceId: 'inv-1',
        amount: 500,
        currency: 'EUR',
        status: 'failed',
        paymentMethodId: 'pm-1',
        failureCode: 'card_declined',
        failureMessage: 'Declined',
        metadata: { fresh: 1 },
        livemode: false,
        unknownKey: 'dropped',
      } as Partial<QZPayPayment>);
      const expected = {
        ...created,
        customerId: otherCustomer,
        invoiceId: 'inv-1',
        amount: 500,
        currency: 'EUR',
        status: 'failed',
        paymentMethodId: 'pm-1',
        failureCode: 'card_declined',
        failureMessage: 'Declined',
        metadata: { fresh: 1 },
        livemode: false,
        updatedAt: now,
        version: 2,
      };
      expect(updated).toStrictEqual(expected);
      expect(await storage.payments.findById(created.id)).toStrictEqual(expected);
      expect(await storage.payments.findById('ignored')).toBeNull();
    });

    it('clears nullable fields with an explicit null', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const created = await storage.payments.create(
        payment(customerId, { invoiceId: 'i', paymentMethodId: 'p', failureCode: 'c', failureMessage: 'm' }),
      );
      const updated = await storage.payments.update(created.id, { invoiceId: null, paymentMethodId: null, failureCode: null, failureMessage: null });
      expect(updated).toMatchObject({ invoiceId: null, paymentMethodId: null, failureCode: null, failureMessage: null, subscriptionId: null });
    });

    it('merges providerPaymentIds by key (core writes one provider onto an empty map)', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const created = await storage.payments.create(payment(customerId));
      expect((await storage.payments.update(created.id, { status: 'succeeded', providerPaymentIds: { stripe: 'pi_1' } })).providerPaymentIds).toEqual({
        stripe: 'pi_1',
      });
      await storage.payments.update(created.id, { providerPaymentIds: { acme: 'a-1' } });
      const updated = await storage.payments.update(created.id, { providerPaymentIds: { stripe: 'pi_2' }, metadata: { x: 1 } });
      expect(updated.providerPaymentIds).toEqual({ stripe: 'pi_2', acme: 'a-1' });
      expect(updated.status).toBe('succeeded');
      expect(updated.version).toBe(4);
    });

    it('keeps every key when 10 providers are linked concurrently', async () => {
      const s = await ctx().open({ poolSize: 10 });
      const customerId = await newCustomer(s);
      const created = await s.payments.create(payment(customerId));
      await Promise.all(Array.from({ length: 10 }, (_, i) => s.payments.update(created.id, { providerPaymentIds: { [`p${i}`]: `id-${i}` } })));
      const found = await s.payments.findById(created.id);
      expect(found?.providerPaymentIds).toEqual(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, `id-${i}`])));
      expect(found?.version).toBe(11);
    });

    it('rejects a missing id, a stale expectedVersion and bad values without writing', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const created = await storage.payments.create(payment(customerId));
      await expect(storage.payments.update(randomUUID(), { status: 'succeeded' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.payments.update('x'.repeat(300), { status: 'succeeded' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      const stale = storage.payments.update(created.id, { status: 'succeeded' }, { expectedVersion: 2 });
      await expect(stale).rejects.toBeInstanceOf(QZPayOptimisticLockError);
      await expect(stale).rejects.toMatchObject({ expectedVersion: 2, actualVersion: 1 });
      await expect(storage.payments.update(created.id, { status: 'bogus' as 'failed' })).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(storage.payments.update(created.id, { customerId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
      await expect(storage.payments.update(created.id, { subscriptionId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
      expect(await storage.payments.findById(created.id)).toStrictEqual(created);
      const ok = await storage.payments.update(created.id, { status: 'succeeded' }, { expectedVersion: 1 });
      expect(ok).toMatchObject({ status: 'succeeded', version: 2 });
    });
  });

  describe('reads', () => {
    it('findById resolves null for unknown, malformed and over-long ids', async () => {
      const { storage } = ctx();
      expect(await storage.payments.findById(randomUUID())).toBeNull();
      expect(await storage.payments.findById('not-a-uuid')).toBeNull();
      expect(await storage.payments.findById('x'.repeat(500))).toBeNull();
    });

    it('findByCustomerId returns every payment of the customer, any livemode, newest first', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const other = await newCustomer(storage);
      await storage.payments.create(payment(other));
      const base = Date.parse('2026-05-01T00:00:00.000Z');
      const ids: string[] = [];
      for (let i = 0; i < 120; i++) {
        const at = new Date(base + i * 1000);
        const p = payment(customerId, { createdAt: at, updatedAt: at, livemode: i % 2 === 0 });
        ids.push(p.id);
        await storage.payments.create(p);
      }
      const found = await storage.payments.findByCustomerId(customerId);
      expect(found.map((p) => p.id)).toEqual(ids.reverse());
      expect(await storage.payments.findByCustomerId(randomUUID())).toEqual([]);
    });

    it('list is scoped to the adapter livemode, filters, orders and serves limit 10000', async () => {
      const { storage, open } = ctx();
      const test = await open({ livemode: false });
      const customerId = await newCustomer(storage);
      const base = Date.parse('2026-06-01T00:00:00.000Z');
      const live: string[] = [];
      for (let i = 0; i < 25; i++) {
        const at = new Date(base + i);
        const p = payment(customerId, { amount: 100 - i, createdAt: at, updatedAt: at, status: i % 5 === 0 ? 'failed' : 'succeeded' });
        live.push(p.id);
        await storage.payments.create(p);
      }
      await storage.payments.create(payment(customerId, { livemode: false }));

      const firstPage = await storage.payments.list({ filters: { customerId } });
      expect(firstPage).toMatchObject({ total: 25, limit: 20, offset: 0, hasMore: true });
      expect(firstPage.data.map((p) => p.id)).toEqual([...live].reverse().slice(0, 20));

      const all = await storage.payments.list({ limit: 10000, filters: { customerId } });
      expect(all.data.length).toBe(25);
      expect(all.hasMore).toBe(false);

      const failed = await storage.payments.list({ filters: { customerId, status: 'failed' }, orderBy: 'amount', orderDirection: 'asc' });
      expect(failed.data.map((p) => p.amount)).toEqual([80, 85, 90, 95, 100]);
      expect(failed.total).toBe(5);

      const lastPage = await storage.payments.list({ filters: { customerId }, limit: 10, offset: 20 });
      expect(lastPage).toMatchObject({ total: 25, limit: 10, offset: 20, hasMore: false });
      expect(lastPage.data.length).toBe(5);

      // Unknown order fields and filter keys are ignored, never interpolated; non-scalar values rejected.
      const odd = await storage.payments.list({ orderBy: 'amount; drop table billing_payments', filters: { customerId, nope: 1 } });
      expect(odd.data.map((p) => p.id)).toEqual(firstPage.data.map((p) => p.id));
      await expect(storage.payments.list({ filters: { status: { $ne: 'x' } } })).rejects.toBeInstanceOf(QZPayValidationError);

      const testPage = await test.payments.list({ filters: { customerId } });
      expect(testPage.total).toBe(1);
      expect(testPage.data[0]?.livemode).toBe(false);
    });

    it('listPage walks the livemode-scoped rows once each, newest first, without a count', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const at = new Date('2026-08-01T00:00:00.000Z');
      const created: string[] = [];
      // Seven rows on one timestamp: ties break on id.
      for (let i = 0; i < 7; i++) created.push((await storage.payments.create(payment(customerId, { createdAt: at, updatedAt: at }))).id);
      await storage.payments.create(payment(customerId, { livemode: false }));
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await storage.payments.listPage({ limit: 3, filters: { customerId }, ...(after ? { after } : {}) });
        seen.push(...page.data.map((p) => p.id));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(seen).toEqual([...created].sort().reverse());
    });

    it('returns every row for limit 10000 (no hidden clamp such as 100)', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      for (let batch = 0; batch < 5; batch++) {
        await Promise.all(Array.from({ length: 50 }, () => storage.payments.create(payment(customerId))));
      }
      const page = await storage.payments.list({ limit: 10000, filters: { customerId } });
      expect(page).toMatchObject({ total: 250, limit: 10000, offset: 0, hasMore: false });
      expect(page.data.length).toBe(250);
    });
  });
});
