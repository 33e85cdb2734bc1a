import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  QZPayForeignKeyError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
  type QZPayEntitlement,
  type QZPaySourceType,
} from '../src/contract/index.js';
import { forEachDialect, type DialectContext } from './harness/index.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const DAY = 86_400_000;

function definition(key: string, over: Partial<QZPayEntitlement> = {}): QZPayEntitlement {
  return {
    id: randomUUID(),
    key,
    name: `Feature ${key}`,
    description: null,
    createdAt: new Date('2029-05-06T07:08:09.123Z'),
    updatedAt: new Date('2029-05-06T07:08:09.456Z'),
    ...over,
  };
}

/** Rows of the grants table for a customer, straight from SQL (expired ones included). */
async function grantRows(ctx: DialectContext, customerId: string): Promise<number> {
  const rows = await ctx.query(`select count(*) from billing_customer_entitlements where customer_id = '${customerId}'`);
  return Number(rows[0]?.[0]);
}

forEachDialect('entitlements', (ctx) => {
  /** A storage whose clock the test moves; starts at T0. */
  let clock = T0;
  const clocked = () => ctx().open({ now: () => clock });
  const newCustomer = async () => (await ctx().storage.customers.create({ externalId: randomUUID(), email: 'e@x.io' })).id;

  it('stores definitions verbatim, finds them by key, rejects a duplicate key', async () => {
    const { storage } = ctx();
    const key = `feat-${randomUUID()}`;
    const def = definition(key, { description: 'Exports to CSV ✓' });
    expect(await storage.entitlements.createDefinition(def)).toEqual(def);
    expect(await storage.entitlements.findDefinitionByKey(key)).toEqual(def);
    expect(await storage.entitlements.findDefinitionByKey(`${key}-missing`)).toBeNull();
    expect(await storage.entitlements.findDefinitionByKey(key.toUpperCase())).toBeNull();

    const before = await ctx().count('billing_entitlements');
    await expect(storage.entitlements.createDefinition(definition(key))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    await expect(storage.entitlements.createDefinition({ ...definition(`${key}-2`), id: def.id })).rejects.toBeInstanceOf(
      QZPayUniqueConstraintError,
    );
    expect(await ctx().count('billing_entitlements')).toBe(before);
  });

  it('lists every definition in byte order of the key, on every dialect', async () => {
    const { storage } = ctx();
    const p = `ord-${randomUUID()}-`;
    for (const k of ['b', 'a', 'B', '_', 'aa', 'é']) await storage.entitlements.createDefinition(definition(p + k));
    const keys = (await storage.entitlements.listDefinitions()).map((d) => d.key).filter((k) => k.startsWith(p));
    expect(keys).toEqual(['B', '_', 'a', 'aa', 'b', 'é'].map((k) => p + k));
    // Definitions are not livemode-aware.
    const test = await ctx().open({ livemode: false });
    expect((await test.entitlements.listDefinitions()).filter((d) => d.key.startsWith(p))).toHaveLength(6);
  });

  it('grants with the contract defaults and passes sourceId through', async () => {
    clock = T0;
    const s = await clocked();
    const customerId = await newCustomer();
    expect(await s.entitlements.grant({ customerId, entitlementKey: 'api' })).toEqual({
      customerId,
      entitlementKey: 'api',
      grantedAt: T0,
      expiresAt: null,
      source: 'manual',
      sourceId: null,
    });
    const sourceId = `plan_${randomUUID()}`;
    const granted = await s.entitlements.grant({
      customerId,
      entitlementKey: 'export',
      expiresAt: at(DAY + 7),
      source: 'subscription',
      sourceId,
    });
    expect(granted).toEqual({ customerId, entitlementKey: 'export', grantedAt: T0, expiresAt: at(DAY + 7), source: 'subscription', sourceId });
    expect(await s.entitlements.findByCustomerId(customerId)).toEqual([
      { customerId, entitlementKey: 'api', grantedAt: T0, expiresAt: null, source: 'manual', sourceId: null },
      granted,
    ]);
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    await expect(storage.entitlements.grant({ customerId: randomUUID(), entitlementKey: 'api' })).rejects.toBeInstanceOf(
      QZPayForeignKeyError,
    );
    await expect(
      storage.entitlements.grant({ customerId, entitlementKey: 'api', source: 'gift' as QZPaySourceType }),
    ).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(
      storage.entitlements.grant({ customerId, entitlementKey: 'api', expiresAt: new Date(Number.NaN) }),
    ).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.entitlements.grant({ customerId, entitlementKey: 'k'.repeat(192) })).rejects.toBeInstanceOf(
      QZPayValidationError,
    );
    await expect(
      storage.entitlements.grant({ customerId, entitlementKey: 'api', sourceId: 's'.repeat(192) }),
    ).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await grantRows(ctx(), customerId)).toBe(0);
  });

  it('extends an active expiring grant only to a later expiry, keeping grantedAt', async () => {
    clock = T0;
    const s = await clocked();
    const customerId = await newCustomer();
    const key = 'reports';
    await s.entitlements.grant({ customerId, entitlementKey: key, expiresAt: at(10 * DAY), source: 'purchase', sourceId: 'p1' });
    clock = at(DAY);
    // Later expiry: extended, source and sourceId replaced, grantedAt unchanged.
    expect(await s.entitlements.grant({ customerId, entitlementKey: key, expiresAt: at(20 * DAY), source: 'addon' })).toEqual({
      customerId,
      entitlementKey: key,
      grantedAt: T0,
      expiresAt: at(20 * DAY),
      source: 'addon',
      sourceId: null,
    });
    // Earlier or equal expiry: the existing grant comes back unchanged.
    const unchanged = { customerId, entitlementKey: key, grantedAt: T0, expiresAt: at(20 * DAY), source: 'addon', sourceId: null };
    expect(await s.entitlements.grant({ customerId, entitlementKey: key, expiresAt: at(5 * DAY), sourceId: 'x' })).toEqual(unchanged);
    expect(await s.entitlements.grant({ customerId, entitlementKey: key, expiresAt: at(20 * DAY), sourceId: 'x' })).toEqual(unchanged);
    // One millisecond later is later.
    expect((await s.entitlements.grant({ customerId, entitlementKey: key, expiresAt: at(20 * DAY + 1) })).expiresAt).toEqual(at(20 * DAY + 1));
    // No expiry on the input: the grant becomes permanent, with the input's source (default manual).
    expect(await s.entitlements.grant({ customerId, entitlementKey: key, sourceId: 'sub_9', source: 'subscription' })).toEqual({
      customerId,
      entitlementKey: key,
      grantedAt: T0,
      expiresAt: null,
      source: 'subscription',
      sourceId: 'sub_9',
    });
    expect(await s.entitlements.findByCustomerId(customerId)).toHaveLength(1);
    expect(await grantRows(ctx(), customerId)).toBe(1);
  });

  it('never shortens a permanent grant, but re-grants without expiry replace its source', async () => {
    clock = T0;
    const s = await clocked();
    const customerId = await newCustomer();
    const permanent = await s.entitlements.grant({ customerId, entitlementKey: 'sso', source: 'purchase', sourceId: 'ord_1' });
    clock = at(DAY);
    expect(await s.entitlements.grant({ customerId, entitlementKey: 'sso', expiresAt: at(400 * DAY), source: 'addon' })).toEqual(permanent);
    expect(await s.entitlements.grant({ customerId, entitlementKey: 'sso' })).toEqual({
      ...permanent,
      source: 'manual',
      sourceId: null,
    });
  });

  it('replaces an expired grant by a fresh one (one row per customer and key)', async () => {
    clock = T0;
    const s = await clocked();
    const customerId = await newCustomer();
    await s.entitlements.grant({ customerId, entitlementKey: 'beta', expiresAt: at(DAY), source: 'purchase', sourceId: 'old' });
    // Expiry is exclusive: at exactly expiresAt the grant is over.
    clock = at(DAY - 1);
    expect(await s.entitlements.check(customerId, 'beta')).toBe(true);
    clock = at(DAY);
    expect(await s.entitlements.check(customerId, 'beta')).toBe(false);
    expect(await s.entitlements.findByCustomerId(customerId)).toEqual([]);
    // The expired grant is replaced: new grantedAt and terms, whatever the old expiry was.
    clock = at(2 * DAY);
    expect(await s.entitlements.grant({ customerId, entitlementKey: 'beta', expiresAt: at(3 * DAY) })).toEqual({
      customerId,
      entitlementKey: 'beta',
      grantedAt: at(2 * DAY),
      expiresAt: at(3 * DAY),
      source: 'manual',
      sourceId: null,
    });
    expect(await s.entitlements.check(customerId, 'beta')).toBe(true);
    expect(await grantRows(ctx(), customerId)).toBe(1);
  });

  it('checks, revokes and revokes by source', async () => {
    clock = T0;
    const s = await clocked();
    const [a, b] = [await newCustomer(), await newCustomer()];
    const sourceId = randomUUID();
    await s.entitlements.grant({ customerId: a, entitlementKey: 'x', source: 'subscription', sourceId });
    await s.entitlements.grant({ customerId: a, entitlementKey: 'y', source: 'subscription', sourceId, expiresAt: at(DAY) });
    await s.entitlements.grant({ customerId: b, entitlementKey: 'x', source: 'subscription', sourceId });
    await s.entitlements.grant({ customerId: b, entitlementKey: 'z', source: 'addon', sourceId });
    await s.entitlements.grant({ customerId: b, entitlementKey: 'w', source: 'subscription', sourceId: 'other' });
    expect(await s.entitlements.check(a, 'x')).toBe(true);
    expect(await s.entitlements.check(a, 'nope')).toBe(false);
    expect(await s.entitlements.check(randomUUID(), 'x')).toBe(false);

    // Expired grants are deleted too (a's `y` is over by then).
    clock = at(2 * DAY);
    expect(await s.entitlements.revokeBySource('subscription', sourceId)).toBe(3);
    expect(await s.entitlements.revokeBySource('subscription', sourceId)).toBe(0);
    expect(await grantRows(ctx(), a)).toBe(0);
    expect((await s.entitlements.findByCustomerId(b)).map((g) => g.entitlementKey)).toEqual(['w', 'z']);

    await s.entitlements.revoke(b, 'z');
    await s.entitlements.revoke(b, 'z');
    await s.entitlements.revoke(randomUUID(), 'z');
    expect(await s.entitlements.check(b, 'z')).toBe(false);
    expect(await s.entitlements.check(b, 'w')).toBe(true);
    // An expired grant is revoked as well.
    await s.entitlements.grant({ customerId: b, entitlementKey: 'old', expiresAt: at(2 * DAY + 1) });
    clock = at(3 * DAY);
    await s.entitlements.revoke(b, 'old');
    expect(await grantRows(ctx(), b)).toBe(1);
  });

  it('finds non-expired grants only, ordered by key, in any livemode', async () => {
    clock = T0;
    const s = await clocked();
    const test = await ctx().open({ livemode: false, now: () => clock });
    const customerId = await newCustomer();
    await test.entitlements.grant({ customerId, entitlementKey: 'b', expiresAt: at(DAY) });
    await s.entitlements.grant({ customerId, entitlementKey: 'a' });
    await s.entitlements.grant({ customerId, entitlementKey: 'c', expiresAt: at(2 * DAY) });
    await s.entitlements.grant({ customerId, entitlementKey: 'B' });
    expect((await s.entitlements.findByCustomerId(customerId)).map((g) => g.entitlementKey)).toEqual(['B', 'a', 'b', 'c']);
    expect(await test.entitlements.check(customerId, 'a')).toBe(true);
    clock = at(DAY);
    expect((await s.entitlements.findByCustomerId(customerId)).map((g) => g.entitlementKey)).toEqual(['B', 'a', 'c']);
    expect(await s.entitlements.findByCustomerId(randomUUID())).toEqual([]);
    expect(await s.entitlements.findByCustomerId('not-a-uuid'.repeat(10))).toEqual([]);
  });

  it('joins an outer transaction: a rollback undoes the grant', async () => {
    const { storage } = ctx();
    const customerId = await newCustomer();
    const boom = new Error('boom');
    await expect(
      storage.transaction(async () => {
        await storage.entitlements.grant({ customerId, entitlementKey: 'tx' });
        expect(await storage.entitlements.check(customerId, 'tx')).toBe(true);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.entitlements.check(customerId, 'tx')).toBe(false);
  });

  it('100 concurrent grants of one key leave exactly one row with the latest expiry', async () => {
    clock = T0;
    const s = await ctx().open({ poolSize: 10, now: () => clock });
    const customerId = await newCustomer();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        s.entitlements.grant({ customerId, entitlementKey: 'race', expiresAt: at(DAY + i * 1000), sourceId: `s${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await grantRows(ctx(), customerId)).toBe(1);
    expect(await s.entitlements.findByCustomerId(customerId)).toEqual([
      { customerId, entitlementKey: 'race', grantedAt: T0, expiresAt: at(DAY + 99_000), source: 'manual', sourceId: 's99' },
    ]);
  });

  it('100 concurrent identical permanent grants resolve the same grant', async () => {
    clock = T0;
    const s = await ctx().open({ poolSize: 10, now: () => clock });
    const customerId = await newCustomer();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => s.entitlements.grant({ customerId, entitlementKey: 'same', source: 'addon', sourceId: 'a1' })),
    );
    const expected = { customerId, entitlementKey: 'same', grantedAt: T0, expiresAt: null, source: 'addon', sourceId: 'a1' };
    expect(results).toEqual(Array.from({ length: 100 }, () => expected));
    expect(await grantRows(ctx(), customerId)).toBe(1);
  });

  it('grants racing revokes never fail and never leave a second row', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const customerId = await newCustomer();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0 ? s.entitlements.grant({ customerId, entitlementKey: 'flip' }) : s.entitlements.revoke(customerId, 'flip'),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await s.entitlements.grant({ customerId, entitlementKey: 'flip' });
    expect(await grantRows(ctx(), customerId)).toBe(1);
  });
});
