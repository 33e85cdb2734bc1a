import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { QZPayForeignKeyError, QZPayValidationError } from '../src/contract/errors.js';
import type { QZPayDrizzleStorage, QZPayUsageAction } from '../src/contract/index.js';
import { forEachDialect } from './harness/index.js';

const T0 = new Date('2031-03-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

forEachDialect('usageRecords', (ctx) => {
  async function subscription(storage: QZPayDrizzleStorage = ctx().storage) {
    const customer = await storage.customers.create({ externalId: randomUUID(), email: `${randomUUID()}@x.io` });
    const sub = await storage.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-metered' });
    return { customerId: customer.id, subscriptionId: sub.id };
  }

  async function rowsWithKey(key: string): Promise<number> {
    const p = ctx().dialect === 'pg' ? '$1' : '?';
    const rows = await ctx().query(`select count(*) from billing_usage_records where idempotency_key = ${p}`, [key]);
    return Number(rows[0]?.[0]);
  }

  it('records with defaults and finds it by subscription', async () => {
    const clock = { now: T0 };
    const storage = await ctx().open({ now: () => clock.now });
    const { customerId, subscriptionId } = await subscription(storage);
    const rec = await storage.usageRecords.record({ customerId, subscriptionId, metricName: 'api_calls', quantity: 7, metadata: { source: 'edge', gone: undefined } });
    expect(rec).toEqual({
      id: rec.id,
      customerId,
      subscriptionId,
      metricName: 'api_calls',
      quantity: 7,
      action: 'increment',
      timestamp: T0,
      idempotencyKey: null,
      metadata: { source: 'edge' },
      livemode: true,
      createdAt: T0,
    });
    expect(rec.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storage.usageRecords.findBySubscriptionId(subscriptionId)).toEqual([rec]);
    expect(await storage.usageRecords.findBySubscriptionId(randomUUID())).toEqual([]);
  });

  it('keeps a supplied id, action and timestamp; a record may have no subscription', async () => {
    const { storage } = ctx();
    const { customerId } = await subscription();
    const id = randomUUID();
    const rec = await storage.usageRecords.record({ id, customerId, metricName: 'seats', quantity: 3, action: 'set', timestamp: at(123) });
    expect(rec).toMatchObject({ id, subscriptionId: null, action: 'set', timestamp: at(123), quantity: 3 });
  });

  it('answers a repeated idempotency key with the first record, storing one row', async () => {
    const { storage } = ctx();
    const { customerId, subscriptionId } = await subscription();
    const key = `idem-${randomUUID()}`;
    const first = await storage.usageRecords.record({ customerId, subscriptionId, metricName: 'api_calls', quantity: 5, idempotencyKey: key });
    const again = await storage.usageRecords.record({ customerId, subscriptionId, metricName: 'api_calls', quantity: 9, idempotencyKey: key });
    expect(again).toEqual(first);
    expect(await rowsWithKey(key)).toBe(1);
    expect(await storage.usageRecords.summarize(subscriptionId, 'api_calls', { from: at(-1e12), to: at(1e12) })).toBe(5);
  });

  it('records 20 concurrent retries of one idempotency key once', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const { customerId, subscriptionId } = await subscription(s);
    const key = `idem-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.usageRecords.record({ customerId, subscriptionId, metricName: 'm', quantity: i + 1, idempotencyKey: key })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.quantity)).size).toBe(1);
    expect(await rowsWithKey(key)).toBe(1);
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const { storage, count } = ctx();
    const { customerId, subscriptionId } = await subscription();
    const before = await count('billing_usage_records');
    const base = { customerId, subscriptionId, metricName: 'm', quantity: 1 };
    await expect(storage.usageRecords.record({ ...base, quantity: -1 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.usageRecords.record({ ...base, quantity: 1.5 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.usageRecords.record({ ...base, action: 'multiply' as QZPayUsageAction })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.usageRecords.record({ ...base, metricName: 'm'.repeat(192) })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.usageRecords.record({ ...base, customerId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(storage.usageRecords.record({ ...base, subscriptionId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    expect(await count('billing_usage_records')).toBe(before);
  });

  it('finds by subscription in timestamp order, filtered by metric and [from, to)', async () => {
    const { storage } = ctx();
    const { customerId, subscriptionId } = await subscription();
    const r = (metricName: string, ms: number) => storage.usageRecords.record({ customerId, subscriptionId, metricName, quantity: 1, timestamp: at(ms) });
    const c = await r('calls', 300);
    const a = await r('calls', 100);
    const s = await r('storage', 200);
    const b = await r('calls', 200);
    const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);
    const all = await storage.usageRecords.findBySubscriptionId(subscriptionId);
    expect(ids(all.filter((x) => x.metricName === 'calls'))).toEqual([a.id, b.id, c.id]);
    expect(all.length).toBe(4);
    expect(ids(await storage.usageRecords.findBySubscriptionId(subscriptionId, { metricName: 'calls' }))).toEqual([a.id, b.id, c.id]);
    expect(ids(await storage.usageRecords.findBySubscriptionId(subscriptionId, { metricName: 'calls', from: at(200) }))).toEqual([b.id, c.id]);
    expect(ids(await storage.usageRecords.findBySubscriptionId(subscriptionId, { to: at(200) }))).toEqual([a.id]);
    expect(ids(await storage.usageRecords.findBySubscriptionId(subscriptionId, { metricName: 'storage' }))).toEqual([s.id]);
  });

  it('summarizes increment / decrement / set in timestamp order over [from, to)', async () => {
    const { storage } = ctx();
    const { customerId, subscriptionId } = await subscription();
    const other = await subscription();
    const r = (action: QZPayUsageAction, quantity: number, ms: number, metricName = 'seats') =>
      storage.usageRecords.record({ customerId, subscriptionId, metricName, quantity, action, timestamp: at(ms) });
    // Recorded out of order on purpose: replay follows timestamps, not insertion.
    await r('increment', 4, 500);
    await r('set', 10, 300);
    await r('increment', 5, 100);
    await r('decrement', 2, 400);
    await r('increment', 1000, 350, 'other-metric');
    await storage.usageRecords.record({ ...other, metricName: 'seats', quantity: 77, timestamp: at(450) });
    await r('increment', 50, 1000); // == to: excluded
    const sum = (from: number, to: number) => storage.usageRecords.summarize(subscriptionId, 'seats', { from: at(from), to: at(to) });
    expect(await sum(0, 1000)).toBe(12); // 5, set 10, -2, +4
    expect(await sum(0, 300)).toBe(5); // only the first increment
    expect(await sum(300, 450)).toBe(8); // set 10, -2
    expect(await sum(301, 1000)).toBe(2); // -2 + 4 without the set
    expect(await sum(0, 1001)).toBe(62);
    expect(await sum(2000, 3000)).toBe(0);
    expect(await storage.usageRecords.summarize(subscriptionId, 'nothing', { from: at(0), to: at(1000) })).toBe(0);
  });

  it('summarize breaks timestamp ties by insertion time, then id', async () => {
    const clock = { now: T0 };
    const storage = await ctx().open({ now: () => clock.now });
    const { customerId, subscriptionId } = await subscription(storage);
    const ts = at(5000);
    const rec = (action: QZPayUsageAction, quantity: number, id?: string) =>
      storage.usageRecords.record({ ...(id ? { id } : {}), customerId, subscriptionId, metricName: 'm', quantity, action, timestamp: ts });
    // Same timestamp: recorded later wins.
    clock.now = at(1);
    await rec('set', 3);
    clock.now = at(2);
    await rec('increment', 4);
    clock.now = at(3);
    await rec('set', 100);
    clock.now = at(4);
    await rec('decrement', 1);
    const period = { from: at(0), to: at(10_000) };
    expect(await storage.usageRecords.summarize(subscriptionId, 'm', period)).toBe(99);
    // Same timestamp and insertion time: id order decides ('0…' before 'f…').
    clock.now = at(9);
    await rec('set', 7, `ffffffff-${randomUUID().slice(9)}`);
    await rec('set', 40, `00000000-${randomUUID().slice(9)}`);
    expect(await storage.usageRecords.summarize(subscriptionId, 'm', period)).toBe(7);
    clock.now = at(10);
    await rec('increment', 1, `00000000-${randomUUID().slice(9)}`);
    expect(await storage.usageRecords.summarize(subscriptionId, 'm', period)).toBe(8);
    expect((await storage.usageRecords.findBySubscriptionId(subscriptionId)).map((r) => r.quantity)).toEqual([3, 4, 100, 1, 40, 7, 1]);
  });

  it('summarize rejects an invalid period', async () => {
    const { storage } = ctx();
    await expect(storage.usageRecords.summarize(randomUUID(), 'm', { from: new Date(Number.NaN), to: T0 })).rejects.toBeInstanceOf(QZPayValidationError);
  });
});
