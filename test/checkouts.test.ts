import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import type { QZPayCheckoutSession } from '../src/contract/index.js';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/errors.js';
import { type DialectContext, forEachDialect } from './harness/index.js';
import { repositoriesFor } from './harness/repos.js';

const T = new Date('2026-03-04T05:06:07.089Z');
const at = (ms: number) => new Date(T.getTime() + ms);

/** A payment row straight through the repository (its collection is not under test here). */
async function insertPayment(ctx: DialectContext, customerId: string): Promise<string> {
  const repos = repositoriesFor(ctx.db.main.db, { now: () => T });
  const id = randomUUID();
  await repos.payments.insert({
    id, customerId, subscriptionId: null, invoiceId: null, amount: 1000, currency: 'USD', status: 'succeeded',
    paymentMethodId: null, providerPaymentIds: {}, failureCode: null, failureMessage: null, metadata: {},
    livemode: true, version: 1, createdAt: T, updatedAt: T,
  });
  return id;
}

/** A session the way core builds one (§3.13), with ms-precision dates. */
function session(overrides: Partial<QZPayCheckoutSession> = {}): QZPayCheckoutSession {
  return {
    id: randomUUID(), customerId: null, customerEmail: 'buyer@x.io', mode: 'payment', status: 'open', currency: 'ARS',
    lineItems: [
      { priceId: 'price_1', quantity: 2, unitAmount: 1999, currency: 'ARS', title: 'Plan 🧾', description: 'd', categoryId: 'c' },
      { quantity: 1 },
    ],
    successUrl: 'https://shop.example/ok?x=1&y=2', cancelUrl: 'https://shop.example/cancel', expiresAt: at(30 * 60_000),
    paymentId: null, subscriptionId: null, providerSessionIds: {}, metadata: { source: 'web', n: 3, ok: true, none: null },
    livemode: true, createdAt: T, completedAt: null, ...overrides,
  };
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

forEachDialect('checkouts', (ctx) => {
  async function customer(storage: QZPayDrizzleStorageHandle = ctx().storage): Promise<string> {
    return (await storage.customers.create({ externalId: randomUUID(), email: 'c@x.io' })).id;
  }

  it('persists exactly the supplied session without touching the argument', async () => {
    const { storage } = ctx();
    const input = session({ customerId: await customer(), providerSessionIds: { stripe: 'cs_1', acme: 'a' }, livemode: false });
    const snapshot = structuredClone(input);
    const created = await storage.checkouts.create(input);
    expect(input).toStrictEqual(snapshot);
    expect(created).toStrictEqual(snapshot);
    expect(created).not.toBe(input);
    expect(created.metadata).not.toBe(input.metadata);
    expect(created.lineItems).not.toBe(input.lineItems);
    // Livemode as supplied, even though this adapter is live (§6.1).
    expect(await storage.checkouts.findById(input.id)).toStrictEqual(snapshot);
  });

  it('drops undefined metadata keys on the way in', async () => {
    const { storage } = ctx();
    const created = await storage.checkouts.create(session({ metadata: { a: 1, gone: undefined } }));
    expect(created.metadata).toStrictEqual({ a: 1 });
    expect((await storage.checkouts.findById(created.id))?.metadata).toStrictEqual({ a: 1 });
  });

  it('rejects duplicates, unknown references and bad values, writing nothing', async () => {
    const { storage, count } = ctx();
    const before = await count('billing_checkouts');
    for (const ref of [{ customerId: randomUUID() }, { paymentId: randomUUID() }, { subscriptionId: randomUUID() }]) {
      await expect(storage.checkouts.create(session(ref))).rejects.toBeInstanceOf(QZPayForeignKeyError);
    }
    for (const bad of [{ status: 'done' }, { mode: 'rent' }, { currency: 'usd' }, { currency: 'JPY' }, { lineItems: {} },
      { id: 'x'.repeat(37) }, { expiresAt: new Date(Number.NaN) }, { providerSessionIds: { stripe: 7 } }, { livemode: 'yes' },
      { successUrl: 'bad\u0000url' }, { metadata: null }]) {
      await expect(storage.checkouts.create(session(bad as never))).rejects.toBeInstanceOf(QZPayValidationError);
    }
    expect(await count('billing_checkouts')).toBe(before);
    const s = session();
    await storage.checkouts.create(s);
    await expect(storage.checkouts.create(session({ id: s.id }))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect(await count('billing_checkouts')).toBe(before + 1);
  });

  it('update applies every supplied key but id, without bumping any timestamp', async () => {
    const { storage } = ctx();
    const customerId = await customer();
    const created = await storage.checkouts.create(session());
    const paymentId = await insertPayment(ctx(), customerId);
    const subscriptionId = (await storage.subscriptions.create({ id: randomUUID(), customerId, planId: 'p' })).id;
    const changes = {
      customerId, customerEmail: null, mode: 'subscription', status: 'complete', currency: 'USD', lineItems: [{ quantity: 3 }],
      successUrl: 'https://s2', cancelUrl: 'https://c2', expiresAt: at(61_001), paymentId, subscriptionId,
      metadata: { replaced: 'yes' }, livemode: false, completedAt: at(5_005), createdAt: at(-1),
    } satisfies Partial<QZPayCheckoutSession>;
    const updated = await storage.checkouts.update(created.id, { ...changes, id: 'other-id', unknownKey: 1 } as Partial<QZPayCheckoutSession>);
    const expected = { ...created, ...changes };
    expect(updated).toStrictEqual(expected);
    expect(await storage.checkouts.findById(created.id)).toStrictEqual(expected);
    expect(await storage.checkouts.findById('other-id')).toBeNull();
    expect(await storage.checkouts.update(created.id, {})).toStrictEqual(expected);
  });

  it('update merges provider ids by key and replaces metadata', async () => {
    const { storage } = ctx();
    const created = await storage.checkouts.create(session({ providerSessionIds: { acme: 'a-1' }, metadata: { a: 1, b: 2 } }));
    await storage.checkouts.update(created.id, { providerSessionIds: { stripe: 'cs_1' } });
    const updated = await storage.checkouts.update(created.id, {
      providerSessionIds: { stripe: 'cs_2', mercadopago: 'mp_1' }, metadata: { b: 3, gone: undefined },
    });
    expect(updated.providerSessionIds).toStrictEqual({ acme: 'a-1', stripe: 'cs_2', mercadopago: 'mp_1' });
    expect(updated.metadata).toStrictEqual({ b: 3 });
    expect(updated.createdAt).toStrictEqual(T);
    await expect(storage.checkouts.update(created.id, { status: 'gone' as never })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.checkouts.update(created.id, { expiresAt: null as never })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.checkouts.update(created.id, { paymentId: randomUUID() })).rejects.toBeInstanceOf(QZPayForeignKeyError);
    expect(await storage.checkouts.findById(created.id)).toStrictEqual(updated);
  });

  it('20 concurrent provider links on one session all survive', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const created = await s.checkouts.create(session());
    const keys = Array.from({ length: 20 }, (_, i) => `provider${i}`);
    await Promise.all(keys.map((k) => s.checkouts.update(created.id, { providerSessionIds: { [k]: `cs-${k}` } })));
    const found = await s.checkouts.findById(created.id);
    expect(found?.providerSessionIds).toStrictEqual(Object.fromEntries(keys.map((k) => [k, `cs-${k}`])));
  });

  it('missing ids: update rejects, findById resolves null', async () => {
    const { storage } = ctx();
    for (const id of [randomUUID(), 'x'.repeat(400), 'not-a-uuid']) {
      await expect(storage.checkouts.update(id, { status: 'expired' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.checkouts.update(id, {})).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      expect(await storage.checkouts.findById(id)).toBeNull();
    }
  });

  it('findByCustomerId: every session of the customer in any status and livemode, newest first', async () => {
    const { storage } = ctx();
    const customerId = await customer();
    const made: string[] = [];
    for (const [i, status] of (['open', 'complete', 'expired', 'open'] as const).entries()) {
      made.push((await storage.checkouts.create(session({ customerId, status, livemode: i % 2 === 0, createdAt: at(i * 1000) }))).id);
    }
    await storage.checkouts.create(session({ customerId: await customer(), createdAt: at(9_000) }));
    expect(ids(await storage.checkouts.findByCustomerId(customerId))).toStrictEqual([...made].reverse());
    expect(await storage.checkouts.findByCustomerId(randomUUID())).toStrictEqual([]);
    expect(await storage.checkouts.findByCustomerId('x'.repeat(400))).toStrictEqual([]);
  });

  describe('list', () => {
    it('is scoped to the adapter livemode, i.e. the livemode each session was stored with', async () => {
      const test = await ctx().open({ livemode: false });
      const customerId = await customer();
      const live = await ctx().storage.checkouts.create(session({ customerId, createdAt: at(1) }));
      const notLive = await ctx().storage.checkouts.create(session({ customerId, livemode: false, createdAt: at(2) }));
      expect(ids((await ctx().storage.checkouts.list({ filters: { customerId } })).data)).toStrictEqual([live.id]);
      expect(ids((await test.checkouts.list({ filters: { customerId } })).data)).toStrictEqual([notLive.id]);
      expect(await test.checkouts.findById(live.id)).toStrictEqual(live);
    });

    it('honours filters, whitelisted orderBy, offset and limit 10000 beyond 20 rows', async () => {
      const { storage } = ctx();
      const customerId = await customer();
      const made: QZPayCheckoutSession[] = [];
      for (let i = 0; i < 25; i++) {
        made.push(await storage.checkouts.create(session({
          customerId, status: i % 5 === 0 ? 'expired' : 'open', createdAt: at(i * 1000), expiresAt: at(100_000 - (i % 7) * 1000 - i),
        })));
      }
      const newest = ids([...made].reverse());
      const all = await storage.checkouts.list({ limit: 10_000, filters: { customerId, bogus: 1 } });
      expect([ids(all.data), all.total, all.limit, all.offset, all.hasMore]).toStrictEqual([newest, 25, 10_000, 0, false]);
      const first = await storage.checkouts.list({ filters: { customerId } });
      expect([ids(first.data), first.total, first.limit, first.hasMore]).toStrictEqual([newest.slice(0, 20), 25, 20, true]);
      const rest = await storage.checkouts.list({ filters: { customerId }, offset: 20 });
      expect([ids(rest.data), rest.hasMore]).toStrictEqual([newest.slice(20), false]);
      const expired = await storage.checkouts.list({ filters: { customerId, status: 'expired' } });
      expect([ids(expired.data), expired.total]).toStrictEqual([newest.filter((_, i) => (24 - i) % 5 === 0), 5]);
      const byExpiry = await storage.checkouts.list({ limit: 100, filters: { customerId }, orderBy: 'expiresAt', orderDirection: 'asc' });
      const sorted = [...made].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
      expect(ids(byExpiry.data)).toStrictEqual(ids(sorted));
      for (const orderBy of ['lineItems', 'metadata', '1; drop table billing_checkouts']) {
        expect(ids((await storage.checkouts.list({ limit: 100, filters: { customerId }, orderBy })).data)).toStrictEqual(newest);
      }
      const everything = await storage.checkouts.list({ limit: 10_000 });
      expect(everything.data.length).toBe(everything.total);
      expect(everything.data.every((s) => s.livemode)).toBe(true);
    });
  });
});
