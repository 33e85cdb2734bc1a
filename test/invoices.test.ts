import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseInvoiceNumber } from '../src/adapter/collections/invoice-numbers.js';
import type { Repositories } from '../src/adapter/env.js';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import type { QZPayCreateInvoiceLineInput, QZPayStoredInvoice } from '../src/contract/index.js';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayOptimisticLockError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/errors.js';
import { type DialectContext, forEachDialect } from './harness/index.js';
import { repositoriesFor } from './harness/repos.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A clock that only moves when told to: exact timestamps and a stable "oldest first". */
function clock(start = '2031-03-04T05:06:07.089Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), tick: (ms = 1) => new Date((t += ms)) };
}

const num = (invoice: QZPayStoredInvoice): number => parseInvoiceNumber(invoice.number) ?? Number.NaN;

forEachDialect('invoices', (ctx) => {
  let raw: Repositories | undefined;
  /** Repositories on the same database, for rows other collections own (payments, subscriptions). */
  const repos = (c: DialectContext): Repositories => {
    raw ??= repositoriesFor(c.db.main.db);
    return raw;
  };

  const newCustomer = async (storage: QZPayDrizzleStorageHandle = ctx().storage): Promise<string> =>
    (await storage.customers.create({ externalId: randomUUID(), email: `${randomUUID()}@x.io` })).id;

  const newPayment = async (customerId: string, amount: number, currency = 'USD'): Promise<string> => {
    const id = randomUUID();
    const now = new Date();
    await repos(ctx()).payments.insert({
      id, customerId, subscriptionId: null, invoiceId: null, amount, currency: currency as 'USD', status: 'succeeded',
      paymentMethodId: null, providerPaymentIds: {}, failureCode: null, failureMessage: null, metadata: {},
      livemode: true, version: 1, createdAt: now, updatedAt: now,
    });
    return id;
  };

  const newSubscription = async (customerId: string): Promise<string> => {
    const id = randomUUID();
    const now = new Date();
    await repos(ctx()).subscriptions.insert({
      id, customerId, planId: 'plan', status: 'active', interval: 'month', intervalCount: 1, quantity: 1,
      currentPeriodStart: now, currentPeriodEnd: now, trialStart: null, trialEnd: null, cancelAt: null, canceledAt: null,
      cancelAtPeriodEnd: false, providerSubscriptionIds: {}, promoCodeId: null, metadata: {}, scheduledPlanChange: null,
      livemode: true, version: 1, createdAt: now, updatedAt: now, deletedAt: null,
    });
    return id;
  };

  const oneLine: QZPayCreateInvoiceLineInput[] = [{ description: 'Pro plan', quantity: 1, unitAmount: 100 }];
  const newInvoice = async (customerId: string, lines = oneLine, storage = ctx().storage) =>
    storage.invoices.create({ id: randomUUID(), customerId, lines });

  describe('create', () => {
    it('writes contract defaults, a number and the lines in input order with their amounts', async () => {
      const { storage } = ctx();
      const t = clock();
      const s = await ctx().open({ now: t.now });
      const customerId = await newCustomer();
      const id = randomUUID();
      const created = await s.invoices.create({
        id,
        customerId,
        lines: [
          { description: 'Seats', quantity: 3, unitAmount: 1250, priceId: 'price_seats' },
          { description: 'Setup fee', quantity: 1, unitAmount: 5000 },
          { description: 'Unused add-on', quantity: 0, unitAmount: 999 },
          { description: 'Ünïcode ✓ line', quantity: 2, unitAmount: 1 },
        ],
      });
      expect(created).toEqual({
        id, number: expect.stringMatching(/^INV-\d{6,}$/), customerId, subscriptionId: null, status: 'draft',
        currency: 'USD', subtotal: 8752, tax: 0, discount: 0, total: 8752, amountPaid: 0, amountDue: 8752,
        dueDate: null, paidAt: null, voidedAt: null, periodStart: null, periodEnd: null,
        lines: [
          { id: expect.any(String), invoiceId: id, description: 'Seats', quantity: 3, unitAmount: 1250, amount: 3750, priceId: 'price_seats', periodStart: null, periodEnd: null, metadata: {} },
          { id: expect.any(String), invoiceId: id, description: 'Setup fee', quantity: 1, unitAmount: 5000, amount: 5000, priceId: null, periodStart: null, periodEnd: null, metadata: {} },
          { id: expect.any(String), invoiceId: id, description: 'Unused add-on', quantity: 0, unitAmount: 999, amount: 0, priceId: null, periodStart: null, periodEnd: null, metadata: {} },
          { id: expect.any(String), invoiceId: id, description: 'Ünïcode ✓ line', quantity: 2, unitAmount: 1, amount: 2, priceId: null, periodStart: null, periodEnd: null, metadata: {} },
        ],
        providerInvoiceIds: {}, metadata: {}, livemode: true, createdAt: t.now(), updatedAt: t.now(), version: 1,
      });
      for (const line of created.lines) expect(line.id).toMatch(UUID_V4);
      expect(new Set(created.lines.map((l) => l.id)).size).toBe(4);
      expect(await storage.invoices.findById(id)).toEqual(created);
    });

    it('keeps input order for many lines, independent of ids', async () => {
      const { storage } = ctx();
      const lines = Array.from({ length: 25 }, (_, i) => ({ description: `line ${i}`, quantity: i + 1, unitAmount: 10 }));
      const created = await newInvoice(await newCustomer(), lines);
      const found = await storage.invoices.findById(created.id);
      expect(found?.lines.map((l) => l.description)).toEqual(lines.map((l) => l.description));
      expect(found?.lines.map((l) => l.amount)).toEqual(lines.map((l) => l.quantity * 10));
      expect(found?.total).toBe(10 * (25 * 26) / 2);
    });

    it('honours subscriptionId, dueDate (ms precision) and metadata when given', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer();
      const subscriptionId = await newSubscription(customerId);
      const dueDate = new Date('2031-12-31T23:59:59.999Z');
      const created = await storage.invoices.create({
        id: randomUUID(), customerId, subscriptionId, dueDate, lines: oneLine, metadata: { source: 'renewal', n: 2, ok: true, none: null },
      });
      const found = await storage.invoices.findById(created.id);
      expect(found).toMatchObject({ subscriptionId, dueDate, metadata: { source: 'renewal', n: 2, ok: true, none: null } });
      expect(found?.dueDate?.getTime()).toBe(dueDate.getTime());
    });

    it('accepts an invoice without lines (all totals 0)', async () => {
      const created = await newInvoice(await newCustomer(), []);
      expect(created).toMatchObject({ lines: [], subtotal: 0, total: 0, amountDue: 0 });
      expect((await ctx().storage.invoices.findById(created.id))?.lines).toEqual([]);
    });

    it('rejects bad lines with QZPayValidationError, writing nothing and consuming no number', async () => {
      const { storage, count } = ctx();
      const customerId = await newCustomer();
      const before = await newInvoice(customerId);
      const [invoices, lines] = [await count('billing_invoices'), await count('billing_invoice_lines')];
      const bad: unknown[] = [
        [{ description: 'x', quantity: -1, unitAmount: 1 }],
        [{ description: 'x', quantity: 1, unitAmount: 1.5 }],
        [{ description: 'x', quantity: 1, unitAmount: -100 }],
        [{ description: 'x', quantity: 2 ** 30, unitAmount: 2 ** 30 }],
        [{ description: 'x', quantity: 1, unitAmount: Number.MAX_SAFE_INTEGER }, { description: 'y', quantity: 1, unitAmount: 1 }],
        [{ quantity: 1, unitAmount: 1 }],
        [{ description: 'x', quantity: 1, unitAmount: 1, priceId: 7 }],
        [{ description: 'x\u0000', quantity: 1, unitAmount: 1 }],
        [{ description: 'x', quantity: 1, unitAmount: 1, priceId: 'p'.repeat(192) }],
        'not an array',
      ];
      for (const lines of bad) {
        await expect(
          storage.invoices.create({ id: randomUUID(), customerId, lines: lines as QZPayCreateInvoiceLineInput[] }),
        ).rejects.toBeInstanceOf(QZPayValidationError);
      }
      await expect(storage.invoices.create({ id: 'x'.repeat(37), customerId, lines: oneLine })).rejects.toBeInstanceOf(QZPayValidationError);
      expect([await count('billing_invoices'), await count('billing_invoice_lines')]).toEqual([invoices, lines]);
      expect(num(await newInvoice(customerId))).toBe(num(before) + 1);
    });

    it('rejects an unknown customer with QZPayForeignKeyError and rolls the number back', async () => {
      const { storage, count } = ctx();
      const before = await newInvoice(await newCustomer());
      const invoices = await count('billing_invoices');
      await expect(newInvoice(randomUUID())).rejects.toBeInstanceOf(QZPayForeignKeyError);
      await expect(
        storage.invoices.create({ id: randomUUID(), customerId: before.customerId, subscriptionId: randomUUID(), lines: oneLine }),
      ).rejects.toBeInstanceOf(QZPayForeignKeyError);
      expect(await count('billing_invoices')).toBe(invoices);
      expect(num(await newInvoice(before.customerId))).toBe(num(before) + 1);
    });

    it('rejects a duplicate id with QZPayUniqueConstraintError, leaving the first invoice and the sequence intact', async () => {
      const { storage, count } = ctx();
      const first = await newInvoice(await newCustomer());
      const lines = await count('billing_invoice_lines');
      await expect(
        storage.invoices.create({ id: first.id, customerId: first.customerId, lines: [{ description: 'dup', quantity: 1, unitAmount: 1 }] }),
      ).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
      expect(await storage.invoices.findById(first.id)).toEqual(first);
      expect(await count('billing_invoice_lines')).toBe(lines);
      expect(num(await newInvoice(first.customerId))).toBe(num(first) + 1);
    });
  });

  describe('transactions', () => {
    it('a failure after create inside storage.transaction leaves no invoice, no lines and the number unconsumed', async () => {
      const { storage, count } = ctx();
      const customerId = await newCustomer();
      const before = await newInvoice(customerId);
      const counts = [await count('billing_invoices'), await count('billing_invoice_lines')];
      const boom = new Error('boom');
      let inside: QZPayStoredInvoice | undefined;
      await expect(
        storage.transaction(async () => {
          inside = await newInvoice(customerId, [oneLine[0]!, { description: 'b', quantity: 2, unitAmount: 3 }]);
          expect(await storage.invoices.findById(inside.id)).toEqual(inside);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(num(inside!)).toBe(num(before) + 1);
      expect(await storage.invoices.findById(inside!.id)).toBeNull();
      expect([await count('billing_invoices'), await count('billing_invoice_lines')]).toEqual(counts);
      expect(num(await newInvoice(customerId))).toBe(num(before) + 1);
    });

    it('a failed create caught inside a transaction rolls back only itself (savepoint): numbers stay contiguous', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer();
      const before = await newInvoice(customerId);
      const [a, c] = await storage.transaction(async () => {
        const a = await newInvoice(customerId);
        await expect(newInvoice(randomUUID())).rejects.toBeInstanceOf(QZPayForeignKeyError);
        const c = await newInvoice(customerId);
        return [a, c];
      });
      expect([num(a), num(c)]).toEqual([num(before) + 1, num(before) + 2]);
      expect((await storage.invoices.findByCustomerId(customerId)).map((i) => i.id).sort()).toEqual([c.id, a.id, before.id].sort());
    });
  });

  describe('update', () => {
    it("applies core's markPaid without side effects, replaces metadata, bumps updatedAt and version", async () => {
      const t = clock();
      const s = await ctx().open({ now: t.now });
      const created = await newInvoice(await newCustomer(), oneLine, s);
      const paidAt = t.tick(1000);
      const updated = await s.invoices.update(created.id, { status: 'paid', paidAt, metadata: { paymentId: 'pay_1' } });
      expect(updated).toEqual({ ...created, status: 'paid', paidAt, metadata: { paymentId: 'pay_1' }, updatedAt: paidAt, version: 2 });
      expect(updated.amountPaid).toBe(0);
      expect(updated.amountDue).toBe(100);
      t.tick(5);
      const voided = await s.invoices.update(created.id, { status: 'void' });
      expect(voided).toMatchObject({ status: 'void', voidedAt: null, updatedAt: t.now(), version: 3, lines: created.lines });
      expect(await ctx().storage.invoices.findById(created.id)).toEqual(voided);
    });

    it('applies every listed key, merges provider ids and ignores id, number, lines, customerId and livemode', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer();
      const subscriptionId = await newSubscription(customerId);
      const created = await newInvoice(customerId);
      const d = (s: string) => new Date(`2032-0${s}T10:20:30.456Z`);
      await storage.invoices.update(created.id, { providerInvoiceIds: { stripe: 'in_1', acme: 'a-1' } });
      const updated = await storage.invoices.update(created.id, {
        id: 'other', number: 'INV-X', customerId: randomUUID(), livemode: false, createdAt: new Date(0),
        lines: [], status: 'open', currency: 'EUR', subtotal: 1000, tax: 210, discount: 10, total: 1200,
        amountPaid: 200, amountDue: 1000, dueDate: d('1-01'), paidAt: d('2-02'), voidedAt: d('3-03'),
        periodStart: d('4-04'), periodEnd: d('5-05'), subscriptionId, providerInvoiceIds: { mercadopago: 'mp_1', acme: 'a-2' },
        metadata: { a: 1, gone: undefined },
      } as Partial<QZPayStoredInvoice>);
      const expected = {
        ...created, status: 'open', currency: 'EUR', subtotal: 1000, tax: 210, discount: 10, total: 1200,
        amountPaid: 200, amountDue: 1000, dueDate: d('1-01'), paidAt: d('2-02'), voidedAt: d('3-03'),
        periodStart: d('4-04'), periodEnd: d('5-05'), subscriptionId,
        providerInvoiceIds: { stripe: 'in_1', acme: 'a-2', mercadopago: 'mp_1' }, metadata: { a: 1 },
        updatedAt: updated.updatedAt, version: 3,
      };
      expect(updated).toEqual(expected);
      expect(await storage.invoices.findById(created.id)).toEqual(expected);
      const cleared = await storage.invoices.update(created.id, { subscriptionId: null, dueDate: null, paidAt: null, voidedAt: null, periodStart: null, periodEnd: null });
      expect(cleared).toMatchObject({ subscriptionId: null, dueDate: null, paidAt: null, voidedAt: null, periodStart: null, periodEnd: null, version: 4 });
    });

    it('rejects bad values with QZPayValidationError and writes nothing', async () => {
      const { storage } = ctx();
      const created = await newInvoice(await newCustomer());
      const bad: Array<Record<string, unknown>> = [
        { status: 'bogus' }, { currency: 'usd' }, { providerInvoiceIds: null }, { providerInvoiceIds: { stripe: 1 } },
        { amountDue: -1 }, { total: 1.5 }, { paidAt: new Date(Number.NaN) }, { dueDate: '2030-01-01' }, { metadata: null },
        { status: 'open', amountPaid: -5 },
      ];
      for (const input of bad) {
        await expect(storage.invoices.update(created.id, input as Partial<QZPayStoredInvoice>)).rejects.toBeInstanceOf(QZPayValidationError);
      }
      expect(await storage.invoices.findById(created.id)).toEqual(created);
    });

    it('rejects a missing id with QZPayEntityNotFoundError', async () => {
      const { storage } = ctx();
      await expect(storage.invoices.update(randomUUID(), { status: 'open' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.invoices.update('not-a-uuid', { status: 'open' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.invoices.update('x'.repeat(400), {})).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    });

    it('honours expectedVersion: a match writes, a stale version rejects with QZPayOptimisticLockError and writes nothing', async () => {
      const { storage } = ctx();
      const created = await newInvoice(await newCustomer());
      const opened = await storage.invoices.update(created.id, { status: 'open' }, { expectedVersion: 1 });
      expect(opened.version).toBe(2);
      const error = await storage.invoices.update(created.id, { status: 'void' }, { expectedVersion: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QZPayOptimisticLockError);
      expect(error).toMatchObject({ entityId: created.id, expectedVersion: 1, actualVersion: 2 });
      expect(await storage.invoices.findById(created.id)).toEqual(opened);
      await expect(storage.invoices.update(randomUUID(), {}, { expectedVersion: 1 })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    });
  });

  describe('reads', () => {
    it('findById resolves null for unknown, malformed and over-long ids', async () => {
      const { storage } = ctx();
      expect(await storage.invoices.findById(randomUUID())).toBeNull();
      expect(await storage.invoices.findById('nope')).toBeNull();
      expect(await storage.invoices.findById('x'.repeat(400))).toBeNull();
    });

    it('findByCustomerId returns every invoice of the customer, any livemode, newest first, each with its own lines', async () => {
      const t = clock('2033-01-01T00:00:00.000Z');
      const live = await ctx().open({ now: t.now });
      const test = await ctx().open({ now: t.now, livemode: false });
      const customerId = await newCustomer();
      const a = await newInvoice(customerId, [{ description: 'a1', quantity: 1, unitAmount: 1 }, { description: 'a2', quantity: 1, unitAmount: 2 }], live);
      t.tick();
      const b = await newInvoice(customerId, [{ description: 'b1', quantity: 1, unitAmount: 3 }], test);
      t.tick();
      const c = await newInvoice(customerId, [], live);
      const found = await ctx().storage.invoices.findByCustomerId(customerId);
      expect(found).toEqual([c, b, a]);
      expect(found.map((i) => i.lines.map((l) => l.description))).toEqual([[], ['b1'], ['a1', 'a2']]);
      expect(await ctx().storage.invoices.findByCustomerId(randomUUID())).toEqual([]);
    });

    it('list is scoped to the adapter livemode, newest first, paged, filtered, each invoice with its lines', async () => {
      const t = clock('2034-01-01T00:00:00.000Z');
      const live = await ctx().open({ now: t.now });
      const test = await ctx().open({ now: t.now, livemode: false });
      const customerId = await newCustomer();
      const liveInvoices: QZPayStoredInvoice[] = [];
      for (let i = 0; i < 5; i++) {
        t.tick();
        liveInvoices.push(await newInvoice(customerId, [{ description: `live ${i}`, quantity: i, unitAmount: 7 }], live));
      }
      t.tick();
      const testInvoice = await newInvoice(customerId, [{ description: 'test', quantity: 1, unitAmount: 1 }], test);
      const newest = [...liveInvoices].reverse();

      const page = await live.invoices.list({ filters: { customerId }, limit: 2, offset: 1 });
      expect(page).toEqual({ data: newest.slice(1, 3), total: 5, limit: 2, offset: 1, hasMore: true });
      const all = await live.invoices.list({ filters: { customerId } });
      expect(all).toEqual({ data: newest, total: 5, limit: 20, offset: 0, hasMore: false });
      expect(await test.invoices.list({ filters: { customerId } })).toEqual({ data: [testInvoice], total: 1, limit: 20, offset: 0, hasMore: false });

      await live.invoices.update(liveInvoices[2]!.id, { status: 'open' });
      const open = await live.invoices.list({ filters: { customerId, status: 'open' } });
      expect(open.data.map((i) => i.id)).toEqual([liveInvoices[2]!.id]);
      const byTotal = await live.invoices.list({ filters: { customerId }, orderBy: 'total', orderDirection: 'asc' });
      expect(byTotal.data.map((i) => i.total)).toEqual([0, 7, 14, 21, 28]);
      expect(byTotal.data.map((i) => i.lines[0]?.description)).toEqual(['live 0', 'live 1', 'live 2', 'live 3', 'live 4']);
      const liveAll = await live.invoices.list({ limit: 10000 });
      expect(liveAll.data.every((i) => i.livemode)).toBe(true);
      expect(liveAll.data.some((i) => i.id === testInvoice.id)).toBe(false);
      expect(liveAll.total).toBe(liveAll.data.length);
    });

    it('listPage walks a livemode-scoped keyset, each invoice with its lines', async () => {
      const t = clock('2034-06-01T00:00:00.000Z');
      const live = await ctx().open({ now: t.now });
      const test = await ctx().open({ now: t.now, livemode: false });
      const customerId = await newCustomer();
      const created: QZPayStoredInvoice[] = [];
      for (let i = 0; i < 5; i++) {
        if (i !== 2) t.tick(); // two invoices share a createdAt: the id tie-break must keep both
        created.push(await newInvoice(customerId, [{ description: `p${i}`, quantity: 1, unitAmount: i }, { description: `q${i}`, quantity: 2, unitAmount: i }], live));
      }
      await newInvoice(customerId, oneLine, test);
      const seen: QZPayStoredInvoice[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await live.invoices.listPage({ filters: { customerId }, limit: 2, ...(after === undefined ? {} : { after }) });
        seen.push(...page.data);
        if (page.nextCursor === null) break;
        after = page.nextCursor;
      }
      const expected = (await live.invoices.list({ filters: { customerId } })).data;
      expect(seen).toEqual(expected);
      expect(new Set(seen.map((i) => i.id))).toEqual(new Set(created.map((i) => i.id)));
      for (const invoice of seen) expect(invoice.lines).toEqual(created.find((c) => c.id === invoice.id)?.lines);
      expect((await test.invoices.listPage({ filters: { customerId } })).data.map((i) => i.livemode)).toEqual([false]);
    });
  });

  describe('applyPayment / findPayments', () => {
    it('a partial then a final application: amounts move, then status paid with paidAt; payments oldest first', async () => {
      const t = clock('2035-05-05T05:05:05.005Z');
      const s = await ctx().open({ now: t.now });
      const customerId = await newCustomer();
      const invoice = await newInvoice(customerId, [{ description: 'x', quantity: 2, unitAmount: 500 }], s);
      const p1 = await newPayment(customerId, 300);
      const p2 = await newPayment(customerId, 700);
      const at1 = t.tick(10);
      const partial = await s.invoices.applyPayment({ invoiceId: invoice.id, paymentId: p1, amount: 300 });
      expect(partial).toEqual({ ...invoice, amountPaid: 300, amountDue: 700, updatedAt: at1, version: 2 });
      const at2 = t.tick(10);
      const final = await s.invoices.applyPayment({ invoiceId: invoice.id, paymentId: p2, amount: 700 });
      expect(final).toEqual({ ...invoice, amountPaid: 1000, amountDue: 0, status: 'paid', paidAt: at2, updatedAt: at2, version: 3 });
      expect(await ctx().storage.invoices.findById(invoice.id)).toEqual(final);
      expect(await ctx().storage.invoices.findPayments(invoice.id)).toEqual([
        { id: expect.stringMatching(UUID_V4), invoiceId: invoice.id, paymentId: p1, amountApplied: 300, currency: 'USD', appliedAt: at1, livemode: true },
        { id: expect.stringMatching(UUID_V4), invoiceId: invoice.id, paymentId: p2, amountApplied: 700, currency: 'USD', appliedAt: at2, livemode: true },
      ]);
      expect(await ctx().storage.invoices.findPayments(randomUUID())).toEqual([]);
    });

    it('rejects over-application and bad amounts with QZPayValidationError, counts unchanged', async () => {
      const { storage, count } = ctx();
      const customerId = await newCustomer();
      const invoice = await newInvoice(customerId);
      const payment = await newPayment(customerId, 1000);
      await storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: payment, amount: 40 });
      const before = await storage.invoices.findById(invoice.id);
      const applied = await count('billing_invoice_payments');
      for (const amount of [61, 1000, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10' as unknown as number]) {
        await expect(storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: payment, amount })).rejects.toBeInstanceOf(QZPayValidationError);
      }
      expect(await count('billing_invoice_payments')).toBe(applied);
      expect(await storage.invoices.findById(invoice.id)).toEqual(before);
      expect(before).toMatchObject({ amountPaid: 40, amountDue: 60, status: 'draft', paidAt: null });
    });

    it('rejects unknown invoices and payments, void invoices, other currencies and payments applied beyond their amount', async () => {
      const { storage, count } = ctx();
      const customerId = await newCustomer();
      const invoice = await newInvoice(customerId);
      const other = await newInvoice(customerId);
      const payment = await newPayment(customerId, 150);
      const applied = await count('billing_invoice_payments');
      await expect(storage.invoices.applyPayment({ invoiceId: randomUUID(), paymentId: payment, amount: 1 })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: randomUUID(), amount: 1 })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      const euro = await newPayment(customerId, 100, 'EUR');
      await expect(storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: euro, amount: 10 })).rejects.toBeInstanceOf(QZPayValidationError);
      await storage.invoices.applyPayment({ invoiceId: invoice.id, paymentId: payment, amount: 100 });
      await expect(storage.invoices.applyPayment({ invoiceId: other.id, paymentId: payment, amount: 51 })).rejects.toBeInstanceOf(QZPayValidationError);
      expect((await storage.invoices.applyPayment({ invoiceId: other.id, paymentId: payment, amount: 50 })).amountDue).toBe(50);
      await storage.invoices.update(other.id, { status: 'void' });
      const fresh = await newPayment(customerId, 50);
      await expect(storage.invoices.applyPayment({ invoiceId: other.id, paymentId: fresh, amount: 10 })).rejects.toBeInstanceOf(QZPayValidationError);
      expect(await count('billing_invoice_payments')).toBe(applied + 2);
    });

    it('concurrent applications never over-apply: exactly 3 of 10 succeed on a 100 due', async () => {
      const { storage } = ctx();
      const s = await ctx().open({ poolSize: 10 });
      const customerId = await newCustomer();
      const invoice = await newInvoice(customerId);
      const payments = await Promise.all(Array.from({ length: 10 }, () => newPayment(customerId, 30)));
      const results = await Promise.allSettled(payments.map((paymentId) => s.invoices.applyPayment({ invoiceId: invoice.id, paymentId, amount: 30 })));
      const ok = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok.length).toBe(3);
      expect(rejected.length).toBe(7);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(QZPayValidationError);
      expect(await storage.invoices.findById(invoice.id)).toMatchObject({ amountPaid: 90, amountDue: 10, status: 'draft', version: 4 });
      expect((await storage.invoices.findPayments(invoice.id)).length).toBe(3);
    });

    it('concurrent applications that exactly settle the invoice: all succeed, status paid once', async () => {
      const s = await ctx().open({ poolSize: 10 });
      const customerId = await newCustomer();
      const invoice = await newInvoice(customerId, [{ description: 'x', quantity: 10, unitAmount: 10 }]);
      const payment = await newPayment(customerId, 100);
      const results = await Promise.all(Array.from({ length: 10 }, () => s.invoices.applyPayment({ invoiceId: invoice.id, paymentId: payment, amount: 10 })));
      expect(results.filter((r) => r.status === 'paid').length).toBe(1);
      expect(await ctx().storage.invoices.findById(invoice.id)).toMatchObject({ amountPaid: 100, amountDue: 0, status: 'paid', version: 11 });
      expect((await ctx().storage.invoices.findPayments(invoice.id)).map((p) => p.amountApplied)).toEqual(Array(10).fill(10));
    });
  });
});
