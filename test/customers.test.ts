import { describe, expect, it } from 'vitest';
import { QZPayEntityNotFoundError, QZPayOptimisticLockError } from '../src/contract/errors.js';
import { forEachDialect } from './harness/index.js';

forEachDialect('customers', (ctx) => {
  it('creates with contract defaults and finds it back', async () => {
    const { storage } = ctx();
    const created = await storage.customers.create({ externalId: 'u-1', email: 'Ana@Example.com', name: 'Ana 🧾' });
    expect(created).toMatchObject({
      externalId: 'u-1',
      email: 'Ana@Example.com',
      name: 'Ana 🧾',
      phone: null,
      providerCustomerIds: {},
      metadata: {},
      livemode: true,
      deletedAt: null,
      version: 1,
    });
    expect(created).not.toHaveProperty('savedCards');
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const found = await storage.customers.findById(created.id);
    expect(found).toEqual(created);
    expect(await storage.customers.findByEmail('ana@EXAMPLE.com')).toEqual(created);
    expect(await storage.customers.findByExternalId('u-1')).toEqual(created);
  });

  it('merges provider ids by key and keeps unknown providers', async () => {
    const { storage } = ctx();
    const c = await storage.customers.create({ externalId: 'u-2', email: 'b@x.io' });
    await storage.customers.update(c.id, { providerCustomerIds: { stripe: 'cus_1', acme: 'a-1' } });
    const updated = await storage.customers.update(c.id, { providerCustomerIds: { mercadopago: 'mp_1' }, metadata: { a: 1, gone: undefined } });
    expect(updated.providerCustomerIds).toEqual({ stripe: 'cus_1', acme: 'a-1', mercadopago: 'mp_1' });
    expect(updated.metadata).toEqual({ a: 1 });
    expect(updated.version).toBe(3);
  });

  it('rejects a stale expectedVersion and writes nothing', async () => {
    const { storage } = ctx();
    const c = await storage.customers.create({ externalId: 'u-3', email: 'c@x.io' });
    await expect(storage.customers.update(c.id, { name: 'x' }, { expectedVersion: 7 })).rejects.toBeInstanceOf(QZPayOptimisticLockError);
    expect((await storage.customers.findById(c.id))?.name).toBeNull();
  });

  it('soft-deletes, hides and rejects further updates', async () => {
    const { storage } = ctx();
    const c = await storage.customers.create({ externalId: 'u-4', email: 'd@x.io' });
    await storage.customers.delete(c.id);
    expect(await storage.customers.findById(c.id)).toBeNull();
    await expect(storage.customers.update(c.id, { name: 'x' })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(storage.customers.delete(c.id)).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    expect(await storage.customers.findById('x'.repeat(400))).toBeNull();
  });

  it('rolls back a failed transaction and keeps the same error object', async () => {
    const { storage, count } = ctx();
    const before = await count('billing_customers');
    const boom = new Error('boom');
    await expect(
      storage.transaction(async () => {
        await storage.customers.create({ externalId: 'tx', email: 'tx@x.io' });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count('billing_customers')).toBe(before);
  });

  describe('list', () => {
    it('pages newest first with totals', async () => {
      const { storage } = ctx();
      const page = await storage.customers.list({ limit: 2 });
      expect(page.limit).toBe(2);
      expect(page.offset).toBe(0);
      expect(page.data.length).toBe(2);
      expect(page.hasMore).toBe(page.total > 2);
    });
  });
});
