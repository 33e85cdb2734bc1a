import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  QZPayEntityNotFoundError,
  QZPayOptimisticLockError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/errors.js';
import { forEachDialect } from './harness/index.js';

const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';

forEachDialect('plans', (ctx) => {
  const addPrice = (planId: string, unitAmount: number, storage = ctx().storage) =>
    storage.prices.create({ id: randomUUID(), planId, currency: 'USD', unitAmount, billingInterval: 'month' });

  it('creates with contract defaults and finds it back with no prices', async () => {
    const { storage } = ctx();
    const id = randomUUID();
    const created = await storage.plans.create({ id, name: 'Starter' });
    expect(created).toEqual({
      id,
      name: 'Starter',
      description: null,
      active: true,
      prices: [],
      features: [],
      entitlements: [],
      limits: {},
      metadata: {},
      createdAt: created.createdAt,
      updatedAt: created.createdAt,
      deletedAt: null,
      version: 1,
    });
    expect(await storage.plans.findById(id)).toEqual(created);
  });

  it('round-trips every optional field', async () => {
    const { storage } = ctx();
    const input = {
      id: randomUUID(),
      name: 'Pro 🚀',
      description: 'Everything, "quoted" and \\ escaped',
      features: [{ name: 'API', included: true }, { name: 'SSO', description: 'SAML', included: false }],
      entitlements: ['api', 'sso'],
      limits: { seats: 10, projects: 0, storageMb: 9007199254740991 },
      metadata: { tier: 'pro', rank: 2, featured: true, none: null, gone: undefined },
    };
    const created = await storage.plans.create(input);
    const { gone: _gone, ...metadata } = input.metadata;
    expect(created).toMatchObject({ ...input, metadata });
    expect(await storage.plans.findById(input.id)).toEqual({ ...created, metadata });
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const { storage, count } = ctx();
    const before = await count('billing_plans');
    const id = randomUUID();
    await expect(storage.plans.create({ id, name: 'x'.repeat(256) })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.plans.create({ id, name: 'p', entitlements: [1] as never })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.plans.create({ id, name: 'p', features: {} as never })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.plans.create({ id, name: 'p', limits: { seats: '3' } as never })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.plans.create({ id, name: null as never })).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await count('billing_plans')).toBe(before);
    await storage.plans.create({ id, name: 'p' });
    await expect(storage.plans.create({ id, name: 'again' })).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
  });

  it('findById and update return prices exactly as prices.findByPlanId, of any livemode', async () => {
    const { storage, open } = ctx();
    const test = await open({ livemode: false });
    const plan = await test.plans.create({ id: randomUUID(), name: 'Other mode' });
    await addPrice(plan.id, 900);
    const cheap = await addPrice(plan.id, 100, test);
    const off = await addPrice(plan.id, 50);
    await storage.prices.update(off.id, { active: false });
    const expected = await storage.prices.findByPlanId(plan.id);
    expect(expected.map((p) => p.unitAmount)).toEqual([100, 900]);
    const found = await storage.plans.findById(plan.id);
    expect(found?.prices).toEqual(expected);
    expect(found?.prices[0]).toEqual(cheap);
    const updated = await storage.plans.update(plan.id, { name: 'Renamed' });
    expect(updated.prices).toEqual(expected);
  });

  describe('update', () => {
    it('applies the updatable keys, ignores prices/id/createdAt/deletedAt, bumps updatedAt and version', async () => {
      const { storage, open } = ctx();
      const created = await storage.plans.create({ id: randomUUID(), name: 'A', description: 'd', metadata: { a: 1, b: 2 } });
      const price = await addPrice(created.id, 300);
      const later = new Date(created.createdAt.getTime() + 60_000);
      const clocked = await open({ now: () => later });
      const updated = await clocked.plans.update(created.id, {
        id: 'ignored',
        createdAt: new Date(0),
        deletedAt: new Date(0),
        prices: [],
        name: 'B',
        description: null,
        active: false,
        features: [{ name: 'x', included: true }],
        entitlements: ['e'],
        limits: { l: 1 },
        metadata: { c: 3 },
        ...({ bogus: true, livemode: false } as object),
      });
      expect(updated).toEqual({
        id: created.id,
        name: 'B',
        description: null,
        active: false,
        prices: [price],
        features: [{ name: 'x', included: true }],
        entitlements: ['e'],
        limits: { l: 1 },
        metadata: { c: 3 },
        createdAt: created.createdAt,
        updatedAt: later,
        deletedAt: null,
        version: 2,
      });
      expect(await storage.plans.findById(created.id)).toEqual(updated);
      expect(await storage.plans.findById('ignored')).toBeNull();
      const partial = await storage.plans.update(created.id, { description: 'back' });
      expect(partial).toMatchObject({ name: 'B', description: 'back', metadata: { c: 3 }, version: 3 });
    });

    it('honours expectedVersion and writes nothing on a mismatch', async () => {
      const { storage } = ctx();
      const created = await storage.plans.create({ id: randomUUID(), name: 'v' });
      const error = await storage.plans.update(created.id, { name: 'stale' }, { expectedVersion: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QZPayOptimisticLockError);
      expect(error).toMatchObject({ expectedVersion: 5, actualVersion: 1, entityId: created.id });
      expect(await storage.plans.findById(created.id)).toEqual(created);
      const ok = await storage.plans.update(created.id, { name: 'fresh' }, { expectedVersion: 1 });
      expect(ok).toMatchObject({ name: 'fresh', version: 2 });
    });

    it('concurrent expectedVersion writers: exactly one wins', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const created = await s.plans.create({ id: randomUUID(), name: 'race' });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => s.plans.update(created.id, { name: `w${i}` }, { expectedVersion: 1 })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(9);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(QZPayOptimisticLockError);
      expect((await s.plans.findById(created.id))?.version).toBe(2);
    });

    it('rejects missing and soft-deleted plans and bad values', async () => {
      const { storage } = ctx();
      await expect(storage.plans.update(randomUUID(), { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.plans.update('x'.repeat(400), { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      const created = await storage.plans.create({ id: randomUUID(), name: 'gone' });
      await expect(storage.plans.update(created.id, { limits: [] as never })).rejects.toBeInstanceOf(QZPayValidationError);
      await storage.plans.delete(created.id);
      await expect(storage.plans.update(created.id, { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.plans.update(created.id, { name: 'x' }, { expectedVersion: 2 })).rejects.toBeInstanceOf(
        QZPayEntityNotFoundError,
      );
    });
  });

  it('delete soft-deletes and deactivates; hidden from every read; a second delete rejects', async () => {
    const { storage, query, open } = ctx();
    const t = new Date('2032-02-02T02:02:02.222Z');
    const clocked = await open({ now: () => t });
    const created = await storage.plans.create({ id: randomUUID(), name: `del-${randomUUID()}` });
    const price = await addPrice(created.id, 10);
    await clocked.plans.delete(created.id);
    expect(await storage.plans.findById(created.id)).toBeNull();
    expect((await storage.plans.list({ filters: { name: created.name } })).total).toBe(0);
    const [row] = await query(`select active, deleted_at is not null, version from billing_plans where id = '${created.id}'`);
    expect(truthy(row?.[0])).toBe(false);
    expect(truthy(row?.[1])).toBe(true);
    expect(Number(row?.[2])).toBe(2);
    // Prices stay (hard delete is for prices only): the plan row is kept, so is its FK target.
    expect(await storage.prices.findById(price.id)).toEqual(price);
    await expect(storage.plans.delete(created.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.plans.delete(randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('findById finds inactive plans of any livemode; null for unknown ids', async () => {
    const { storage, open } = ctx();
    const test = await open({ livemode: false });
    const created = await test.plans.create({ id: randomUUID(), name: 'inactive' });
    const inactive = await test.plans.update(created.id, { active: false });
    expect(await storage.plans.findById(created.id)).toEqual(inactive);
    expect(await storage.plans.findById(randomUUID())).toBeNull();
    expect(await storage.plans.findById('x'.repeat(400))).toBeNull();
  });

  describe('list', () => {
    it('is livemode-scoped, hides deleted plans, includes inactive ones, newest first, each with its prices', async () => {
      const { storage, open } = ctx();
      const name = `list-${randomUUID()}`;
      const base = Date.parse('2033-03-03T00:00:00.000Z');
      const plans = [];
      for (let i = 0; i < 4; i++) {
        const s = await open({ now: () => new Date(base + i * 1000) });
        plans.push(await s.plans.create({ id: randomUUID(), name }));
      }
      const [p0, p1, p2, p3] = plans.map((p) => p.id) as [string, string, string, string];
      await addPrice(p0, 700);
      await addPrice(p0, 200);
      await addPrice(p2, 50);
      await storage.plans.update(p1, { active: false });
      await storage.plans.delete(p3);
      const test = await open({ livemode: false });
      await test.plans.create({ id: randomUUID(), name });

      const page = await storage.plans.list({ filters: { name } });
      expect(page).toMatchObject({ total: 3, limit: 20, offset: 0, hasMore: false });
      expect(page.data.map((p) => p.id)).toEqual([p2, p1, p0]);
      for (const plan of page.data) expect(plan.prices).toEqual(await storage.prices.findByPlanId(plan.id));
      expect(page.data[2]?.prices.map((p) => p.unitAmount)).toEqual([200, 700]);
      expect(page.data[1]).toMatchObject({ active: false, prices: [] });

      const active = await storage.plans.list({ filters: { name, active: true } });
      expect(active.data.map((p) => p.id)).toEqual([p2, p0]);
      expect(active.total).toBe(2);

      const second = await storage.plans.list({ filters: { name }, limit: 1, offset: 1, orderBy: 'createdAt', orderDirection: 'asc' });
      expect(second).toMatchObject({ total: 3, limit: 1, offset: 1, hasMore: true });
      expect(second.data.map((p) => p.id)).toEqual([p1]);
      expect((await test.plans.list({ filters: { name } })).total).toBe(1);
    });

    it('listPage walks every live plan once, newest first, each page with its prices', async () => {
      const { storage, open } = ctx();
      const name = `keyset-${randomUUID()}`;
      const base = Date.parse('2035-05-05T00:00:00.000Z');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        // Two plans per instant: the id breaks the tie.
        const s = await open({ now: () => new Date(base + Math.floor(i / 2) * 1000) });
        ids.push((await s.plans.create({ id: randomUUID(), name })).id);
      }
      await addPrice(ids[0] as string, 40);
      await addPrice(ids[0] as string, 30);
      await storage.plans.delete(ids[4] as string);
      const seen: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await storage.plans.listPage({ filters: { name }, limit: 2, ...(after ? { after } : {}) });
        for (const plan of page.data) {
          seen.push(plan.id);
          expect(plan.prices).toEqual(await storage.prices.findByPlanId(plan.id));
        }
        if (page.nextCursor === null) break;
        after = page.nextCursor;
      }
      const live = ids.slice(0, 4);
      const expected = [...live].sort((a, b) => {
        const ta = Math.floor(ids.indexOf(a) / 2);
        const tb = Math.floor(ids.indexOf(b) / 2);
        return tb - ta || (a < b ? 1 : a > b ? -1 : 0);
      });
      expect(seen).toEqual(expected);
      const last = (await storage.plans.listPage({ filters: { name }, limit: 10 })).data.find((p) => p.id === ids[0]);
      expect(last?.prices.map((p) => p.unitAmount)).toEqual([30, 40]);
    });

    it('filters.active keeps only active plans in data and total', async () => {
      const { open } = ctx();
      const s = await open({ livemode: false });
      const name = `many-${randomUUID()}`;
      for (let i = 0; i < 25; i++) {
        const plan = await s.plans.create({ id: randomUUID(), name });
        if (i % 2 === 1) await s.plans.update(plan.id, { active: false });
      }
      const page = await s.plans.list({ filters: { name, active: true }, limit: 100 });
      expect(page.total).toBe(13);
      expect(page.data.every((p) => p.active)).toBe(true);
      const empty = await s.plans.list({ filters: { name }, limit: 0 });
      expect(empty).toMatchObject({ data: [], total: 25, hasMore: true });
    });
  });
});
