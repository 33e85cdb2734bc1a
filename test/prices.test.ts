import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/errors.js';
import type { QZPayCreatePriceInput } from '../src/contract/index.js';
import { forEachDialect } from './harness/index.js';

forEachDialect('prices', (ctx) => {
  const newPlan = async (storage = ctx().storage) => (await storage.plans.create({ id: randomUUID(), name: 'Plan' })).id;
  const priceInput = (planId: string, extra: Partial<QZPayCreatePriceInput> = {}): QZPayCreatePriceInput & { id: string } => ({
    id: randomUUID(),
    planId,
    currency: 'USD',
    unitAmount: 1000,
    billingInterval: 'month',
    ...extra,
  });

  it('creates with contract defaults, does not store backUrl, and finds it back', async () => {
    const at = new Date('2026-02-03T04:05:06.007Z');
    const storage = await ctx().open({ now: () => at });
    const planId = await newPlan();
    const created = await storage.prices.create({ ...priceInput(planId), backUrl: 'https://x.io/back' });
    expect(created).toEqual({
      id: created.id,
      planId,
      nickname: null,
      currency: 'USD',
      unitAmount: 1000,
      billingInterval: 'month',
      intervalCount: 1,
      trialDays: null,
      active: true,
      providerPriceIds: {},
      metadata: {},
      createdAt: at,
      updatedAt: at,
    });
    expect(await storage.prices.findById(created.id)).toEqual(created);
  });

  it('round-trips every optional field, 64-bit amounts and metadata without undefined keys', async () => {
    const { storage } = ctx();
    const planId = await newPlan();
    const created = await storage.prices.create(
      priceInput(planId, {
        nickname: 'Yearly ARS 💸',
        currency: 'ARS',
        unitAmount: Number.MAX_SAFE_INTEGER,
        billingInterval: 'year',
        intervalCount: 2,
        trialDays: 0,
        metadata: { tier: 'gold', n: 3, on: true, none: null, gone: undefined },
      }),
    );
    const found = await storage.prices.findById(created.id);
    expect(found).toEqual({ ...created, metadata: { tier: 'gold', n: 3, on: true, none: null } });
    expect(found?.unitAmount).toBe(9007199254740991);
    expect(found?.trialDays).toBe(0);
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const { storage, count } = ctx();
    const planId = await newPlan();
    const before = await count('billing_prices');
    await expect(storage.prices.create(priceInput(randomUUID()))).rejects.toBeInstanceOf(QZPayForeignKeyError);
    const bad: Array<Partial<QZPayCreatePriceInput>> = [
      { currency: 'usd' as never },
      { billingInterval: 'monthly' as never },
      { unitAmount: -1 },
      { unitAmount: 10.5 },
      { intervalCount: 0 },
      { trialDays: -3 },
      { nickname: 'x'.repeat(256) },
    ];
    for (const extra of bad) {
      await expect(storage.prices.create(priceInput(planId, extra))).rejects.toBeInstanceOf(QZPayValidationError);
    }
    expect(await count('billing_prices')).toBe(before);
    const once = priceInput(planId);
    await storage.prices.create(once);
    await expect(storage.prices.create({ ...once, unitAmount: 5 })).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect(await count('billing_prices')).toBe(before + 1);
  });

  describe('update', () => {
    it('applies every key except id/createdAt, merges providerPriceIds, replaces metadata, bumps updatedAt', async () => {
      const { storage, open } = ctx();
      const planA = await newPlan();
      const planB = await newPlan();
      const created = await storage.prices.create(priceInput(planA, { nickname: 'n', trialDays: 7, metadata: { a: 1, b: 2 } }));
      const later = new Date(created.createdAt.getTime() + 60_000);
      const clocked = await open({ now: () => later });
      await clocked.prices.update(created.id, { providerPriceIds: { stripe: 'price_1', acme: 'a-1' } });
      const updated = await clocked.prices.update(created.id, {
        id: 'ignored',
        createdAt: new Date(0),
        planId: planB,
        nickname: null,
        currency: 'EUR',
        unitAmount: 0,
        billingInterval: 'week',
        intervalCount: 3,
        trialDays: null,
        active: false,
        providerPriceIds: { mercadopago: 'mp_1', stripe: 'price_2' },
        metadata: { c: 3 },
        ...({ livemode: false, bogus: 'x' } as object),
      });
      expect(updated).toEqual({
        id: created.id,
        planId: planB,
        nickname: null,
        currency: 'EUR',
        unitAmount: 0,
        billingInterval: 'week',
        intervalCount: 3,
        trialDays: null,
        active: false,
        providerPriceIds: { stripe: 'price_2', acme: 'a-1', mercadopago: 'mp_1' },
        metadata: { c: 3 },
        createdAt: created.createdAt,
        updatedAt: later,
      });
      expect(await storage.prices.findById(created.id)).toEqual(updated);
      expect(await storage.prices.findById('ignored')).toBeNull();
    });

    it('leaves keys that are not supplied alone', async () => {
      const { storage } = ctx();
      const created = await storage.prices.create(priceInput(await newPlan(), { nickname: 'keep', trialDays: 14, metadata: { k: 'v' } }));
      const updated = await storage.prices.update(created.id, { unitAmount: 2500 });
      expect(updated).toEqual({ ...created, unitAmount: 2500, updatedAt: updated.updatedAt });
    });

    it('rejects a missing price, bad values and a missing plan; writes nothing', async () => {
      const { storage } = ctx();
      await expect(storage.prices.update(randomUUID(), { nickname: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.prices.update('not-a-uuid', {})).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      const created = await storage.prices.create(priceInput(await newPlan()));
      await expect(storage.prices.update(created.id, { currency: 'XXX' as never })).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(storage.prices.update(created.id, { unitAmount: -5 })).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(storage.prices.update(created.id, { providerPriceIds: { stripe: 1 } as never })).rejects.toBeInstanceOf(
        QZPayValidationError,
      );
      await expect(storage.prices.update(created.id, { planId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
      expect(await storage.prices.findById(created.id)).toEqual(created);
    });
  });

  it('delete is a hard delete and rejects a missing id', async () => {
    const { storage, query } = ctx();
    const created = await storage.prices.create(priceInput(await newPlan()));
    await storage.prices.delete(created.id);
    expect(await storage.prices.findById(created.id)).toBeNull();
    expect(Number((await query(`select count(*) from billing_prices where id = '${created.id}'`))[0]?.[0])).toBe(0);
    await expect(storage.prices.delete(created.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.prices.delete('x'.repeat(400))).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('findById returns inactive prices of any livemode; null for unknown or malformed ids', async () => {
    const { storage, open } = ctx();
    const test = await open({ livemode: false });
    const created = await test.prices.create(priceInput(await newPlan(test)));
    const inactive = await test.prices.update(created.id, { active: false });
    expect(await storage.prices.findById(created.id)).toEqual(inactive);
    expect(await storage.prices.findById(randomUUID())).toBeNull();
    expect(await storage.prices.findById('x'.repeat(400))).toBeNull();
    expect(await storage.prices.findById('\u0000')).toBeNull();
  });

  describe('findByPlanId', () => {
    it('returns active prices only, cheapest first, ties by createdAt then id, any livemode', async () => {
      const { storage, open } = ctx();
      const planId = await newPlan();
      const t0 = new Date('2030-01-01T00:00:00.000Z');
      const early = await open({ now: () => t0 });
      const late = await open({ livemode: false, now: () => new Date(t0.getTime() + 1) });
      const mk = (s: typeof storage, id: string, unitAmount: number) => s.prices.create({ ...priceInput(planId, { unitAmount }), id });
      // Ids chosen so that id order contradicts creation order where createdAt ties.
      const p500late = await mk(late, `c-${randomUUID().slice(0, 30)}`, 500);
      const p500b = await mk(early, `b-${randomUUID().slice(0, 30)}`, 500);
      const p500a = await mk(early, `a-${randomUUID().slice(0, 30)}`, 500);
      const p100 = await mk(late, randomUUID(), 100);
      const p900 = await mk(early, randomUUID(), 900);
      const off = await mk(early, randomUUID(), 50);
      await storage.prices.update(off.id, { active: false });
      const found = await storage.prices.findByPlanId(planId);
      expect(found.map((p) => p.id)).toEqual([p100.id, p500a.id, p500b.id, p500late.id, p900.id]);
      expect(found[0]).toEqual(p100);
      expect(await storage.prices.findByPlanId(randomUUID())).toEqual([]);
      expect(await storage.prices.findByPlanId('x'.repeat(100))).toEqual([]);
    });
  });

  describe('list', () => {
    it('is livemode-scoped, includes inactive prices, pages newest first with totals and filters', async () => {
      const { storage, open } = ctx();
      const planId = await newPlan();
      const base = Date.parse('2031-05-05T00:00:00.000Z');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const s = await open({ now: () => new Date(base + i * 1000) });
        ids.push((await s.prices.create(priceInput(planId, { nickname: `list-${planId}` }))).id);
      }
      await storage.prices.update(ids[1] as string, { active: false });
      const test = await open({ livemode: false });
      await test.prices.create(priceInput(planId, { nickname: `list-${planId}` }));

      const all = await storage.prices.list({ filters: { nickname: `list-${planId}` } });
      expect(all.total).toBe(3);
      expect(all.data.map((p) => p.id)).toEqual([...ids].reverse());
      expect(all.data[1]?.active).toBe(false);
      expect(all).toMatchObject({ limit: 20, offset: 0, hasMore: false });

      const page = await storage.prices.list({ filters: { nickname: `list-${planId}` }, limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 3, limit: 1, offset: 1, hasMore: true });
      expect(page.data.map((p) => p.id)).toEqual([ids[1]]);

      const active = await storage.prices.list({ filters: { nickname: `list-${planId}`, active: true }, orderBy: 'createdAt', orderDirection: 'asc' });
      expect(active.data.map((p) => p.id)).toEqual([ids[0], ids[2]]);
      expect((await test.prices.list({ filters: { nickname: `list-${planId}` } })).total).toBe(1);

      const keyset = await storage.prices.listPage({ filters: { nickname: `list-${planId}` }, limit: 2 });
      expect(keyset.data.map((p) => p.id)).toEqual([ids[2], ids[1]]);
      const rest = await storage.prices.listPage({ filters: { nickname: `list-${planId}` }, limit: 2, after: keyset.nextCursor as string });
      expect(rest).toEqual({ data: [all.data[2]], nextCursor: null });
    });
  });

  it('prices go with their plan when a plan row is removed (cascade)', async () => {
    const { storage, exec } = ctx();
    const planId = await newPlan();
    const price = await storage.prices.create(priceInput(planId));
    await exec(`delete from billing_plans where id = '${planId}'`);
    expect(await storage.prices.findById(price.id)).toBeNull();
  });
});
