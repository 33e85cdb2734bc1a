import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayOptimisticLockError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
  type QZPayCreateVendorInput,
  type QZPayCurrency,
  type QZPayPayoutSchedule,
  type QZPayUpdateVendorInput,
  type QZPayVendorPayout,
  type QZPayVendorPayoutStatus,
} from '../src/contract/index.js';
import { forEachDialect } from './harness/index.js';

const T0 = new Date('2031-02-03T04:05:06.789Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function vendorInput(over: Partial<QZPayCreateVendorInput> = {}): QZPayCreateVendorInput & { id: string } {
  return { id: randomUUID(), externalId: `ext-${randomUUID()}`, name: 'Acme Supplies', email: 'v@acme.io', ...over };
}

function payout(vendorId: string, over: Partial<QZPayVendorPayout> = {}): QZPayVendorPayout {
  return {
    id: randomUUID(),
    vendorId,
    amount: 123_456,
    currency: 'ARS',
    status: 'paid',
    periodStart: new Date('2031-01-01T00:00:00.000Z'),
    periodEnd: new Date('2031-01-31T23:59:59.999Z'),
    providerPayoutIds: { stripe: 'po_1', mercadopago: 'mp_9', acme: 'x-1' },
    paidAt: new Date('2031-02-01T10:00:00.123Z'),
    createdAt: new Date('2031-02-01T10:00:00.456Z'),
    ...over,
  };
}

