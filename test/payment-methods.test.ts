import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QZPayCreatePaymentMethodInput } from '../src/contract/inputs.js';
import {
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
} from '../src/contract/errors.js';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import { forEachDialect } from './harness/index.js';

async function newCustomer(storage: QZPayDrizzleStorageHandle): Promise<string> {
  const id = randomUUID();
  return (await storage.customers.create({ externalId: id, email: `${id}@x.io` })).id;
}

function method(customerId: string, overrides: Partial<QZPayCreatePaymentMethodInput & { id: string }> = {}): QZPayCreatePaymentMethodInput & { id: string } {
  return { id: randomUUID(), customerId, type: 'card', provider: 'stripe', providerPaymentMethodId: `pm_${randomUUID()}`, ...overrides };
}

/** A storage whose clock the test moves by hand. */
async function clocked(open: (o: { now: () => Date }) => Promise<QZPayDrizzleStorageHandle>, start: string) {
  const clock = { now: new Date(start) };
  const storage = await open({ now: () => clock.now });
  return { storage, clock, tick: (ms = 1000) => (clock.now = new Date(clock.now.getTime() + ms)) };
}

const ADDRESS = { line1: 'Av. 1', line2: null, city: 'Montevideo', state: null, postalCode: '11000', country: 'UY' };

