import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import type { QZPayScheduledPlanChange, QZPayUpdateSubscriptionInput } from '../src/contract/index.js';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayOptimisticLockError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/errors.js';
import { type DialectContext, forEachDialect } from './harness/index.js';
import { repositoriesFor } from './harness/repos.js';

const T = new Date('2026-03-04T05:06:07.089Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(T.getTime() + ms);

/** A clock the test moves by hand: rows created one tick apart have a defined order. */
function manualClock() {
  let t = T.getTime();
  return { now: () => new Date(t), tick: (ms = 1000) => void (t += ms) };
}

/** A promo code row straight through the repository (its collection is not under test here). */
async function insertPromoCode(ctx: DialectContext): Promise<string> {
  const repos = repositoriesFor(ctx.db.main.db, { now: () => T });
  const id = randomUUID();
  await repos.promoCodes.insert({
    id, code: `P-${id}`, codeLower: `p-${id}`, discountType: 'percentage', discountValue: 10, currency: null,
    stackingMode: 'none', conditions: [], maxRedemptions: null, currentRedemptions: 0, maxRedemptionsPerCustomer: null,
    validFrom: null, validUntil: null, applicablePlanIds: [], applicableProductIds: [], active: true, metadata: {},
    livemode: true, createdAt: T, updatedAt: T, deletedAt: null,
  });
  return id;
}

const plan = (overrides: Partial<QZPayScheduledPlanChange> = {}): QZPayScheduledPlanChange => ({
  newPlanId: 'pro', newPriceId: 'price_pro', targetTransactionAmountMajor: 49.9, applyAt: '2026-04-01T00:00:00.000Z',
  requestedAt: '2026-03-04T05:06:07.089Z', status: 'pending', attemptCount: 0, ...overrides,
});

forEachDialect('subscriptions', (ctx) => {
  async function customer(storage: QZPayDrizzleStorageHandle = ctx().storage): Promise<string> {
    return (await storage.customers.create({ externalId: randomUUID(), email: 'sub@x.io' })).id;
  }
  const fixed = () => ctx().open({ now: () => T });

  it('creates with the contract defaults at the adapter clock and finds it back', async () => {
    const s = await fixed();
    const customerId = await customer(s);
    const id = randomUUID();
    const created = await s.subscriptions.create({
      id, customerId, planId: 'basic', priceId: 'price_1', billingInterval: 'annual', notificationUrl: 'https://n',
      paymentMethodReturnUrl: 'https://r', freeTrialDays: 9, providerPriceId: 'pp_1',
    });
    expect(created).toStrictEqual({
      id, customerId, planId: 'basic', status: 'active', interval: 'month', intervalCount: 1, quantity: 1,
      currentPeriodStart: T, currentPeriodEnd: at(30 * DAY), trialStart: null, trialEnd: null, cancelAt: null,
      canceledAt: null, cancelAtPeriodEnd: false, providerSubscriptionIds: {}, promoCodeId: null, metadata: {},
      scheduledPlanChange: null, livemode: true, createdAt: T, updatedAt: T, deletedAt: null, version: 1,
    });
    expect(await s.subscriptions.findById(id)).toStrictEqual(created);
  });

  it('derives the initial status and trial window from mode and trialDays', async () => {
    const s = await fixed();
    const customerId = await customer(s);
    const make = async (extra: { mode?: 'trial' | 'paid'; trialDays?: number }) =>
      s.subscriptions.create({ id: randomUUID(), customerId, planId: 'p', ...extra });
    const trialing = await make({ trialDays: 14 });
    expect([trialing.status, trialing.trialStart, trialing.trialEnd]).toStrictEqual(['trialing', T, at(14 * DAY)]);
    const paidTrial = await make({ mode: 'paid', trialDays: 7 });
    expect([paidTrial.status, paidTrial.trialStart, paidTrial.trialEnd]).toStrictEqual(['incomplete', T, at(7 * DAY)]);
    expect((await s.subscriptions.findById(paidTrial.id))?.status).toBe('incomplete');
    const paid = await make({ mode: 'paid' });
    expect([paid.status, paid.trialStart, paid.trialEnd]).toStrictEqual(['incomplete', null, null]);
    expect((await make({ mode: 'trial' })).status).toBe('active');
    expect((await make({ trialDays: 0 })).status).toBe('active');
  });

  it('stores quantity, promoCodeId, provider ids and metadata (undefined keys dropped)', async () => {
    const { storage } = ctx();
    const customerId = await customer();
    const promoCodeId = await insertPromoCode(ctx());
    const created = await storage.subscriptions.create({
      id: randomUUID(), customerId, planId: 'p', quantity: 3, promoCodeId,
      providerSubscriptionIds: { stripe: 'sub_1', acme: 'ac_1' }, metadata: { a: 1, b: 'x', c: null, gone: undefined },
    });
    const found = await storage.subscriptions.findById(created.id);
    for (const s of [created, found]) {
      expect(s).toMatchObject({ quantity: 3, promoCodeId, providerSubscriptionIds: { stripe: 'sub_1', acme: 'ac_1' } });
      expect(s?.metadata).toStrictEqual({ a: 1, b: 'x', c: null });
    }
    expect((await storage.subscriptions.findByCustomerId(customerId))[0]?.promoCodeId).toBe(promoCodeId);
  });

  it('rejects bad references and bad input, writing nothing', async () => {
    const { storage, count } = ctx();
    const customerId = await customer();
    const before = await count('billing_subscriptions');
    const base = { id: randomUUID(), customerId, planId: 'p' };
    await expect(storage.subscriptions.create({ ...base, customerId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(storage.subscriptions.create({ ...base, promoCodeId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    const deleted = await customer();
    await storage.customers.delete(deleted);
    await expect(storage.subscriptions.create({ ...base, customerId: deleted })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    for (const bad of [{ planId: 'x'.repeat(192) }, { id: 'x'.repeat(37) }, { quantity: 1.5 }, { quantity: -1 }, { trialDays: -1 },
      { trialDays: Number.NaN }, { metadata: { n: Number.POSITIVE_INFINITY } }, { providerSubscriptionIds: { stripe: 1 } }]) {
      await expect(storage.subscriptions.create({ ...base, ...bad } as never)).rejects.toBeInstanceOf(QZPayValidationError);
    }
    expect(await count('billing_subscriptions')).toBe(before);
    await storage.subscriptions.create(base);
    await expect(storage.subscriptions.create(base)).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect(await count('billing_subscriptions')).toBe(before + 1);
  });

  it('update persists every stored key with ms precision, bumps updatedAt and version, ignores the rest', async () => {
    const clock = manualClock();
    const s = await ctx().open({ now: clock.now });
    const created = await s.subscriptions.create({ id: randomUUID(), customerId: await customer(s), planId: 'p', trialDays: 3 });
    clock.tick(1234);
    const input = {
      planId: 'pro', quantity: 5, status: 'past_due', metadata: { k: 'v' }, canceledAt: at(1), cancelAt: at(2 * DAY + 7),
      currentPeriodStart: at(30 * DAY + 1), currentPeriodEnd: at(60 * DAY + 999), trialEnd: at(5 * DAY + 3),
      // Provider-facing and non-updatable keys: accepted, not stored.
      prorationBehavior: 'always_invoice', transactionAmount: 12.5, externalReference: 'ext', reason: 'why',
      cancelAtPeriodEnd: true, trialStart: at(9), interval: 'year', intervalCount: 4, promoCodeId: 'nope', bogus: 1,
    } as QZPayUpdateSubscriptionInput;
    const updated = await s.subscriptions.update(created.id, input);
    const expected = {
      ...created, planId: 'pro', quantity: 5, status: 'past_due', metadata: { k: 'v' }, canceledAt: at(1),
      cancelAt: at(2 * DAY + 7), currentPeriodStart: at(30 * DAY + 1), currentPeriodEnd: at(60 * DAY + 999),
      trialEnd: at(5 * DAY + 3), updatedAt: at(1234), version: 2,
    };
    expect(updated).toStrictEqual(expected);
    expect(await s.subscriptions.findById(created.id)).toStrictEqual(expected);
  });

  it('null clears canceledAt and trialEnd; absent keys stay untouched', async () => {
    const { storage } = ctx();
    const sub = await storage.subscriptions.create({ id: randomUUID(), customerId: await customer(), planId: 'p', trialDays: 2 });
    const canceled = await storage.subscriptions.update(sub.id, { canceledAt: at(5), status: 'canceled' });
    expect(canceled.canceledAt).toStrictEqual(at(5));
    const paused = await storage.subscriptions.update(sub.id, { status: 'paused' });
    expect([paused.canceledAt, paused.trialEnd]).toStrictEqual([at(5), sub.trialEnd]);
    const cleared = await storage.subscriptions.update(sub.id, { canceledAt: null, trialEnd: null });
    expect([cleared.canceledAt, cleared.trialEnd, cleared.status]).toStrictEqual([null, null, 'paused']);
  });

  it('scheduledPlanChange: object replaces, absent untouched, null clears', async () => {
    const { storage } = ctx();
    const sub = await storage.subscriptions.create({ id: randomUUID(), customerId: await customer(), planId: 'p' });
    const first = plan({ requestedBy: 'u1', metadata: { why: 'upgrade' } });
    expect((await storage.subscriptions.update(sub.id, { scheduledPlanChange: first })).scheduledPlanChange).toStrictEqual(first);
    expect((await storage.subscriptions.update(sub.id, { status: 'active' })).scheduledPlanChange).toStrictEqual(first);
    const second = plan({ status: 'failed', attemptCount: 2, lastError: 'declined', lastAttemptAt: '2026-04-01T00:00:01.001Z' });
    await storage.subscriptions.update(sub.id, { scheduledPlanChange: second });
    expect((await storage.subscriptions.findById(sub.id))?.scheduledPlanChange).toStrictEqual(second);
    expect((await storage.subscriptions.update(sub.id, { scheduledPlanChange: null })).scheduledPlanChange).toBeNull();
  });

  it('merges provider ids by key, keeps unknown providers, replaces metadata wholesale', async () => {
    const { storage } = ctx();
    const sub = await storage.subscriptions.create({
      id: randomUUID(), customerId: await customer(), planId: 'p', providerSubscriptionIds: { acme: 'a-1' }, metadata: { a: 1, b: 2 },
    });
    await storage.subscriptions.update(sub.id, { providerSubscriptionIds: { stripe: 'sub_1' } });
    const updated = await storage.subscriptions.update(sub.id, {
      providerSubscriptionIds: { stripe: 'sub_2', mercadopago: 'mp_1' }, metadata: { b: 3, gone: undefined },
    });
    expect(updated.providerSubscriptionIds).toStrictEqual({ acme: 'a-1', stripe: 'sub_2', mercadopago: 'mp_1' });
    expect(updated.metadata).toStrictEqual({ b: 3 });
    await expect(storage.subscriptions.update(sub.id, { status: 'bogus' as never })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.subscriptions.update(sub.id, { providerSubscriptionIds: { x: null } as never })).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await storage.subscriptions.findById(sub.id)).toStrictEqual(updated);
  });

  it('rejects updates and deletes of missing ids; soft delete hides the row everywhere', async () => {
    const { storage, query } = ctx();
    const customerId = await customer();
    const sub = await storage.subscriptions.create({ id: randomUUID(), customerId, planId: 'p' });
    for (const id of [randomUUID(), 'x'.repeat(400), 'not-a-uuid']) {
      await expect(storage.subscriptions.update(id, { status: 'active' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.subscriptions.delete(id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      expect(await storage.subscriptions.findById(id)).toBeNull();
    }
    await storage.subscriptions.delete(sub.id);
    expect(await storage.subscriptions.findById(sub.id)).toBeNull();
    expect(await storage.subscriptions.findByCustomerId(customerId)).toStrictEqual([]);
    expect((await storage.subscriptions.list({ filters: { customerId } })).total).toBe(0);
    await expect(storage.subscriptions.update(sub.id, { status: 'active' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.subscriptions.update(sub.id, {}, { expectedVersion: 2 })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.subscriptions.delete(sub.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    const rows = await query(`select status from billing_subscriptions where id = '${sub.id}' and deleted_at is not null`);
    // Still stored (soft delete); postgres.js hands raw rows back as its own array class.
    expect(rows.map((r) => [...r])).toStrictEqual([['active']]);
  });

  it('expectedVersion: a stale version rejects and writes nothing; the current one succeeds', async () => {
    const { storage } = ctx();
    const sub = await storage.subscriptions.create({ id: randomUUID(), customerId: await customer(), planId: 'p' });
    const error = await storage.subscriptions
      .update(sub.id, { status: 'paused', providerSubscriptionIds: { stripe: 's' } }, { expectedVersion: 7 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QZPayOptimisticLockError);
    expect(error).toMatchObject({ entityId: sub.id, expectedVersion: 7, actualVersion: 1 });
    expect(await storage.subscriptions.findById(sub.id)).toStrictEqual(sub);
    const ok = await storage.subscriptions.update(sub.id, { status: 'paused' }, { expectedVersion: 1 });
    expect([ok.status, ok.version]).toStrictEqual(['paused', 2]);
  });

  it('20 concurrent provider links all survive; 10 racing version-checked writes: exactly one wins', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const sub = await s.subscriptions.create({ id: randomUUID(), customerId: await customer(s), planId: 'p' });
    const keys = Array.from({ length: 20 }, (_, i) => `provider${i}`);
    await Promise.all(keys.map((k) => s.subscriptions.update(sub.id, { providerSubscriptionIds: { [k]: `id-${k}` } })));
    const linked = await s.subscriptions.findById(sub.id);
    expect(linked?.providerSubscriptionIds).toStrictEqual(Object.fromEntries(keys.map((k) => [k, `id-${k}`])));
    expect(linked?.version).toBe(21);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => s.subscriptions.update(sub.id, { quantity: i + 2 }, { expectedVersion: 21 })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected' && r.reason instanceof QZPayOptimisticLockError);
    expect([won.length, lost.length]).toStrictEqual([1, 9]);
    const final = await s.subscriptions.findById(sub.id);
    expect(final?.version).toBe(22);
    expect(final?.quantity).toBe(won[0]?.status === 'fulfilled' ? won[0].value.quantity : -1);
  });

  it('findByCustomerId: every non-deleted row, newest first, any livemode, no cap', async () => {
    const clock = manualClock();
    const live = await ctx().open({ now: clock.now });
    const test = await ctx().open({ now: clock.now, livemode: false });
    const customerId = await customer(live);
    const ids: string[] = [];
    for (let i = 0; i < 105; i++) {
      clock.tick();
      ids.push((await (i % 5 === 0 ? test : live).subscriptions.create({ id: randomUUID(), customerId, planId: `p${i}` })).id);
    }
    const found = await live.subscriptions.findByCustomerId(customerId);
    expect(found.map((s) => s.id)).toStrictEqual([...ids].reverse());
    expect(found.filter((s) => !s.livemode).length).toBe(21);
    expect(await live.subscriptions.findByCustomerId(randomUUID())).toStrictEqual([]);
    expect(await live.subscriptions.findByCustomerId('x'.repeat(400))).toStrictEqual([]);

    const page = await live.subscriptions.list({ limit: 10_000, filters: { customerId } });
    expect([page.data.length, page.total, page.limit, page.hasMore]).toStrictEqual([84, 84, 10_000, false]);
    const first = await live.subscriptions.list({ filters: { customerId } });
    expect([first.data.length, first.total, first.limit, first.offset, first.hasMore]).toStrictEqual([20, 84, 20, 0, true]);
    expect(first.data[0]?.id).toBe(ids[104]);
    const all = await live.subscriptions.list({ limit: 10_000 });
    expect(all.data.length).toBe(all.total);
    expect(all.data.every((s) => s.livemode)).toBe(true);
    const testPage = await test.subscriptions.list({ limit: 10_000, filters: { customerId } });
    expect(testPage.data.map((s) => s.id)).toStrictEqual(ids.filter((_, i) => i % 5 === 0).reverse());
  });

  describe('list', () => {
    it('honours filters and whitelisted orderBy; ignores unknown keys; pages with offset', async () => {
      const clock = manualClock();
      const s = await ctx().open({ now: clock.now });
      const customerId = await customer(s);
      const subs = [];
      for (const [quantity, mode] of [[3, 'trial'], [1, 'paid'], [2, 'trial'], [5, 'paid']] as const) {
        clock.tick();
        subs.push(await s.subscriptions.create({ id: randomUUID(), customerId, planId: 'p', quantity, mode }));
      }
      const [a, b, c, d] = subs.map((x) => x.id);
      const active = await s.subscriptions.list({ filters: { customerId, status: 'active', bogus: 'x' } });
      expect([ids(active), active.total]).toStrictEqual([[c, a], 2]);
      expect(ids(await s.subscriptions.list({ filters: { customerId }, orderBy: 'quantity', orderDirection: 'asc' }))).toStrictEqual([b, c, a, d]);
      expect(ids(await s.subscriptions.list({ filters: { customerId }, orderBy: 'quantity' }))).toStrictEqual([d, a, c, b]);
      for (const orderBy of ['metadata', 'nope; drop table billing_subscriptions', 'providerSubscriptionIds']) {
        expect(ids(await s.subscriptions.list({ filters: { customerId }, orderBy }))).toStrictEqual([d, c, b, a]);
      }
      const page = await s.subscriptions.list({ filters: { customerId }, limit: 2, offset: 1 });
      expect([ids(page), page.total, page.offset, page.hasMore]).toStrictEqual([[c, b], 4, 1, true]);
      const last = await s.subscriptions.list({ filters: { customerId }, limit: 2, offset: 3 });
      expect([ids(last), last.hasMore]).toStrictEqual([[a], false]);
      await expect(s.subscriptions.list({ filters: { status: { $ne: 'x' } } })).rejects.toBeInstanceOf(QZPayValidationError);
    });

    it('is scoped to the adapter livemode', async () => {
      const test = await ctx().open({ livemode: false });
      const customerId = await customer();
      const sub = await test.subscriptions.create({ id: randomUUID(), customerId, planId: 'p' });
      expect(sub.livemode).toBe(false);
      expect((await ctx().storage.subscriptions.list({ filters: { customerId } })).total).toBe(0);
      expect(ids(await test.subscriptions.list({ filters: { customerId } }))).toStrictEqual([sub.id]);
      expect(await ctx().storage.subscriptions.findById(sub.id)).toStrictEqual(sub);
      const updated = await ctx().storage.subscriptions.update(sub.id, { status: 'paused' });
      expect(updated.livemode).toBe(false);
    });
  });

  it('joins the caller transaction: a rollback leaves nothing behind', async () => {
    const { storage, count } = ctx();
    const customerId = await customer();
    const before = await count('billing_subscriptions');
    const boom = new Error('boom');
    await expect(
      storage.transaction(async () => {
        const sub = await storage.subscriptions.create({ id: randomUUID(), customerId, planId: 'p' });
        await storage.subscriptions.update(sub.id, { providerSubscriptionIds: { stripe: 's' } });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count('billing_subscriptions')).toBe(before);
  });
});

function ids(page: { data: Array<{ id: string }> }): string[] {
  return page.data.map((x) => x.id);
}
