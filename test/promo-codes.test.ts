import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QZPayEntityNotFoundError, QZPayUniqueConstraintError, QZPayValidationError } from '../src/contract/errors.js';
import type { QZPayCreatePromoCodeInput, QZPayPromoCode } from '../src/contract/index.js';
import { forEachDialect } from './harness/index.js';

/** A fresh code per test (tests of a file share one database). */
const uniqueCode = (prefix = 'code') => `${prefix}-${randomUUID().slice(0, 8)}`;

forEachDialect('promoCodes', (ctx) => {
  const promoInput = (extra: Partial<QZPayCreatePromoCodeInput> = {}): QZPayCreatePromoCodeInput & { id: string } => ({
    id: randomUUID(),
    code: uniqueCode(),
    discountType: 'percentage',
    discountValue: 25,
    ...extra,
  });

  it('creates with contract defaults and finds it back', async () => {
    const { storage } = ctx();
    const input = promoInput();
    const created = await storage.promoCodes.create(input);
    expect(created).toEqual({
      id: input.id,
      code: input.code,
      discountType: 'percentage',
      discountValue: 25,
      currency: null,
      stackingMode: 'none',
      conditions: [],
      maxRedemptions: null,
      currentRedemptions: 0,
      maxRedemptionsPerCustomer: null,
      validFrom: null,
      validUntil: null,
      applicablePlanIds: [],
      applicableProductIds: [],
      active: true,
      metadata: {},
      createdAt: created.createdAt,
      updatedAt: created.createdAt,
      deletedAt: null,
    });
    expect(await storage.promoCodes.findById(input.id)).toEqual(created);
    expect(await storage.promoCodes.findByCode(input.code)).toEqual(created);
  });

  it('round-trips every optional field with millisecond dates', async () => {
    const { storage } = ctx();
    const input = promoInput({
      code: uniqueCode('Full'),
      discountType: 'fixed_amount',
      discountValue: 1500,
      currency: 'CLP',
      stackingMode: 'best',
      conditions: [
        { type: 'min_amount', value: 5000 },
        { type: 'date_range', value: { from: '2030-01-01', nested: [1, 'two', null] } },
      ],
      maxRedemptions: 100,
      maxRedemptionsPerCustomer: 2,
      validFrom: new Date('2030-01-01T00:00:00.001Z'),
      validUntil: new Date('2030-12-31T23:59:59.999Z'),
      applicablePlanIds: ['plan_a', 'plan_b'],
      applicableProductIds: ['prod_1'],
      metadata: { campaign: 'black-friday', n: 1, gone: undefined },
    });
    const created = await storage.promoCodes.create(input);
    const { id: _id, metadata: _m, ...rest } = input;
    expect(created).toMatchObject({ ...rest, currentRedemptions: 0, active: true, metadata: { campaign: 'black-friday', n: 1 } });
    const found = await storage.promoCodes.findById(input.id);
    expect(found).toEqual({ ...created, metadata: { campaign: 'black-friday', n: 1 } });
    expect(found?.validFrom?.getTime()).toBe(Date.parse('2030-01-01T00:00:00.001Z'));
    expect(found?.validUntil?.getTime()).toBe(Date.parse('2030-12-31T23:59:59.999Z'));
  });

  describe('codes are case-insensitive and unique per livemode', () => {
    it('a code created in lower case is found in upper case and vice versa; stored as given', async () => {
      const { storage } = ctx();
      const suffix = randomUUID().slice(0, 8);
      const lower = await storage.promoCodes.create(promoInput({ code: `summer25-${suffix}` }));
      const upper = await storage.promoCodes.create(promoInput({ code: `WINTER25-${suffix}` }));
      const mixed = await storage.promoCodes.create(promoInput({ code: `SpRiNg-${suffix}` }));
      expect(await storage.promoCodes.findByCode(`SUMMER25-${suffix}`)).toEqual(lower);
      expect(await storage.promoCodes.findByCode(`Summer25-${suffix}`)).toEqual(lower);
      expect(await storage.promoCodes.findByCode(`winter25-${suffix}`)).toEqual(upper);
      expect(await storage.promoCodes.findByCode(`spring-${suffix}`)).toEqual(mixed);
      expect(lower.code).toBe(`summer25-${suffix}`);
      expect(upper.code).toBe(`WINTER25-${suffix}`);
      expect(await storage.promoCodes.findByCode(`summer25-${suffix}x`)).toBeNull();
      expect(await storage.promoCodes.findByCode('x'.repeat(200))).toBeNull();
      expect(await storage.promoCodes.findByCode('')).toBeNull();
    });

    it('creating SUMMER25 next to summer25 rejects with QZPayUniqueConstraintError; the other livemode may reuse it', async () => {
      const { storage, open, count } = ctx();
      const suffix = randomUUID().slice(0, 8);
      const live = await storage.promoCodes.create(promoInput({ code: `summer25-${suffix}` }));
      const before = await count('billing_promo_codes');
      await expect(storage.promoCodes.create(promoInput({ code: `SUMMER25-${suffix}` }))).rejects.toBeInstanceOf(
        QZPayUniqueConstraintError,
      );
      await expect(storage.promoCodes.create(promoInput({ code: `summer25-${suffix}` }))).rejects.toBeInstanceOf(
        QZPayUniqueConstraintError,
      );
      await expect(storage.promoCodes.create({ ...promoInput(), id: live.id })).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
      expect(await count('billing_promo_codes')).toBe(before);

      const test = await open({ livemode: false });
      const testCode = await test.promoCodes.create(promoInput({ code: `Summer25-${suffix}` }));
      // findByCode is scoped to the adapter livemode: each side sees its own code.
      expect(await storage.promoCodes.findByCode(`SUMMER25-${suffix}`)).toEqual(live);
      expect(await test.promoCodes.findByCode(`SUMMER25-${suffix}`)).toEqual(testCode);
      // findById is not scoped.
      expect(await storage.promoCodes.findById(testCode.id)).toEqual(testCode);
    });

    it('two concurrent creates of one code in different cases yield one row', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const suffix = randomUUID().slice(0, 8);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => s.promoCodes.create(promoInput({ code: i % 2 ? `RACE-${suffix}` : `race-${suffix}` }))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(QZPayUniqueConstraintError);
    });
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const { storage, count } = ctx();
    const before = await count('billing_promo_codes');
    const bad: Array<Partial<QZPayCreatePromoCodeInput>> = [
      { code: '' },
      { code: '   ' },
      { code: 'x'.repeat(65) },
      { discountType: 'percent' as never },
      { stackingMode: 'stack' as never },
      { currency: 'usd' as never },
      { discountValue: -1 },
      { discountValue: 2.5 },
      { maxRedemptions: -1 },
      { maxRedemptionsPerCustomer: -1 },
      { conditions: 'none' as never },
      { applicablePlanIds: [1] as never },
      { validFrom: new Date(Number.NaN) },
    ];
    for (const extra of bad) {
      await expect(storage.promoCodes.create(promoInput(extra))).rejects.toBeInstanceOf(QZPayValidationError);
    }
    expect(await count('billing_promo_codes')).toBe(before);
  });

  describe('update', () => {
    it('applies every key except id/createdAt and bumps updatedAt', async () => {
      const { storage, open } = ctx();
      const created = await storage.promoCodes.create(promoInput({ metadata: { a: 1 } }));
      const later = new Date(created.createdAt.getTime() + 60_000);
      const clocked = await open({ now: () => later });
      const newCode = uniqueCode('NEW');
      const changes: Partial<QZPayPromoCode> = {
        code: newCode,
        discountType: 'free_trial',
        discountValue: 14,
        currency: 'BRL',
        stackingMode: 'additive',
        conditions: [{ type: 'first_purchase', value: true }],
        maxRedemptions: 5,
        currentRedemptions: 3,
        maxRedemptionsPerCustomer: 1,
        validFrom: new Date('2031-01-01T00:00:00.123Z'),
        validUntil: new Date('2031-02-01T00:00:00.456Z'),
        applicablePlanIds: ['p1'],
        applicableProductIds: ['x1', 'x2'],
        active: false,
        metadata: { b: 2 },
      };
      const updated = await clocked.promoCodes.update(created.id, {
        ...changes,
        id: 'ignored',
        createdAt: new Date(0),
        ...({ bogus: 1, livemode: false } as object),
      });
      expect(updated).toEqual({ ...created, ...changes, updatedAt: later });
      expect(await storage.promoCodes.findById(created.id)).toEqual(updated);
      // The code changed: the old code is gone, the new one is found in any case.
      expect(await storage.promoCodes.findByCode(created.code)).toBeNull();
      expect(await storage.promoCodes.findByCode(newCode.toLowerCase())).toEqual(updated);
      // null clears the nullable keys.
      const cleared = await storage.promoCodes.update(created.id, { currency: null, maxRedemptions: null, validUntil: null });
      expect(cleared).toMatchObject({ currency: null, maxRedemptions: null, validUntil: null, maxRedemptionsPerCustomer: 1 });
    });

    it('updating metadata alone keeps every other key (no JSON-bucket rewrite)', async () => {
      const { storage } = ctx();
      const created = await storage.promoCodes.create(
        promoInput({
          currency: 'EUR',
          stackingMode: 'multiplicative',
          conditions: [{ type: 'customer_tag', value: 'vip' }],
          applicableProductIds: ['prod'],
          metadata: { old: true },
        }),
      );
      const updated = await storage.promoCodes.update(created.id, { metadata: { fresh: true } });
      expect(updated).toEqual({ ...created, metadata: { fresh: true }, updatedAt: updated.updatedAt });
    });

    it('rejects a missing id, a colliding code and bad values; writes nothing', async () => {
      const { storage } = ctx();
      await expect(storage.promoCodes.update(randomUUID(), { active: false })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      const a = await storage.promoCodes.create(promoInput({ code: uniqueCode('aaa') }));
      const b = await storage.promoCodes.create(promoInput());
      await expect(storage.promoCodes.update(b.id, { code: a.code.toUpperCase() })).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
      await expect(storage.promoCodes.update(b.id, { code: '' })).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(storage.promoCodes.update(b.id, { discountType: 'nope' as never })).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(storage.promoCodes.update(b.id, { currentRedemptions: -1 })).rejects.toBeInstanceOf(QZPayValidationError);
      await expect(storage.promoCodes.update(b.id, { applicableProductIds: 'p' as never })).rejects.toBeInstanceOf(QZPayValidationError);
      expect(await storage.promoCodes.findById(b.id)).toEqual(b);
    });
  });

  it('delete deactivates; the code stays visible to findById, findByCode and list', async () => {
    let clock = new Date('2026-02-03T04:05:06.007Z');
    const storage = await ctx().open({ now: () => clock });
    const created = await storage.promoCodes.create(promoInput());
    clock = new Date('2026-02-03T04:05:07.008Z');
    await storage.promoCodes.delete(created.id);
    const found = await storage.promoCodes.findById(created.id);
    // Deactivation is a mutation: updatedAt is exactly the clock at delete time (§2.7.8).
    expect(found).toEqual({ ...created, active: false, updatedAt: new Date('2026-02-03T04:05:07.008Z') });
    expect(found?.deletedAt).toBeNull();
    expect(await storage.promoCodes.findByCode(created.code.toUpperCase())).toEqual(found);
    expect((await storage.promoCodes.list({ filters: { code: created.code } })).data).toEqual([found]);
    await storage.promoCodes.delete(created.id);
    await expect(storage.promoCodes.delete(randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('findById: any state, null for unknown or malformed ids', async () => {
    const { storage } = ctx();
    expect(await storage.promoCodes.findById(randomUUID())).toBeNull();
    expect(await storage.promoCodes.findById('x'.repeat(400))).toBeNull();
    expect(await storage.promoCodes.findById('\uD800')).toBeNull();
  });

  describe('incrementRedemptions (deprecated)', () => {
    it('adds one unconditionally, past maxRedemptions, bumping updatedAt', async () => {
      const { storage, open } = ctx();
      const created = await storage.promoCodes.create(promoInput({ maxRedemptions: 1 }));
      const later = new Date(created.createdAt.getTime() + 5_000);
      const clocked = await open({ now: () => later });
      await clocked.promoCodes.incrementRedemptions(created.id);
      await clocked.promoCodes.incrementRedemptions(created.id);
      expect(await storage.promoCodes.findById(created.id)).toMatchObject({ currentRedemptions: 2, updatedAt: later });
      await expect(storage.promoCodes.incrementRedemptions(randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    });
  });

  describe('atomicIncrementRedemptions', () => {
    it('increments below the limit and returns the updated code; null at the limit or for an unknown id', async () => {
      const { storage, open } = ctx();
      const created = await storage.promoCodes.create(promoInput({ maxRedemptions: 2 }));
      const later = new Date(created.createdAt.getTime() + 5_000);
      const clocked = await open({ now: () => later });
      const first = await clocked.promoCodes.atomicIncrementRedemptions(created.id);
      expect(first).toEqual({ ...created, currentRedemptions: 1, updatedAt: later });
      expect((await storage.promoCodes.atomicIncrementRedemptions(created.id))?.currentRedemptions).toBe(2);
      const atLimit = await storage.promoCodes.findById(created.id);
      expect(await storage.promoCodes.atomicIncrementRedemptions(created.id)).toBeNull();
      expect(await storage.promoCodes.findById(created.id)).toEqual(atLimit);
      expect(await storage.promoCodes.atomicIncrementRedemptions(randomUUID())).toBeNull();
      expect(await storage.promoCodes.atomicIncrementRedemptions('x'.repeat(400))).toBeNull();
    });

    it('maxRedemptions 0 always blocks; null never blocks; active and dates are not checked', async () => {
      const { storage } = ctx();
      const zero = await storage.promoCodes.create(promoInput({ maxRedemptions: 0 }));
      expect(await storage.promoCodes.atomicIncrementRedemptions(zero.id)).toBeNull();
      const unlimited = await storage.promoCodes.create(promoInput({ validUntil: new Date('2000-01-01T00:00:00Z') }));
      await storage.promoCodes.delete(unlimited.id);
      for (let i = 1; i <= 5; i++) {
        expect((await storage.promoCodes.atomicIncrementRedemptions(unlimited.id))?.currentRedemptions).toBe(i);
      }
    });

    it('race: 100 concurrent calls against maxRedemptions 10 -> exactly 10 codes, 90 null, counter 10', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const created = await s.promoCodes.create(promoInput({ maxRedemptions: 10 }));
      const results = await Promise.all(Array.from({ length: 100 }, () => s.promoCodes.atomicIncrementRedemptions(created.id)));
      const won = results.filter((r): r is QZPayPromoCode => r !== null);
      expect(won).toHaveLength(10);
      expect(results.filter((r) => r === null)).toHaveLength(90);
      // Every winner saw its own increment: the counters returned are exactly 1..10.
      expect(won.map((r) => r.currentRedemptions).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await s.promoCodes.findById(created.id))?.currentRedemptions).toBe(10);
    });

    it('race: maxRedemptions null never blocks -> 100 concurrent calls, counter 100', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const created = await s.promoCodes.create(promoInput());
      const results = await Promise.all(Array.from({ length: 100 }, () => s.promoCodes.atomicIncrementRedemptions(created.id)));
      expect(results.filter((r) => r !== null)).toHaveLength(100);
      expect((await s.promoCodes.findById(created.id))?.currentRedemptions).toBe(100);
    });
  });

  describe('list', () => {
    it('is livemode-scoped, includes inactive codes, newest first, with filters and paging', async () => {
      const { storage, open } = ctx();
      const base = Date.parse('2034-04-04T00:00:00.000Z');
      const tag = randomUUID();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const s = await open({ now: () => new Date(base + i * 1000) });
        ids.push((await s.promoCodes.create(promoInput({ discountValue: 7, currency: 'PEN', stackingMode: 'additive', code: uniqueCode(tag.slice(0, 6)) }))).id);
      }
      await storage.promoCodes.delete(ids[0] as string);
      const test = await open({ livemode: false });
      await test.promoCodes.create(promoInput({ discountValue: 7, currency: 'PEN', stackingMode: 'additive' }));
      const filters = { discountValue: 7, currency: 'PEN', stackingMode: 'additive' };

      // No other test of this file uses these filter values: the page is exactly ours.
      const page = await storage.promoCodes.list({ filters });
      expect(page).toMatchObject({ total: 3, limit: 20, offset: 0, hasMore: false });
      expect(page.data.map((p) => p.id)).toEqual([...ids].reverse());
      expect(page.data[2]?.active).toBe(false);

      const inactive = await storage.promoCodes.list({ filters: { ...filters, active: false } });
      expect(inactive.data.map((p) => p.id)).toEqual([ids[0]]);

      const second = await storage.promoCodes.list({ filters, limit: 1, offset: 1, orderBy: 'createdAt', orderDirection: 'asc' });
      expect(second).toMatchObject({ total: 3, limit: 1, offset: 1, hasMore: true });
      expect(second.data.map((p) => p.id)).toEqual([ids[1]]);

      const keyset = await storage.promoCodes.listPage({ filters, limit: 2 });
      expect(keyset.data).toEqual(page.data.slice(0, 2));
      const rest = await storage.promoCodes.listPage({ filters, limit: 2, after: keyset.nextCursor as string });
      expect(rest).toEqual({ data: [page.data[2]], nextCursor: null });

      const one = await storage.promoCodes.list({ filters: { code: (await storage.promoCodes.findById(ids[1] as string))?.code } });
      expect(one).toMatchObject({ total: 1, limit: 20, offset: 0, hasMore: false });
      expect((await test.promoCodes.list({ filters: { code: one.data[0]?.code } })).total).toBe(0);
    });
  });
});
