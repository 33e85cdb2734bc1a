import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QZPayEntityNotFoundError, QZPayForeignKeyError, QZPayValidationError } from '../src/contract/errors.js';
import type { QZPayCreatePromoCodeInput, QZPayPromoCodeUsage } from '../src/contract/index.js';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import { forEachDialect } from './harness/index.js';

forEachDialect('promoCodes.redeem / findUsage', (ctx) => {
  const promo = (extra: Partial<QZPayCreatePromoCodeInput> = {}, storage: QZPayDrizzleStorageHandle = ctx().storage) =>
    storage.promoCodes.create({ id: randomUUID(), code: `r-${randomUUID().slice(0, 12)}`, discountType: 'fixed_amount', discountValue: 500, ...extra });
  const customer = async (storage: QZPayDrizzleStorageHandle = ctx().storage) =>
    (await storage.customers.create({ externalId: randomUUID(), email: 'promo@x.io' })).id;
  const usageRows = async (promoCodeId: string) =>
    Number((await ctx().query(`select count(*) from billing_promo_code_usage where promo_code_id = '${promoCodeId}'`))[0]?.[0]);
  const counter = async (promoCodeId: string) => (await ctx().storage.promoCodes.findById(promoCodeId))?.currentRedemptions;

  it('records a usage row and raises the counter in one go', async () => {
    const { open } = ctx();
    const t = new Date('2036-06-06T06:06:06.606Z');
    const s = await open({ now: () => t });
    const code = await promo({}, s);
    const customerId = await customer(s);
    const subscriptionId = randomUUID();
    await s.subscriptions.create({ id: subscriptionId, customerId, planId: 'plan' });
    const usage = await s.promoCodes.redeem({ promoCodeId: code.id, customerId, subscriptionId, discountAmount: 500, currency: 'USD' });
    expect(usage).toEqual({
      id: usage?.id,
      promoCodeId: code.id,
      customerId,
      subscriptionId,
      discountAmount: 500,
      currency: 'USD',
      usedAt: t,
      livemode: true,
    });
    expect(usage?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await s.promoCodes.findById(code.id)).toMatchObject({ currentRedemptions: 1, updatedAt: t });
    expect(await s.promoCodes.findUsage({ promoCodeId: code.id })).toEqual([usage]);
    const bare = await s.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 0, currency: 'CLP' });
    expect(bare).toMatchObject({ subscriptionId: null, discountAmount: 0, currency: 'CLP' });
  });

  it('per-customer limit: the second redemption by one customer is null and changes nothing', async () => {
    const { storage } = ctx();
    const code = await promo({ maxRedemptionsPerCustomer: 1 });
    const [ana, bob] = [await customer(), await customer()];
    const input = { promoCodeId: code.id, discountAmount: 100, currency: 'EUR' } as const;
    expect(await storage.promoCodes.redeem({ ...input, customerId: ana })).not.toBeNull();
    const before = await storage.promoCodes.findById(code.id);
    expect(await storage.promoCodes.redeem({ ...input, customerId: ana })).toBeNull();
    expect(await storage.promoCodes.findById(code.id)).toEqual(before);
    expect(await usageRows(code.id)).toBe(1);
    // Another customer is not affected by ana's limit.
    expect(await storage.promoCodes.redeem({ ...input, customerId: bob })).not.toBeNull();
    expect(await counter(code.id)).toBe(2);
  });

  it('global limit: redemptions past maxRedemptions are null and change nothing; null max never blocks', async () => {
    const { storage } = ctx();
    const code = await promo({ maxRedemptions: 2 });
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push(await storage.promoCodes.redeem({ promoCodeId: code.id, customerId: await customer(), discountAmount: 1, currency: 'USD' }));
    }
    expect(results.map((r) => r !== null)).toEqual([true, true, false]);
    expect(await counter(code.id)).toBe(2);
    expect(await usageRows(code.id)).toBe(2);

    const unlimited = await promo();
    const customerId = await customer();
    for (let i = 0; i < 5; i++) {
      expect(await storage.promoCodes.redeem({ promoCodeId: unlimited.id, customerId, discountAmount: 1, currency: 'USD' })).not.toBeNull();
    }
    expect(await counter(unlimited.id)).toBe(5);
  });

  it('maxRedemptions 0 and maxRedemptionsPerCustomer 0 always block', async () => {
    const { storage } = ctx();
    const customerId = await customer();
    for (const extra of [{ maxRedemptions: 0 }, { maxRedemptionsPerCustomer: 0 }]) {
      const code = await promo(extra);
      expect(await storage.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 1, currency: 'USD' })).toBeNull();
      expect(await counter(code.id)).toBe(0);
      expect(await usageRows(code.id)).toBe(0);
    }
  });

  it('bad input rejects with typed errors and writes nothing, also inside a caller transaction that goes on', async () => {
    const { storage } = ctx();
    const code = await promo();
    const customerId = await customer();
    const ok = { promoCodeId: code.id, customerId, discountAmount: 10, currency: 'USD' } as const;
    await expect(storage.promoCodes.redeem({ ...ok, promoCodeId: randomUUID() })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.promoCodes.redeem({ ...ok, customerId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(storage.promoCodes.redeem({ ...ok, subscriptionId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(storage.promoCodes.redeem({ ...ok, currency: 'usd' as never })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.promoCodes.redeem({ ...ok, discountAmount: -1 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.promoCodes.redeem({ ...ok, discountAmount: 1.5 })).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await counter(code.id)).toBe(0);
    expect(await usageRows(code.id)).toBe(0);

    // The caller catches a validation failure and commits the rest of its work: the redemption
    // left nothing behind (the usage row is written before the counter moves).
    const committed = await storage.transaction(async () => {
      await expect(storage.promoCodes.redeem({ ...ok, discountAmount: -5 })).rejects.toBeInstanceOf(QZPayValidationError);
      return storage.promoCodes.redeem(ok);
    });
    expect(committed).not.toBeNull();
    expect(await counter(code.id)).toBe(1);
    expect(await usageRows(code.id)).toBe(1);
  });

  it('joins a caller transaction: rolled back with it', async () => {
    const { storage } = ctx();
    const code = await promo();
    const customerId = await customer();
    const boom = new Error('boom');
    await expect(
      storage.transaction(async () => {
        expect(await storage.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 1, currency: 'USD' })).not.toBeNull();
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await counter(code.id)).toBe(0);
    expect(await usageRows(code.id)).toBe(0);
  });

  describe('races', () => {
    it('maxRedemptionsPerCustomer 1: 20 concurrent redemptions by one customer -> exactly one usage row, counter 1', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const code = await promo({ maxRedemptionsPerCustomer: 1 }, s);
      const customerId = await customer(s);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => s.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 100, currency: 'USD' })),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(results.filter((r) => r === null)).toHaveLength(19);
      expect(await usageRows(code.id)).toBe(1);
      expect(await counter(code.id)).toBe(1);
    });

    it('maxRedemptions 5: 30 concurrent redemptions by 30 customers -> exactly 5 usage rows, counter 5', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const code = await promo({ maxRedemptions: 5 }, s);
      const customers = await Promise.all(Array.from({ length: 30 }, () => customer(s)));
      const results = await Promise.all(
        customers.map((customerId) => s.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 100, currency: 'USD' })),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(5);
      expect(await usageRows(code.id)).toBe(5);
      expect(await counter(code.id)).toBe(5);
    });

    it('both limits, mixed: 3 customers x 10 concurrent calls with per-customer 2 and global 5 -> exactly 5 rows, none over 2', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const code = await promo({ maxRedemptions: 5, maxRedemptionsPerCustomer: 2 }, s);
      const customers = [await customer(s), await customer(s), await customer(s)];
      const calls = Array.from({ length: 30 }, (_, i) => customers[i % 3] as string);
      const results = await Promise.all(
        calls.map((customerId) => s.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 1, currency: 'USD' })),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(5);
      const usage = await s.promoCodes.findUsage({ promoCodeId: code.id });
      expect(usage).toHaveLength(5);
      for (const c of customers) expect(usage.filter((u) => u.customerId === c).length).toBeLessThanOrEqual(2);
      expect(await counter(code.id)).toBe(5);
    });

    it('concurrent redemptions of different codes by different customers all succeed (no cross-code blocking)', async () => {
      const { open } = ctx();
      const s = await open({ poolSize: 10 });
      const codes = await Promise.all(Array.from({ length: 10 }, () => promo({ maxRedemptionsPerCustomer: 1, maxRedemptions: 10 }, s)));
      const customers = await Promise.all(Array.from({ length: 10 }, () => customer(s)));
      const results = await Promise.all(
        codes.flatMap((code) =>
          customers.map((customerId) => s.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 1, currency: 'USD' })),
        ),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(100);
      for (const code of codes) expect(await counter(code.id)).toBe(10);
    });
  });

  describe('findUsage', () => {
    it('filters by promo code, customer or both, newest first; unknown ids give []', async () => {
      const { storage, open } = ctx();
      const [a, b] = [await promo(), await promo()];
      const [ana, bob] = [await customer(), await customer()];
      const base = Date.parse('2037-07-07T00:00:00.000Z');
      const made: QZPayPromoCodeUsage[] = [];
      const plan: Array<[string, string]> = [
        [a.id, ana],
        [b.id, ana],
        [a.id, bob],
        [a.id, ana],
      ];
      for (const [i, [promoCodeId, customerId]] of plan.entries()) {
        const s = await open({ now: () => new Date(base + i * 1000) });
        made.push((await s.promoCodes.redeem({ promoCodeId, customerId, discountAmount: i, currency: 'USD' })) as QZPayPromoCodeUsage);
      }
      const [u0, u1, u2, u3] = made;
      expect(await storage.promoCodes.findUsage({ promoCodeId: a.id })).toEqual([u3, u2, u0]);
      expect(await storage.promoCodes.findUsage({ customerId: ana })).toEqual([u3, u1, u0]);
      expect(await storage.promoCodes.findUsage({ promoCodeId: a.id, customerId: ana })).toEqual([u3, u0]);
      expect(await storage.promoCodes.findUsage({ promoCodeId: b.id, customerId: bob })).toEqual([]);
      expect(await storage.promoCodes.findUsage({ promoCodeId: randomUUID() })).toEqual([]);
      expect(await storage.promoCodes.findUsage({ customerId: 'x'.repeat(400) })).toEqual([]);
    });

    it('is not livemode-scoped: usage rows carry the livemode they were redeemed in', async () => {
      const { storage, open } = ctx();
      const test = await open({ livemode: false });
      const code = await promo({}, test);
      const customerId = await customer(test);
      const usage = await test.promoCodes.redeem({ promoCodeId: code.id, customerId, discountAmount: 1, currency: 'USD' });
      expect(usage?.livemode).toBe(false);
      expect(await storage.promoCodes.findUsage({ customerId })).toEqual([usage]);
    });
  });
});
