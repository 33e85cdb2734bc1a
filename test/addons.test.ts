import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import {
  type QZPayCreateAddOnInput,
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayOptimisticLockError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/index.js';
import { forEachDialect } from './harness/index.js';

function addOnInput(extra: Partial<QZPayCreateAddOnInput> = {}): QZPayCreateAddOnInput & { id: string } {
  return { id: randomUUID(), name: `Add-on ${randomUUID()}`, unitAmount: 500, currency: 'USD', billingInterval: 'month', ...extra };
}

async function newSubscription(storage: QZPayDrizzleStorageHandle): Promise<string> {
  const customer = await storage.customers.create({ externalId: randomUUID(), email: `${randomUUID()}@x.io` });
  const subscription = await storage.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-a' });
  return subscription.id;
}

function attach(storage: QZPayDrizzleStorageHandle, subscriptionId: string, addOnId: string, quantity = 1) {
  return storage.addons.addToSubscription({ id: randomUUID(), subscriptionId, addOnId, quantity, unitAmount: 500, currency: 'USD' });
}

forEachDialect('addons', (ctx) => {
  it('creates with the contract defaults and finds it back', async () => {
    const now = new Date('2030-02-03T04:05:06.789Z');
    const storage = await ctx().open({ now: () => now });
    const input = addOnInput();
    const created = await storage.addons.create(input);
    expect(created).toEqual({
      id: input.id,
      name: input.name,
      description: null,
      active: true,
      unitAmount: 500,
      currency: 'USD',
      billingInterval: 'month',
      billingIntervalCount: 1,
      compatiblePlanIds: [],
      allowMultiple: false,
      maxQuantity: null,
      entitlements: [],
      limits: [],
      metadata: {},
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    expect(await ctx().storage.addons.findById(input.id)).toEqual(created);
    expect(await ctx().storage.addons.findById(randomUUID())).toBeNull();
    expect(await ctx().storage.addons.findById('x'.repeat(400))).toBeNull();
  });

  it('round-trips every optional field', async () => {
    const { storage } = ctx();
    const input = addOnInput({
      description: 'Extra seats ✨',
      unitAmount: 9_007_199_254_740_991,
      currency: 'ars',
      billingInterval: 'one_time',
      billingIntervalCount: 3,
      compatiblePlanIds: ['plan-1', 'plan-2'],
      allowMultiple: true,
      maxQuantity: 10,
      entitlements: ['api', 'sso'],
      limits: [
        { key: 'seats', value: 5, action: 'increment' },
        { key: 'projects', value: 100, action: 'set' },
      ],
      metadata: { tier: 'gold', n: 1, flag: false, none: null },
    });
    const created = await storage.addons.create(input);
    const { id, ...fields } = input;
    expect(created).toMatchObject({ id, ...fields, active: true, version: 1 });
    expect(await storage.addons.findById(id)).toEqual(created);
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const { storage, count } = ctx();
    const existing = await storage.addons.create(addOnInput());
    const before = await count('billing_addons');
    await expect(storage.addons.create(addOnInput({ id: existing.id }))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    const bad: Array<Partial<QZPayCreateAddOnInput>> = [
      { billingInterval: 'fortnight' as 'month' },
      { billingIntervalCount: 0 },
      { billingIntervalCount: 1.5 },
      { currency: 'DOLLARS' },
      { unitAmount: 1.25 },
      { compatiblePlanIds: [1 as unknown as string] },
      { entitlements: 'api' as unknown as string[] },
      { limits: [{ key: 'seats', value: 1, action: 'add' as 'set' }] },
      { limits: [{ key: '', value: 1, action: 'set' }] },
      { limits: [{ key: 'seats', value: Number.NaN, action: 'set' }] },
      { name: 'n'.repeat(192) },
    ];
    for (const extra of bad) {
      await expect(storage.addons.create(addOnInput(extra))).rejects.toBeInstanceOf(QZPayValidationError);
    }
    expect(await count('billing_addons')).toBe(before);
  });

  it('update applies present keys, replaces arrays and metadata, bumps updatedAt and version', async () => {
    const created = await (await ctx().open({ now: () => new Date('2030-01-01T00:00:00.000Z') })).addons.create(
      addOnInput({ description: 'old', compatiblePlanIds: ['p1'], entitlements: ['a', 'b'], metadata: { a: 1, b: 2 } }),
    );
    const later = new Date('2030-01-02T00:00:00.001Z');
    const storage = await ctx().open({ now: () => later });
    const updated = await storage.addons.update(created.id, {
      name: 'Renamed',
      description: 'new',
      unitAmount: 750,
      active: false,
      compatiblePlanIds: [],
      allowMultiple: true,
      maxQuantity: 3,
      entitlements: ['c'],
      limits: [{ key: 'seats', value: 2, action: 'set' }],
      metadata: { b: 3 },
    });
    expect(updated).toEqual({
      ...created,
      name: 'Renamed',
      description: 'new',
      unitAmount: 750,
      active: false,
      compatiblePlanIds: [],
      allowMultiple: true,
      maxQuantity: 3,
      entitlements: ['c'],
      limits: [{ key: 'seats', value: 2, action: 'set' }],
      metadata: { b: 3 },
      updatedAt: later,
      version: 2,
    });
    // Absent keys stay; unknown keys (currency, billingInterval are not updatable) are ignored.
    const again = await storage.addons.update(created.id, { name: 'Again', currency: 'EUR' } as never);
    expect(again).toEqual({ ...updated, name: 'Again', version: 3 });
    expect(await storage.addons.findById(created.id)).toEqual(again);
  });

  it('update honours expectedVersion and rejects missing or deleted add-ons', async () => {
    const { storage } = ctx();
    const created = await storage.addons.create(addOnInput());
    await expect(storage.addons.update(created.id, { name: 'x' }, { expectedVersion: 2 })).rejects.toBeInstanceOf(
      QZPayOptimisticLockError,
    );
    expect(await storage.addons.findById(created.id)).toEqual(created);
    const ok = await storage.addons.update(created.id, { name: 'y' }, { expectedVersion: 1 });
    expect(ok.version).toBe(2);
    await expect(storage.addons.update(randomUUID(), { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.addons.update(created.id, { limits: [{ key: 'k', value: 1, action: 'nope' as 'set' }] })).rejects.toBeInstanceOf(
      QZPayValidationError,
    );
    await storage.addons.delete(created.id);
    await expect(storage.addons.update(created.id, { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('delete soft-deletes: hidden from every read, a second delete rejects', async () => {
    const { storage } = ctx();
    const planId = randomUUID();
    const created = await storage.addons.create(addOnInput({ compatiblePlanIds: [planId] }));
    const ids = async () => (await storage.addons.findByPlanId(planId)).map((a) => a.id);
    expect(await ids()).toContain(created.id);
    await storage.addons.delete(created.id);
    expect(await storage.addons.findById(created.id)).toBeNull();
    expect(await ids()).not.toContain(created.id);
    expect((await storage.addons.list({ filters: { name: created.name } })).total).toBe(0);
    await expect(storage.addons.delete(created.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.addons.delete(randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('findByPlanId: active, non-deleted, empty-or-containing, by name, any livemode', async () => {
    const { storage } = ctx();
    const test = await ctx().open({ livemode: false });
    const planId = randomUUID();
    const tag = randomUUID();
    const make = (s: QZPayDrizzleStorageHandle, name: string, extra: Partial<QZPayCreateAddOnInput>) =>
      s.addons.create(addOnInput({ name: `${tag} ${name}`, ...extra }));
    const zeta = await make(storage, 'zeta', { compatiblePlanIds: [planId] });
    const alpha = await make(test, 'Alpha', { compatiblePlanIds: [] });
    const beta = await make(storage, 'beta', { compatiblePlanIds: ['other', planId] });
    const other = await make(storage, 'aaa', { compatiblePlanIds: ['other'] });
    const inactive = await make(storage, 'inactive', { compatiblePlanIds: [planId] });
    await storage.addons.update(inactive.id, { active: false });
    const prefix = await make(storage, 'prefix', { compatiblePlanIds: [`${planId}-x`] });
    const mine = new Set([zeta.id, alpha.id, beta.id, other.id, inactive.id, prefix.id]);
    const found = (await storage.addons.findByPlanId(planId)).filter((a) => mine.has(a.id));
    // Binary name order: upper case sorts before lower case on every dialect.
    expect(found.map((a) => a.id)).toEqual([alpha.id, beta.id, zeta.id]);
    expect(found[0]).toEqual(await storage.addons.findById(alpha.id));
    // Empty list = compatible with every plan, including one nobody named.
    const anyPlan = (await test.addons.findByPlanId(randomUUID())).filter((a) => mine.has(a.id));
    expect(anyPlan.map((a) => a.id)).toEqual([alpha.id]);
  });

  it('list: livemode scope, deleted excluded, inactive included, filters and totals', async () => {
    const at = (ms: number) => ctx().open({ livemode: false, now: () => new Date(Date.UTC(2030, 6, 1, 0, 0, 0, ms)) });
    const test = await at(1);
    const name = `listed ${randomUUID()}`;
    const a = await test.addons.create(addOnInput({ name }));
    const b = await (await at(2)).addons.create(addOnInput({ name }));
    const c = await (await at(3)).addons.create(addOnInput({ name }));
    await test.addons.update(b.id, { active: false });
    await test.addons.delete(c.id);
    await ctx().storage.addons.create(addOnInput({ name }));
    const page = await test.addons.list({ filters: { name }, orderBy: 'createdAt', orderDirection: 'asc' });
    expect(page.data.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(page).toMatchObject({ total: 2, limit: 20, offset: 0, hasMore: false });
    const inactive = await test.addons.list({ filters: { name, active: false } });
    expect(inactive.data.map((x) => x.id)).toEqual([b.id]);
    const second = await test.addons.list({ filters: { name }, limit: 1, offset: 1, orderBy: 'createdAt', orderDirection: 'asc' });
    expect(second).toMatchObject({ total: 2, limit: 1, offset: 1, hasMore: false });
    expect(second.data.map((x) => x.id)).toEqual([b.id]);
    // livemode and deletedAt are not entity fields: not filterable.
    expect((await test.addons.list({ filters: { name, livemode: true } })).total).toBe(2);
  });

  it('addToSubscription inserts an active attachment and enforces references', async () => {
    const now = new Date('2030-03-04T05:06:07.089Z');
    const storage = await ctx().open({ now: () => now });
    const subscriptionId = await newSubscription(ctx().storage);
    const addOn = await ctx().storage.addons.create(addOnInput());
    const id = randomUUID();
    const attached = await storage.addons.addToSubscription({
      id,
      subscriptionId,
      addOnId: addOn.id,
      quantity: 2,
      unitAmount: 450,
      currency: 'EUR',
      metadata: { source: 'upgrade', nested: { ok: true } },
    });
    expect(attached).toEqual({
      id,
      subscriptionId,
      addOnId: addOn.id,
      quantity: 2,
      unitAmount: 450,
      currency: 'EUR',
      status: 'active',
      addedAt: now,
      canceledAt: null,
      expiresAt: null,
      metadata: { source: 'upgrade', nested: { ok: true } },
      createdAt: now,
      updatedAt: now,
    });
    expect(await storage.addons.findSubscriptionAddOn(subscriptionId, addOn.id)).toEqual(attached);
    expect(await storage.addons.findBySubscriptionId(subscriptionId)).toEqual([attached]);
    const plain = await attach(storage, subscriptionId, (await storage.addons.create(addOnInput())).id);
    expect(plain.metadata).toEqual({});
    await expect(
      storage.addons.addToSubscription({ id, subscriptionId, addOnId: addOn.id, quantity: 1, unitAmount: 1, currency: 'USD' }),
    ).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    await expect(attach(storage, randomUUID(), addOn.id)).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(attach(storage, subscriptionId, randomUUID())).rejects.toBeInstanceOf(QZPayForeignKeyError);
    await expect(attach(storage, subscriptionId, addOn.id, 1.5)).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await storage.addons.findBySubscriptionId(subscriptionId)).toHaveLength(2);
    // Soft-deleted parents are gone for every read: attaching to them is refused the same way.
    const retired = await storage.addons.create(addOnInput());
    await storage.addons.delete(retired.id);
    await expect(attach(storage, subscriptionId, retired.id)).rejects.toBeInstanceOf(QZPayForeignKeyError);
    const deletedSubscription = await newSubscription(ctx().storage);
    await ctx().storage.subscriptions.delete(deletedSubscription);
    await expect(attach(storage, deletedSubscription, addOn.id)).rejects.toBeInstanceOf(QZPayForeignKeyError);
    expect(await storage.addons.findBySubscriptionId(deletedSubscription)).toEqual([]);
    expect(await storage.addons.findBySubscriptionId(subscriptionId)).toHaveLength(2);
  });

  it('removeFromSubscription cancels every active attachment of the pair and keeps the rows', async () => {
    const subscriptionId = await newSubscription(ctx().storage);
    const addOn = await ctx().storage.addons.create(addOnInput({ allowMultiple: true }));
    const keep = await ctx().storage.addons.create(addOnInput());
    const t = (s: number) => ctx().open({ now: () => new Date(Date.UTC(2030, 4, 1, 0, 0, s)) });
    const first = await attach(await t(1), subscriptionId, addOn.id);
    const kept = await attach(await t(2), subscriptionId, keep.id);
    const second = await attach(await t(3), subscriptionId, addOn.id, 4);
    const removedAt = new Date(Date.UTC(2030, 4, 1, 0, 0, 9));
    const remover = await ctx().open({ now: () => removedAt });
    await remover.addons.removeFromSubscription(subscriptionId, addOn.id);
    expect(await remover.addons.findSubscriptionAddOn(subscriptionId, addOn.id)).toBeNull();
    const all = await remover.addons.findBySubscriptionId(subscriptionId);
    const canceled = { status: 'canceled', canceledAt: removedAt, updatedAt: removedAt };
    expect(all).toEqual([{ ...first, ...canceled }, kept, { ...second, ...canceled }]);
    await expect(remover.addons.removeFromSubscription(subscriptionId, addOn.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(remover.addons.removeFromSubscription(subscriptionId, randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(remover.addons.removeFromSubscription(randomUUID(), keep.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    expect(await remover.addons.findSubscriptionAddOn(subscriptionId, keep.id)).toEqual(kept);
    // Re-attaching after removal gives a new active row next to the canceled ones.
    const again = await attach(remover, subscriptionId, addOn.id);
    expect(await remover.addons.findSubscriptionAddOn(subscriptionId, addOn.id)).toEqual(again);
    expect(await remover.addons.findBySubscriptionId(randomUUID())).toEqual([]);
  });

  it('updateSubscriptionAddOn updates the active attachments only and resolves the oldest', async () => {
    const subscriptionId = await newSubscription(ctx().storage);
    const addOn = await ctx().storage.addons.create(addOnInput({ allowMultiple: true }));
    const t = (s: number) => ctx().open({ now: () => new Date(Date.UTC(2030, 5, 1, 0, 0, s)) });
    const old = await attach(await t(1), subscriptionId, addOn.id);
    await (await t(2)).addons.removeFromSubscription(subscriptionId, addOn.id);
    const canceledOld = (await ctx().storage.addons.findBySubscriptionId(subscriptionId))[0];
    const a = await attach(await t(3), subscriptionId, addOn.id);
    const b = await attach(await t(4), subscriptionId, addOn.id);
    const at = new Date(Date.UTC(2030, 5, 1, 0, 0, 9));
    const expiresAt = new Date('2031-01-01T00:00:00.500Z');
    const updater = await ctx().open({ now: () => at });
    const updated = await updater.addons.updateSubscriptionAddOn(subscriptionId, addOn.id, {
      quantity: 7,
      metadata: { seats: 'extra' },
      unitAmount: 300,
      currency: 'GBP',
      expiresAt,
      // Never applied: identity and creation fields.
      id: 'other-id',
      subscriptionId: randomUUID(),
      addOnId: randomUUID(),
      createdAt: new Date(0),
    });
    const patch = { quantity: 7, metadata: { seats: 'extra' }, unitAmount: 300, currency: 'GBP', expiresAt, updatedAt: at };
    expect(updated).toEqual({ ...a, ...patch });
    expect(await updater.addons.findBySubscriptionId(subscriptionId)).toEqual([canceledOld, { ...a, ...patch }, { ...b, ...patch }]);
    expect(canceledOld?.id).toBe(old.id);
    // Status may be set too; afterwards nothing of the pair is active.
    const canceledAt = new Date(Date.UTC(2030, 5, 2));
    const canceled = await updater.addons.updateSubscriptionAddOn(subscriptionId, addOn.id, { status: 'canceled', canceledAt });
    expect(canceled).toMatchObject({ id: a.id, status: 'canceled', canceledAt });
    await expect(updater.addons.updateSubscriptionAddOn(subscriptionId, addOn.id, { quantity: 1 })).rejects.toBeInstanceOf(
      QZPayEntityNotFoundError,
    );
    const c = await attach(updater, subscriptionId, addOn.id);
    await expect(
      updater.addons.updateSubscriptionAddOn(subscriptionId, addOn.id, { status: 'gone' as 'active' }),
    ).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(updater.addons.updateSubscriptionAddOn(subscriptionId, addOn.id, { quantity: 2.5 })).rejects.toBeInstanceOf(
      QZPayValidationError,
    );
    expect(await updater.addons.findSubscriptionAddOn(subscriptionId, addOn.id)).toEqual(c);
  });

  it('race: 20 concurrent attachments of one add-on to one subscription all land (no deadlock)', async () => {
    const storage = await ctx().open({ poolSize: 10 });
    const subscriptionId = await newSubscription(storage);
    const addOn = await storage.addons.create(addOnInput({ allowMultiple: true }));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => attach(storage, subscriptionId, addOn.id)));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(20);
    expect((await storage.addons.findBySubscriptionId(subscriptionId)).length).toBe(20);
  });

  it('race: concurrent removals of one attachment -> exactly one succeeds', async () => {
    const storage = await ctx().open({ poolSize: 10 });
    const subscriptionId = await newSubscription(storage);
    const addOn = await storage.addons.create(addOnInput());
    await attach(storage, subscriptionId, addOn.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => storage.addons.removeFromSubscription(subscriptionId, addOn.id)),
    );
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.length).toBe(19);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('race: 20 concurrent quantity updates of one attachment all apply, none is lost to not-found', async () => {
    const storage = await ctx().open({ poolSize: 10 });
    const subscriptionId = await newSubscription(storage);
    const addOn = await storage.addons.create(addOnInput());
    const attached = await attach(storage, subscriptionId, addOn.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => storage.addons.updateSubscriptionAddOn(subscriptionId, addOn.id, { quantity: i + 1 })),
    );
    // Each call locks the attachment, writes and re-reads inside its transaction: it sees its own write.
    expect(results.map((r) => [r.id, r.quantity])).toEqual(Array.from({ length: 20 }, (_, i) => [attached.id, i + 1]));
    const final = await storage.addons.findSubscriptionAddOn(subscriptionId, addOn.id);
    expect(final?.status).toBe('active');
    expect(results.filter((r) => r.quantity === final?.quantity).length).toBe(1);
  });
});
