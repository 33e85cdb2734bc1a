import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
  type QZPayLimit,
  type QZPaySourceType,
  type QZPayUsageAction,
  type QZPayUsageRecord,
} from '../src/contract/index.js';
import { forEachDialect, type DialectContext } from './harness/index.js';

const T0 = new Date('2030-03-04T05:06:07.089Z');

function definition(key: string, over: Partial<QZPayLimit> = {}): QZPayLimit {
  return {
    id: randomUUID(),
    key,
    name: `Limit ${key}`,
    description: 'How many',
    defaultValue: 10,
    createdAt: new Date('2029-01-02T03:04:05.006Z'),
    updatedAt: new Date('2029-01-02T03:04:05.007Z'),
    ...over,
  };
}

async function scalar(ctx: DialectContext, sql: string): Promise<number> {
  return Number((await ctx.query(sql))[0]?.[0]);
}
const limitRows = (ctx: DialectContext, customerId: string) =>
  scalar(ctx, `select count(*) from billing_customer_limits where customer_id = '${customerId}'`);

forEachDialect('limits', (ctx) => {
  const newCustomer = async () => (await ctx().storage.customers.create({ externalId: randomUUID(), email: 'l@x.io' })).id;

  it('stores definitions verbatim, finds them by key, rejects a duplicate key', async () => {
    const { storage } = ctx();
    const key = `seats-${randomUUID()}`;
    const def = definition(key, { defaultValue: 9_007_199_254_740_991 });
    expect(await storage.limits.createDefinition(def)).toEqual(def);
    expect(await storage.limits.findDefinitionByKey(key)).toEqual(def);
    expect(await storage.limits.findDefinitionByKey(`${key}-x`)).toBeNull();
    const before = await ctx().count('billing_limits');
    await expect(storage.limits.createDefinition(definition(key))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    await expect(storage.limits.createDefinition(definition(`${key}-f`, { defaultValue: 1.5 }))).rejects.toBeInstanceOf(
      QZPayValidationError,
    );
    expect(await ctx().count('billing_limits')).toBe(before);
  });

  it('lists every definition in byte order of the key', async () => {
    const { storage } = ctx();
    const p = `ord-${randomUUID()}-`;
    for (const k of ['b', 'a', 'B', 'ab']) {
      await storage.limits.createDefinition(definition(p + k, { description: null }));
    }
    const mine = (await storage.limits.listDefinitions()).filter((d) => d.key.startsWith(p));
    expect(mine.map((d) => d.key)).toEqual(['B', 'a', 'ab', 'b'].map((k) => p + k));
    expect(mine[0]?.description).toBeNull();
  });

  it('sets with defaults, then updates the terms and keeps currentValue', async () => {
    const s = await ctx().open({ now: () => T0 });
    const customerId = await newCustomer();
    expect(await s.limits.set({ customerId, limitKey: 'api_calls', maxValue: 100 })).toEqual({
      customerId,
      limitKey: 'api_calls',
      maxValue: 100,
      currentValue: 0,
      resetAt: null,
      source: 'manual',
      sourceId: null,
    });
    await s.limits.increment({ customerId, limitKey: 'api_calls', incrementBy: 42 });
    const resetAt = new Date('2030-04-01T00:00:00.001Z');
    const updated = await s.limits.set({ customerId, limitKey: 'api_calls', maxValue: 500, resetAt, source: 'subscription', sourceId: 'sub_1' });
    expect(updated).toEqual({ customerId, limitKey: 'api_calls', maxValue: 500, currentValue: 42, resetAt, source: 'subscription', sourceId: 'sub_1' });
    expect(await s.limits.check(customerId, 'api_calls')).toEqual(updated);
    // Omitted optional terms go back to their defaults.
    expect(await s.limits.set({ customerId, limitKey: 'api_calls', maxValue: 7 })).toEqual({
      customerId,
      limitKey: 'api_calls',
      maxValue: 7,
      currentValue: 42,
      resetAt: null,
      source: 'manual',
      sourceId: null,
    });
    expect(await limitRows(ctx(), customerId)).toBe(1);
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    await expect(storage.limits.set({ customerId: randomUUID(), limitKey: 'k', maxValue: 1 })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(storage.limits.set({ customerId, limitKey: 'k', maxValue: 1.5 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.limits.set({ customerId, limitKey: 'k', maxValue: Number.NaN })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(
      storage.limits.set({ customerId, limitKey: 'k', maxValue: 1, source: 'bonus' as QZPaySourceType }),
    ).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.limits.set({ customerId, limitKey: 'k'.repeat(192), maxValue: 1 })).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await limitRows(ctx(), customerId)).toBe(0);
    // An invalid update of an existing row changes nothing either.
    await storage.limits.set({ customerId, limitKey: 'k', maxValue: 3 });
    await expect(storage.limits.set({ customerId, limitKey: 'k', maxValue: 2 ** 53 })).rejects.toBeInstanceOf(QZPayValidationError);
    expect((await storage.limits.check(customerId, 'k'))?.maxValue).toBe(3);
  });

  it('increments in SQL past maxValue, by 1 by default, and rejects a missing row', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    await storage.limits.set({ customerId, limitKey: 'seats', maxValue: 2 });
    expect((await storage.limits.increment({ customerId, limitKey: 'seats' })).currentValue).toBe(1);
    expect(await storage.limits.increment({ customerId, limitKey: 'seats', incrementBy: 5 })).toEqual({
      customerId,
      limitKey: 'seats',
      maxValue: 2,
      currentValue: 6,
      resetAt: null,
      source: 'manual',
      sourceId: null,
    });
    expect((await storage.limits.increment({ customerId, limitKey: 'seats', incrementBy: -4 })).currentValue).toBe(2);
    expect((await storage.limits.increment({ customerId, limitKey: 'seats', incrementBy: 0 })).currentValue).toBe(2);
    await expect(storage.limits.increment({ customerId, limitKey: 'seats', incrementBy: 0.5 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.limits.increment({ customerId, limitKey: 'nope' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.limits.increment({ customerId: randomUUID(), limitKey: 'seats' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.limits.increment({ customerId: 'x'.repeat(300), limitKey: 'seats' })).rejects.toBeInstanceOf(
      QZPayEntityNotFoundError,
    );
    expect((await storage.limits.check(customerId, 'seats'))?.currentValue).toBe(2);
  });

  it('deletes idempotently and deletes by source with a count', async () => {
    const { storage } = ctx();
    const test = await ctx().open({ livemode: false });
    const [a, b] = [await newCustomer(), await newCustomer()];
    const sourceId = randomUUID();
    await storage.limits.set({ customerId: a, limitKey: 'x', maxValue: 1, source: 'addon', sourceId });
    await test.limits.set({ customerId: b, limitKey: 'x', maxValue: 1, source: 'addon', sourceId });
    await storage.limits.set({ customerId: b, limitKey: 'y', maxValue: 1, source: 'subscription', sourceId });
    await storage.limits.set({ customerId: b, limitKey: 'z', maxValue: 1, source: 'addon', sourceId: 'other' });
    expect(await storage.limits.deleteBySource('addon', sourceId)).toBe(2);
    expect(await storage.limits.deleteBySource('addon', sourceId)).toBe(0);
    expect((await storage.limits.findByCustomerId(b)).map((l) => l.limitKey)).toEqual(['y', 'z']);

    await storage.limits.delete(b, 'y');
    await storage.limits.delete(b, 'y');
    await storage.limits.delete(randomUUID(), 'y');
    expect(await storage.limits.check(b, 'y')).toBeNull();
    expect(await storage.limits.check(b, 'z')).not.toBeNull();
    expect(await limitRows(ctx(), a)).toBe(0);
  });

  it('finds all limits of a customer by key in any livemode; check returns the row or null', async () => {
    const { storage } = ctx();
    const test = await ctx().open({ livemode: false });
    const customerId = await newCustomer();
    await storage.limits.set({ customerId, limitKey: 'b', maxValue: 2 });
    await test.limits.set({ customerId, limitKey: 'a', maxValue: 1 });
    await storage.limits.set({ customerId, limitKey: 'C', maxValue: 3 });
    const all = await storage.limits.findByCustomerId(customerId);
    expect(all.map((l) => [l.limitKey, l.maxValue])).toEqual([
      ['C', 3],
      ['a', 1],
      ['b', 2],
    ]);
    expect(await test.limits.findByCustomerId(customerId)).toEqual(all);
    expect(await storage.limits.check(customerId, 'a')).toEqual(all[1]);
    expect(await storage.limits.check(customerId, 'A')).toBeNull();
    expect(await storage.limits.findByCustomerId(randomUUID())).toEqual([]);
  });

  it('records usage verbatim for a customer and never touches currentValue', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    await storage.limits.set({ customerId, limitKey: 'api', maxValue: 10 });
    await storage.limits.increment({ customerId, limitKey: 'api', incrementBy: 3 });
    const record: QZPayUsageRecord = {
      id: randomUUID(),
      customerId,
      limitKey: 'api',
      quantity: 250,
      action: 'increment',
      timestamp: new Date('2030-01-02T03:04:05.678Z'),
      metadata: { requestId: 'r-1', cached: false, weight: 1.5, none: null },
    };
    expect(await storage.limits.recordUsage(record)).toEqual(record);
    for (const action of ['decrement', 'set'] as const) {
      await storage.limits.recordUsage({ ...record, id: randomUUID(), action });
    }
    // Even for a key with no customer limit.
    await storage.limits.recordUsage({ ...record, id: randomUUID(), limitKey: 'no-limit' });
    expect((await storage.limits.check(customerId, 'api'))?.currentValue).toBe(3);
    expect(await storage.limits.check(customerId, 'no-limit')).toBeNull();
    const stored = await ctx().query(
      `select customer_id, subscription_id, limit_key, quantity, action, livemode from billing_usage_records where id = '${record.id}'`,
    );
    expect(stored.map((r) => [r[0], r[1], r[2], Number(r[3]), r[4], r[5] === true || Number(r[5]) === 1])).toEqual([
      [customerId, null, 'api', 250, 'increment', true],
    ]);
    expect(await scalar(ctx(), `select count(*) from billing_usage_records where customer_id = '${customerId}'`)).toBe(4);
  });

  it('rejects bad usage records with typed errors', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    const base: QZPayUsageRecord = { id: randomUUID(), customerId, limitKey: 'api', quantity: 1, action: 'set', timestamp: T0, metadata: {} };
    await expect(storage.limits.recordUsage({ ...base, customerId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(storage.limits.recordUsage({ ...base, action: 'reset' as QZPayUsageAction })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.limits.recordUsage({ ...base, quantity: 0.25 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.limits.recordUsage({ ...base, timestamp: new Date(Number.NaN) })).rejects.toBeInstanceOf(QZPayValidationError);
    await storage.limits.recordUsage(base);
    await expect(storage.limits.recordUsage(base)).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect(await scalar(ctx(), `select count(*) from billing_usage_records where customer_id = '${customerId}'`)).toBe(1);
  });

  it('joins an outer transaction: a rollback undoes set and increment', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    await storage.limits.set({ customerId, limitKey: 'tx', maxValue: 5 });
    const boom = new Error('boom');
    await expect(
      storage.transaction(async () => {
        await storage.limits.set({ customerId, limitKey: 'tx', maxValue: 50 });
        await storage.limits.increment({ customerId, limitKey: 'tx' });
        await storage.limits.set({ customerId, limitKey: 'tx2', maxValue: 1 });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.limits.findByCustomerId(customerId)).toEqual([
      { customerId, limitKey: 'tx', maxValue: 5, currentValue: 0, resetAt: null, source: 'manual', sourceId: null },
    ]);
  });

  it('100 concurrent sets of one key leave exactly one row', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const customerId = await newCustomer();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => s.limits.set({ customerId, limitKey: 'race', maxValue: i, sourceId: `s${i}` })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await limitRows(ctx(), customerId)).toBe(1);
    const row = await s.limits.check(customerId, 'race');
    // Whichever set ran last wins, with its own terms as a whole.
    expect(row?.sourceId).toBe(`s${String(row?.maxValue)}`);
    expect(row?.currentValue).toBe(0);
  });

  it('100 concurrent increments by 1 reach exactly 100', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const customerId = await newCustomer();
    await s.limits.set({ customerId, limitKey: 'hits', maxValue: 10 });
    const results = await Promise.all(Array.from({ length: 100 }, () => s.limits.increment({ customerId, limitKey: 'hits' })));
    expect((await s.limits.check(customerId, 'hits'))?.currentValue).toBe(100);
    // Every increment saw its own distinct value: 1..100.
    expect(results.map((r) => r.currentValue).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('sets racing deletes never fail and never leave a second row', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const customerId = await newCustomer();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0 ? s.limits.set({ customerId, limitKey: 'flip', maxValue: i }) : s.limits.delete(customerId, 'flip'),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await s.limits.set({ customerId, limitKey: 'flip', maxValue: 1 });
    expect(await limitRows(ctx(), customerId)).toBe(1);
  });

  it('sets racing increments keep every increment', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const customerId = await newCustomer();
    await s.limits.set({ customerId, limitKey: 'mix', maxValue: 1 });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0
          ? s.limits.set({ customerId, limitKey: 'mix', maxValue: i })
          : s.limits.increment({ customerId, limitKey: 'mix', incrementBy: 2 }),
      ),
    );
    expect((await s.limits.check(customerId, 'mix'))?.currentValue).toBe(100);
    expect(await limitRows(ctx(), customerId)).toBe(1);
  });

  it('incrementCapped: 200 concurrent capped increments over 4 pools against maxValue 100 apply exactly 100', async () => {
    const s = ctx().storage;
    const customerId = await newCustomer();
    await s.limits.set({ customerId, limitKey: 'capped', maxValue: 100 });
    const pools = [s, ...(await Promise.all([1, 2, 3].map(() => ctx().open())))];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => pools[i % pools.length]!.limits.incrementCapped({ customerId, limitKey: 'capped' })),
    );
    const applied = results.filter((r) => r.applied).length;
    console.log(`[${ctx().dialect}] capped increments applied: ${applied} of 200`);
    expect(applied).toBe(100);
    expect(results.filter((r) => !r.applied).every((r) => r.limit.currentValue === 100)).toBe(true);
    expect((await s.limits.check(customerId, 'capped'))?.currentValue).toBe(100);
    // A step that would pass the cap is refused whole; one that lands on it is applied.
    await s.limits.set({ customerId, limitKey: 'step', maxValue: 10 });
    expect((await s.limits.incrementCapped({ customerId, limitKey: 'step', incrementBy: 7 })).applied).toBe(true);
    expect((await s.limits.incrementCapped({ customerId, limitKey: 'step', incrementBy: 4 })).applied).toBe(false);
    const last = await s.limits.incrementCapped({ customerId, limitKey: 'step', incrementBy: 3 });
    expect([last.applied, last.limit.currentValue]).toStrictEqual([true, 10]);
    // The uncapped default still goes past maxValue (contract §4.12).
    expect((await s.limits.increment({ customerId, limitKey: 'step', incrementBy: 5 })).currentValue).toBe(15);
    await expect(s.limits.incrementCapped({ customerId, limitKey: 'nope' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('increment past ±(2^53-1) is a typed error and writes nothing', async () => {
    const s = ctx().storage;
    const customerId = await newCustomer();
    await s.limits.set({ customerId, limitKey: 'big', maxValue: 1 });
    const max = Number.MAX_SAFE_INTEGER;
    expect((await s.limits.increment({ customerId, limitKey: 'big', incrementBy: max - 1 })).currentValue).toBe(max - 1);
    expect((await s.limits.increment({ customerId, limitKey: 'big', incrementBy: 1 })).currentValue).toBe(max);
    for (const by of [1, max]) {
      const error = await s.limits.increment({ customerId, limitKey: 'big', incrementBy: by }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QZPayValidationError);
      expect((error as QZPayValidationError).field).toBe('incrementBy');
    }
    expect((await s.limits.check(customerId, 'big'))?.currentValue).toBe(max);
    expect(await scalar(ctx(), `select current_value from billing_customer_limits where customer_id = '${customerId}'`)).toBe(max);
    // The same guard downwards: from -(2^53-1) no further.
    await s.limits.increment({ customerId, limitKey: 'big', incrementBy: -max });
    expect((await s.limits.increment({ customerId, limitKey: 'big', incrementBy: -max })).currentValue).toBe(-max);
    const below = await s.limits.increment({ customerId, limitKey: 'big', incrementBy: -1 }).catch((e: unknown) => e);
    expect((below as QZPayValidationError).field).toBe('incrementBy');
    expect((await s.limits.check(customerId, 'big'))?.currentValue).toBe(-max);
  });
});