forEachDialect('payment methods', (ctx) => {
  describe('create', () => {
    it('stores contract defaults and reads them back', async () => {
      const { open } = ctx();
      const { storage, clock } = await clocked(open, '2026-02-03T04:05:06.007Z');
      const test = await open({ livemode: false, now: () => clock.now });
      const customerId = await newCustomer(storage);
      const input = method(customerId, { provider: 'acme-pay', providerPaymentMethodId: 'tok_1' });
      const created = await test.paymentMethods.create(input);
      const expected = {
        id: input.id,
        customerId,
        type: 'card',
        status: 'active',
        isDefault: false,
        card: null,
        bankAccount: null,
        billingDetails: null,
        providerPaymentMethodIds: { 'acme-pay': 'tok_1' },
        metadata: {},
        livemode: false,
        createdAt: clock.now,
        updatedAt: clock.now,
      };
      expect(created).toStrictEqual(expected);
      expect(await storage.paymentMethods.findById(input.id)).toStrictEqual(expected);
    });

    it('normalises partial billing details to a complete object and keeps metadata', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const input = method(customerId, {
        type: 'sepa_debit',
        billingDetails: { email: 'a@x.io', address: { city: 'Lima' } as typeof ADDRESS, extra: 'dropped' } as NonNullable<QZPayCreatePaymentMethodInput['billingDetails']>,
        metadata: { a: 1, gone: undefined },
      });
      const created = await storage.paymentMethods.create(input);
      const details = {
        name: null,
        email: 'a@x.io',
        phone: null,
        address: { line1: null, line2: null, city: 'Lima', state: null, postalCode: null, country: null },
      };
      expect(created.billingDetails).toStrictEqual(details);
      expect(created.metadata).toStrictEqual({ a: 1 });
      expect((await storage.paymentMethods.findById(input.id))?.billingDetails).toStrictEqual(details);
      const empty = await storage.paymentMethods.create(method(customerId, { billingDetails: {} }));
      expect(empty.billingDetails).toStrictEqual({ name: null, email: null, phone: null, address: null });
    });

    it('setAsDefault flags only the new row; other defaults are left for setDefault', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const first = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      const second = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      expect(second.isDefault).toBe(true);
      expect((await storage.paymentMethods.findById(first.id))?.isDefault).toBe(true);
    });

    it('rejects unknown customers, duplicate ids and bad values without writing', async () => {
      const { storage, count } = ctx();
      const customerId = await newCustomer(storage);
      const existing = await storage.paymentMethods.create(method(customerId));
      const before = await count('billing_payment_methods');
      await expect(storage.paymentMethods.create(method(randomUUID()))).rejects.toBeInstanceOf(QZPayForeignKeyError);
      await expect(storage.paymentMethods.create(method(customerId, { id: existing.id }))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
      const bad: Array<[Record<string, unknown>, string]> = [
        [{ type: 'paypal' }, 'type'],
        [{ provider: '' }, 'provider'],
        [{ providerPaymentMethodId: 7 }, 'providerPaymentMethodId'],
        [{ billingDetails: { name: 42 } }, 'billingDetails.name'],
        [{ billingDetails: { address: 'Main St' } }, 'billingDetails.address'],
        [{ billingDetails: { address: { city: 1 } } }, 'billingDetails.address.city'],
        [{ billingDetails: 'x' }, 'billingDetails'],
        [{ metadata: [1] }, 'metadata'],
        [{ setAsDefault: 'yes' }, 'setAsDefault'],
      ];
      for (const [overrides, field] of bad) {
        const attempt = storage.paymentMethods.create({ ...method(customerId), ...overrides } as QZPayCreatePaymentMethodInput & { id: string });
        await expect(attempt).rejects.toBeInstanceOf(QZPayValidationError);
        await expect(attempt).rejects.toMatchObject({ field });
      }
      expect(await count('billing_payment_methods')).toBe(before);
    });
  });

  describe('update', () => {
    it('merges billing details key by key, an explicit null overwrites, metadata is replaced', async () => {
      const { open } = ctx();
      const { storage, clock, tick } = await clocked(open, '2026-02-03T00:00:00.000Z');
      const customerId = await newCustomer(storage);
      const created = await storage.paymentMethods.create(
        method(customerId, { billingDetails: { name: 'Ana', email: 'ana@x.io', address: ADDRESS }, metadata: { old: true } }),
      );
      tick(1500);
      const updated = await storage.paymentMethods.update(created.id, { billingDetails: { email: null, phone: '+598' }, metadata: { new: 1 } });
      const expected = {
        ...created,
        billingDetails: { name: 'Ana', email: null, phone: '+598', address: ADDRESS },
        metadata: { new: 1 },
        updatedAt: clock.now,
      };
      expect(updated).toStrictEqual(expected);
      expect(await storage.paymentMethods.findById(created.id)).toStrictEqual(expected);

      // `address` is one key: a new address replaces the stored one whole (missing keys null).
      const moved = await storage.paymentMethods.update(created.id, { billingDetails: { address: { city: 'Salto' } as typeof ADDRESS } });
      expect(moved.billingDetails).toStrictEqual({
        name: 'Ana',
        email: null,
        phone: '+598',
        address: { line1: null, line2: null, city: 'Salto', state: null, postalCode: null, country: null },
      });
      expect(moved.metadata).toStrictEqual({ new: 1 });
      const cleared = await storage.paymentMethods.update(created.id, { billingDetails: { address: null, name: null } });
      expect(cleared.billingDetails).toStrictEqual({ name: null, email: null, phone: '+598', address: null });
    });

    it('completes details on a method created without them and keeps untouched fields', async () => {
      const { open } = ctx();
      const { storage, clock, tick } = await clocked(open, '2026-02-04T00:00:00.000Z');
      const customerId = await newCustomer(storage);
      const created = await storage.paymentMethods.create(method(customerId, { setAsDefault: true, metadata: { k: 'v' } }));
      tick();
      const updated = await storage.paymentMethods.update(created.id, { billingDetails: { name: 'Bo' } });
      expect(updated).toStrictEqual({
        ...created,
        billingDetails: { name: 'Bo', email: null, phone: null, address: null },
        updatedAt: clock.now,
      });
      tick();
      const touched = await storage.paymentMethods.update(created.id, {});
      expect(touched).toStrictEqual({ ...updated, updatedAt: clock.now });
    });

    it('keeps every key when four partial updates race', async () => {
      const s = await ctx().open({ poolSize: 10 });
      const customerId = await newCustomer(s);
      for (let round = 0; round < 5; round++) {
        const created = await s.paymentMethods.create(method(customerId));
        const tag = `r${round}`;
        await Promise.all([
          s.paymentMethods.update(created.id, { billingDetails: { name: `${tag}-name` } }),
          s.paymentMethods.update(created.id, { billingDetails: { email: `${tag}@x.io` } }),
          s.paymentMethods.update(created.id, { billingDetails: { phone: `${tag}-phone` } }),
          s.paymentMethods.update(created.id, { billingDetails: { address: ADDRESS } }),
        ]);
        expect((await s.paymentMethods.findById(created.id))?.billingDetails).toStrictEqual({
          name: `${tag}-name`,
          email: `${tag}@x.io`,
          phone: `${tag}-phone`,
          address: ADDRESS,
        });
      }
    });

    it('rejects missing and deleted methods and bad details without writing', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const created = await storage.paymentMethods.create(method(customerId, { billingDetails: { name: 'Keep' } }));
      await expect(storage.paymentMethods.update(randomUUID(), { metadata: {} })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.paymentMethods.update(randomUUID(), { billingDetails: { name: 'x' } })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.paymentMethods.update(created.id, { billingDetails: { name: 5 } } as never)).rejects.toBeInstanceOf(QZPayValidationError);
      expect(await storage.paymentMethods.findById(created.id)).toStrictEqual(created);
      await storage.paymentMethods.delete(created.id);
      await expect(storage.paymentMethods.update(created.id, { metadata: {} })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.paymentMethods.update(created.id, { billingDetails: { name: 'x' } })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    });
  });

  describe('delete', () => {
    it('soft-deletes: hidden from every read, kept in the table, a second delete rejects', async () => {
      const { storage, count, open } = ctx();
      const customerId = await newCustomer(storage);
      const kept = await storage.paymentMethods.create(method(customerId));
      const gone = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      const before = await count('billing_payment_methods');
      await storage.paymentMethods.delete(gone.id);
      expect(await count('billing_payment_methods')).toBe(before);
      expect(await storage.paymentMethods.findById(gone.id)).toBeNull();
      expect((await storage.paymentMethods.findByCustomerId(customerId)).map((m) => m.id)).toEqual([kept.id]);
      expect(await storage.paymentMethods.findDefaultByCustomerId(customerId)).toBeNull();
      expect((await storage.paymentMethods.list({ filters: { customerId } })).data.map((m) => m.id)).toEqual([kept.id]);
      await expect(storage.paymentMethods.delete(gone.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      await expect(storage.paymentMethods.delete(randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
      // Not livemode-scoped: another adapter deletes it too.
      await (await open({ livemode: false })).paymentMethods.delete(kept.id);
      expect(await storage.paymentMethods.findByCustomerId(customerId)).toEqual([]);
    });
  });

  describe('reads', () => {
    it('findById resolves null for unknown, malformed and over-long ids', async () => {
      const { storage } = ctx();
      expect(await storage.paymentMethods.findById(randomUUID())).toBeNull();
      expect(await storage.paymentMethods.findById('nope')).toBeNull();
      expect(await storage.paymentMethods.findById('x'.repeat(400))).toBeNull();
    });

    it('findByCustomerId returns the customer methods of any livemode, newest first', async () => {
      const { open } = ctx();
      const { storage, clock, tick } = await clocked(open, '2026-03-01T00:00:00.000Z');
      const other = await newCustomer(storage);
      const customerId = await newCustomer(storage);
      await storage.paymentMethods.create(method(other));
      const test = await open({ livemode: false, now: () => clock.now });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        tick();
        const input = method(customerId);
        ids.push(input.id);
        await (i === 3 ? test : storage).paymentMethods.create(input);
      }
      const found = await storage.paymentMethods.findByCustomerId(customerId);
      expect(found.map((m) => m.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
      expect(found.map((m) => m.livemode)).toEqual([false, true, true, true]);
      expect(await storage.paymentMethods.findByCustomerId(randomUUID())).toEqual([]);
    });

    it('findDefaultByCustomerId: null without a default, else the most recently created flagged method', async () => {
      const { open } = ctx();
      const { storage, tick } = await clocked(open, '2026-03-02T00:00:00.000Z');
      const customerId = await newCustomer(storage);
      await storage.paymentMethods.create(method(customerId));
      expect(await storage.paymentMethods.findDefaultByCustomerId(customerId)).toBeNull();
      tick();
      const older = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      tick();
      const newer = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      tick();
      await storage.paymentMethods.create(method(customerId));
      expect(await storage.paymentMethods.findDefaultByCustomerId(customerId)).toStrictEqual(newer);
      await storage.paymentMethods.delete(newer.id);
      expect(await storage.paymentMethods.findDefaultByCustomerId(customerId)).toStrictEqual(older);
    });

    it('list is scoped to the adapter livemode, excludes deleted rows and pages', async () => {
      const { storage, open } = ctx();
      const test = await open({ livemode: false });
      const customerId = await newCustomer(storage);
      const live = [];
      for (let i = 0; i < 5; i++) live.push(await storage.paymentMethods.create(method(customerId, { type: i % 2 ? 'card' : 'ideal' })));
      const testOnly = await test.paymentMethods.create(method(customerId));
      await storage.paymentMethods.delete(live[0]!.id);
      const page = await storage.paymentMethods.list({ filters: { customerId }, limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 4, limit: 2, offset: 1, hasMore: true });
      const ideal = await storage.paymentMethods.list({ filters: { customerId, type: 'ideal' } });
      expect(ideal.data.map((m) => m.id).sort()).toEqual([live[2]!.id, live[4]!.id].sort());
      expect((await test.paymentMethods.list({ filters: { customerId } })).data.map((m) => m.id)).toEqual([testOnly.id]);
    });
  });

  describe('listPage', () => {
    it('walks live, non-deleted methods of the adapter livemode once each, newest first', async () => {
      const { open } = ctx();
      const { storage, tick } = await clocked(open, '2026-05-01T00:00:00.000Z');
      const test = await open({ livemode: false });
      const customerId = await newCustomer(storage);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        tick();
        ids.push((await storage.paymentMethods.create(method(customerId))).id);
      }
      await storage.paymentMethods.delete(ids[2]!);
      await test.paymentMethods.create(method(customerId));
      const first = await storage.paymentMethods.listPage({ limit: 4, filters: { customerId } });
      expect(first.data.map((m) => m.id)).toEqual([ids[5], ids[4], ids[3], ids[1]]);
      const second = await storage.paymentMethods.listPage({ limit: 4, filters: { customerId }, after: first.nextCursor! });
      expect(second).toEqual({ data: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    });
  });

  describe('setDefault', () => {
    it('flags the target, clears the others and bumps updatedAt only on changed rows', async () => {
      const { open } = ctx();
      const { storage, clock, tick } = await clocked(open, '2026-04-01T00:00:00.000Z');
      const customerId = await newCustomer(storage);
      const a = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      const b = await storage.paymentMethods.create(method(customerId));
      const c = await storage.paymentMethods.create(method(customerId));
      const otherCustomer = await newCustomer(storage);
      const foreign = await storage.paymentMethods.create(method(otherCustomer, { setAsDefault: true }));
      tick();
      await storage.paymentMethods.setDefault(customerId, b.id);
      expect(await storage.paymentMethods.findById(a.id)).toStrictEqual({ ...a, isDefault: false, updatedAt: clock.now });
      expect(await storage.paymentMethods.findById(b.id)).toStrictEqual({ ...b, isDefault: true, updatedAt: clock.now });
      expect(await storage.paymentMethods.findById(c.id)).toStrictEqual(c);
      expect(await storage.paymentMethods.findById(foreign.id)).toStrictEqual(foreign);
      expect((await storage.paymentMethods.findDefaultByCustomerId(customerId))?.id).toBe(b.id);
      // Already the default: nothing changes, not even updatedAt.
      const stamped = clock.now;
      tick();
      await storage.paymentMethods.setDefault(customerId, b.id);
      expect((await storage.paymentMethods.findById(b.id))?.updatedAt).toEqual(stamped);
    });

    it('clears several flagged rows left by create(setAsDefault)', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      const target = await storage.paymentMethods.create(method(customerId));
      await storage.paymentMethods.setDefault(customerId, target.id);
      const flagged = (await storage.paymentMethods.findByCustomerId(customerId)).filter((m) => m.isDefault);
      expect(flagged.map((m) => m.id)).toEqual([target.id]);
    });

    it("rejects another customer's, a deleted and an unknown method, leaving the default intact", async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const otherCustomer = await newCustomer(storage);
      const current = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      const deleted = await storage.paymentMethods.create(method(customerId));
      await storage.paymentMethods.delete(deleted.id);
      const foreign = await storage.paymentMethods.create(method(otherCustomer));
      for (const target of [foreign.id, deleted.id, randomUUID(), 'x'.repeat(100)]) {
        const attempt = storage.paymentMethods.setDefault(customerId, target);
        await expect(attempt).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
        await expect(attempt).rejects.toMatchObject({ entityId: target });
      }
      expect(await storage.paymentMethods.findDefaultByCustomerId(customerId)).toStrictEqual(current);
      expect(await storage.paymentMethods.findById(foreign.id)).toStrictEqual(foreign);
      expect(await storage.paymentMethods.findDefaultByCustomerId(otherCustomer)).toBeNull();
    });

    it('ten concurrent setDefault calls end with exactly one default', async () => {
      const s = await ctx().open({ poolSize: 10 });
      const customerId = await newCustomer(s);
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await s.paymentMethods.create(method(customerId, { setAsDefault: i === 0 }))).id);
      for (let round = 0; round < 5; round++) {
        const results = await Promise.allSettled(ids.map((id) => s.paymentMethods.setDefault(customerId, id)));
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        const flagged = (await s.paymentMethods.findByCustomerId(customerId)).filter((m) => m.isDefault);
        expect(flagged.length).toBe(1);
        expect(ids).toContain(flagged[0]?.id);
      }
    });

    it('ten concurrent host transactions adding a method and making it default all commit', async () => {
      const s = await ctx().open({ poolSize: 10 });
      const customerId = await newCustomer(s);
      for (let round = 0; round < 3; round++) {
        const ids = Array.from({ length: 10 }, () => randomUUID());
        const results = await Promise.allSettled(
          ids.map((id) =>
            s.transaction(async () => {
              await s.paymentMethods.create(method(customerId, { id }));
              await s.paymentMethods.setDefault(customerId, id);
            }),
          ),
        );
        // No deadlock victim: create takes the customer lock before its foreign-key check.
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        const flagged = (await s.paymentMethods.findByCustomerId(customerId)).filter((m) => m.isDefault);
        expect(flagged.length).toBe(1);
        expect(ids).toContain(flagged[0]?.id);
      }
      expect((await s.paymentMethods.findByCustomerId(customerId)).length).toBe(30);
    });

    it('rolls back with a failing surrounding transaction', async () => {
      const { storage } = ctx();
      const customerId = await newCustomer(storage);
      const current = await storage.paymentMethods.create(method(customerId, { setAsDefault: true }));
      const next = await storage.paymentMethods.create(method(customerId));
      const boom = new Error('boom');
      await expect(
        storage.transaction(async () => {
          await storage.paymentMethods.setDefault(customerId, next.id);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await storage.paymentMethods.findDefaultByCustomerId(customerId)).toStrictEqual(current);
      expect(await storage.paymentMethods.findById(next.id)).toStrictEqual(next);
    });
  });
});