forEachDialect('vendors', (ctx) => {
  let clock = T0;
  const clocked = () => ctx().open({ now: () => clock });

  it('creates with DRZ defaults and finds it back by id and external id', async () => {
    clock = T0;
    const s = await clocked();
    const input = vendorInput();
    const created = await s.vendors.create(input);
    expect(created).toEqual({
      id: input.id,
      externalId: input.externalId,
      name: 'Acme Supplies',
      email: 'v@acme.io',
      status: 'pending',
      commissionRate: 0,
      payoutSchedule: { interval: 'weekly', dayOfWeek: 1 },
      providerAccountIds: {},
      metadata: {},
      livemode: true,
      createdAt: T0,
      updatedAt: T0,
      deletedAt: null,
      version: 1,
    });
    expect(await s.vendors.findById(input.id)).toEqual(created);
    expect(await s.vendors.findByExternalId(input.externalId)).toEqual(created);
    expect(await s.vendors.findById(randomUUID())).toBeNull();
    expect(await s.vendors.findById('no'.repeat(100))).toBeNull();
    expect(await s.vendors.findByExternalId('missing')).toBeNull();
  });

  it('round-trips commission rates exactly and rejects the ones it cannot store', async () => {
    const { storage } = ctx();
    for (const rate of [12.5, 0.01, 99.99, 100, 7]) {
      const v = await storage.vendors.create(vendorInput({ commissionRate: rate }));
      expect(v.commissionRate).toBe(rate);
      expect((await storage.vendors.findById(v.id))?.commissionRate).toBe(rate);
    }
    const before = await ctx().count('billing_vendors');
    for (const rate of [12.345, -1, 100.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(storage.vendors.create(vendorInput({ commissionRate: rate }))).rejects.toBeInstanceOf(QZPayValidationError);
    }
    expect(await ctx().count('billing_vendors')).toBe(before);
    const v = await storage.vendors.create(vendorInput({ commissionRate: 10 }));
    await expect(storage.vendors.update(v.id, { commissionRate: 0.005 })).rejects.toBeInstanceOf(QZPayValidationError);
    expect((await storage.vendors.update(v.id, { commissionRate: 12.5 })).commissionRate).toBe(12.5);
    expect((await storage.vendors.findById(v.id))?.commissionRate).toBe(12.5);
  });

  it('stores a supplied payout schedule and metadata, and validates the schedule', async () => {
    const { storage } = ctx();
    const schedule: QZPayPayoutSchedule = { interval: 'monthly', dayOfMonth: 15 };
    const v = await storage.vendors.create(vendorInput({ payoutSchedule: schedule, metadata: { tier: 'gold', n: 2, ok: true, none: null } }));
    expect((await storage.vendors.findById(v.id))?.payoutSchedule).toEqual(schedule);
    expect((await storage.vendors.findById(v.id))?.metadata).toEqual({ tier: 'gold', n: 2, ok: true, none: null });
    expect((await storage.vendors.create(vendorInput({ payoutSchedule: { interval: 'daily' } }))).payoutSchedule).toEqual({ interval: 'daily' });
    const bad: unknown[] = [
      { interval: 'yearly' },
      { interval: 'weekly', dayOfWeek: 7 },
      { interval: 'weekly', dayOfWeek: 1.5 },
      { interval: 'monthly', dayOfMonth: 0 },
      { interval: 'monthly', dayOfMonth: 32 },
      null,
    ];
    for (const payoutSchedule of bad) {
      await expect(
        storage.vendors.create(vendorInput({ payoutSchedule: payoutSchedule as QZPayPayoutSchedule })),
      ).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(storage.vendors.update(v.id, { payoutSchedule: payoutSchedule as QZPayPayoutSchedule })).rejects.toBeInstanceOf(
        QZPayValidationError,
      );
    }
    expect((await storage.vendors.findById(v.id))?.version).toBe(1);
  });

  it('rejects a duplicate external id in any livemode, even after a soft delete, and a duplicate id', async () => {
    const { storage } = ctx();
    const test = await ctx().open({ livemode: false });
    const input = vendorInput();
    await storage.vendors.create(input);
    const before = await ctx().count('billing_vendors');
    await expect(storage.vendors.create(vendorInput({ externalId: input.externalId }))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    await expect(test.vendors.create(vendorInput({ externalId: input.externalId }))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    await expect(storage.vendors.create({ ...vendorInput(), id: input.id })).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    await storage.vendors.delete(input.id);
    await expect(storage.vendors.create(vendorInput({ externalId: input.externalId }))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect(await ctx().count('billing_vendors')).toBe(before);
  });

  it('scopes findByExternalId and list to the livemode, but not findById', async () => {
    const { storage } = ctx();
    const test = await ctx().open({ livemode: false });
    const email = `${randomUUID()}@scope.io`;
    const sandbox = await test.vendors.create(vendorInput({ email }));
    expect(sandbox.livemode).toBe(false);
    expect(await storage.vendors.findByExternalId(sandbox.externalId)).toBeNull();
    expect(await test.vendors.findByExternalId(sandbox.externalId)).toEqual(sandbox);
    expect(await storage.vendors.findById(sandbox.id)).toEqual(sandbox);
    expect((await storage.vendors.list({ filters: { email } })).total).toBe(0);
    expect((await test.vendors.list({ filters: { email } })).data).toEqual([sandbox]);
  });

  it('updates the contract fields only, bumping updatedAt and version', async () => {
    clock = T0;
    const s = await clocked();
    const v = await s.vendors.create(vendorInput({ metadata: { a: 1, b: 2 } }));
    clock = at(5_000);
    const schedule: QZPayPayoutSchedule = { interval: 'monthly', dayOfMonth: 28 };
    const extra = { status: 'active', providerAccountIds: { stripe: 'acct_1' }, externalId: 'changed' };
    const updated = await s.vendors.update(v.id, {
      name: 'Acme Ltd',
      email: 'pay@acme.io',
      commissionRate: 15.25,
      payoutSchedule: schedule,
      metadata: { c: 3, gone: undefined },
      ...extra,
    } as QZPayUpdateVendorInput);
    expect(updated).toEqual({
      ...v,
      name: 'Acme Ltd',
      email: 'pay@acme.io',
      commissionRate: 15.25,
      payoutSchedule: schedule,
      metadata: { c: 3 },
      updatedAt: at(5_000),
      version: 2,
    });
    expect(await s.vendors.findById(v.id)).toEqual(updated);
    // An empty update still bumps updatedAt and the version.
    clock = at(6_000);
    expect(await s.vendors.update(v.id, {})).toEqual({ ...updated, updatedAt: at(6_000), version: 3 });
  });

  it('honours expectedVersion and writes nothing on a mismatch', async () => {
    const { storage } = ctx();
    const v = await storage.vendors.create(vendorInput());
    await expect(storage.vendors.update(v.id, { name: 'stale' }, { expectedVersion: 2 })).rejects.toBeInstanceOf(QZPayOptimisticLockError);
    expect((await storage.vendors.findById(v.id))?.name).toBe('Acme Supplies');
    const ok = await storage.vendors.update(v.id, { name: 'fresh' }, { expectedVersion: 1 });
    expect([ok.name, ok.version]).toEqual(['fresh', 2]);
    await expect(storage.vendors.update(v.id, { name: 'again' }, { expectedVersion: 1 })).rejects.toBeInstanceOf(QZPayOptimisticLockError);
  });

  it('soft-deletes: hidden everywhere, further updates and deletes reject', async () => {
    const { storage } = ctx();
    const email = `${randomUUID()}@gone.io`;
    const v = await storage.vendors.create(vendorInput({ email }));
    await storage.vendors.delete(v.id);
    expect(await storage.vendors.findById(v.id)).toBeNull();
    expect(await storage.vendors.findByExternalId(v.externalId)).toBeNull();
    expect((await storage.vendors.list({ filters: { email } })).total).toBe(0);
    await expect(storage.vendors.update(v.id, { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.vendors.delete(v.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.vendors.delete(randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.vendors.update(randomUUID(), { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    const deletedAt = await ctx().query(`select count(*) from billing_vendors where id = '${v.id}' and deleted_at is not null`);
    expect(Number(deletedAt[0]?.[0])).toBe(1);
  });

  it('lists newest first with totals, paging and filters', async () => {
    clock = T0;
    const s = await clocked();
    const email = `${randomUUID()}@list.io`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock = at(i * 1000);
      ids.push((await s.vendors.create(vendorInput({ email, name: `v${i}` }))).id);
    }
    const page = await s.vendors.list({ filters: { email }, limit: 2, offset: 1 });
    expect(page.data.map((v) => v.name)).toEqual(['v3', 'v2']);
    expect([page.total, page.limit, page.offset, page.hasMore]).toEqual([5, 2, 1, true]);
    const last = await s.vendors.list({ filters: { email }, limit: 2, offset: 4 });
    expect([last.data.map((v) => v.name), last.hasMore]).toEqual([['v0'], false]);
    const asc = await s.vendors.list({ filters: { email, status: 'pending' }, orderBy: 'createdAt', orderDirection: 'asc' });
    expect(asc.data.map((v) => v.id)).toEqual(ids);
    expect([asc.limit, asc.offset]).toEqual([20, 0]);
    expect((await s.vendors.list({ filters: { email, status: 'active' } })).total).toBe(0);
    // Keyset pages walk the same rows, newest first, without a count.
    const first = await s.vendors.listPage({ filters: { email }, limit: 3 });
    expect(first.data.map((v) => v.name)).toEqual(['v4', 'v3', 'v2']);
    const second = await s.vendors.listPage({ filters: { email }, limit: 3, after: first.nextCursor ?? '' });
    expect([second.data.map((v) => v.name), second.nextCursor]).toEqual([['v1', 'v0'], null]);
  });

  it('stores payouts verbatim, provider ids included, and lists them newest first without a cap', async () => {
    const { storage } = ctx();
    const test = await ctx().open({ livemode: false });
    const v = await storage.vendors.create(vendorInput());
    const first = payout(v.id);
    expect(await storage.vendors.createPayout(first)).toEqual(first);
    const statuses: QZPayVendorPayoutStatus[] = ['pending', 'processing', 'paid', 'failed'];
    const more: QZPayVendorPayout[] = [];
    for (let i = 0; i < 104; i++) {
      const p = payout(v.id, {
        status: statuses[i % 4] as QZPayVendorPayoutStatus,
        paidAt: i % 4 === 2 ? at(i) : null,
        providerPayoutIds: i % 2 === 0 ? {} : { stripe: `po_${i}` },
        createdAt: at(i * 60_000),
      });
      more.push(await (i % 3 === 0 ? test : storage).vendors.createPayout(p));
    }
    const found = await storage.vendors.findPayoutsByVendorId(v.id);
    expect(found).toHaveLength(105);
    expect(found[0]).toEqual(more[103]);
    expect(found[104]).toEqual(first);
    expect(found).toEqual([...more].reverse().concat([first]));
    expect(await storage.vendors.findPayoutsByVendorId(randomUUID())).toEqual([]);
  });

  it('breaks payout createdAt ties by id and returns [] for a vendor without payouts', async () => {
    const { storage } = ctx();
    const v = await storage.vendors.create(vendorInput());
    expect(await storage.vendors.findPayoutsByVendorId(v.id)).toEqual([]);
    const same = at(0);
    const ps = [payout(v.id, { createdAt: same }), payout(v.id, { createdAt: same }), payout(v.id, { createdAt: same })];
    for (const p of ps) await storage.vendors.createPayout(p);
    const expected = [...ps].sort((a, b) => (a.id < b.id ? 1 : -1));
    expect(await storage.vendors.findPayoutsByVendorId(v.id)).toEqual(expected);
  });

  it('rejects bad payouts with typed errors and writes nothing', async () => {
    const { storage } = ctx();
    const v = await storage.vendors.create(vendorInput());
    const before = await ctx().count('billing_vendor_payouts');
    await expect(storage.vendors.createPayout(payout(randomUUID()))).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(storage.vendors.createPayout(payout(v.id, { currency: 'usd' as QZPayCurrency }))).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(
      storage.vendors.createPayout(payout(v.id, { status: 'sent' as QZPayVendorPayoutStatus })),
    ).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.vendors.createPayout(payout(v.id, { amount: 10.5 }))).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(
      storage.vendors.createPayout(payout(v.id, { periodStart: at(1), periodEnd: at(0) })),
    ).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.vendors.createPayout(payout(v.id, { paidAt: new Date(Number.NaN) }))).rejects.toBeInstanceOf(QZPayValidationError);
    for (const ids of [null, ['po_1'], { stripe: 1 }, { stripe: { id: 'po' } }]) {
      await expect(
        storage.vendors.createPayout(payout(v.id, { providerPayoutIds: ids as unknown as Record<string, string> })),
      ).rejects.toBeInstanceOf(QZPayValidationError);
    }
    expect(await ctx().count('billing_vendor_payouts')).toBe(before);
    const p = payout(v.id);
    await storage.vendors.createPayout(p);
    await expect(storage.vendors.createPayout(p)).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    // A soft-deleted vendor may still receive its final payout (the FK holds; DRZ allows it).
    await storage.vendors.delete(v.id);
    const final = payout(v.id);
    expect(await storage.vendors.createPayout(final)).toEqual(final);
  });

  it('joins an outer transaction: a rollback undoes vendor and payout', async () => {
    const { storage } = ctx();
    const input = vendorInput();
    const boom = new Error('boom');
    await expect(
      storage.transaction(async () => {
        await storage.vendors.create(input);
        await storage.vendors.createPayout(payout(input.id));
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.vendors.findById(input.id)).toBeNull();
    expect(await storage.vendors.findPayoutsByVendorId(input.id)).toEqual([]);
  });
});
