/**
 * `storage.lagTolerant` on a database without replicas: the same list views as the storage's own,
 * on every dialect (the replica routing itself is tested on a real standby in test/topologies).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { lagTolerantCollections } from '../src/adapter/lag-tolerant.js';
import { forEachDialect } from './harness/index.js';

forEachDialect('storage.lagTolerant without replicas', (ctx) => {
  it('list and listPage answer exactly what the storage itself answers', async () => {
    const { storage } = ctx();
    const made = await Promise.all([1, 2, 3].map(() => storage.customers.create({ externalId: randomUUID(), email: 'lt@x.io' })));
    const own = await storage.customers.list({ limit: 1000 });
    expect(await storage.lagTolerant.customers.list({ limit: 1000 })).toEqual(own);
    expect(await storage.lagTolerant.customers.listPage({ limit: 2 })).toEqual(await storage.customers.listPage({ limit: 2 }));
    expect(own.data.map((c) => c.id)).toEqual(expect.arrayContaining(made.map((c) => c.id)));
  });

  it('offers list and listPage, and nothing else, for each of the 12 paged collections', () => {
    const { storage } = ctx();
    expect(Object.keys(storage.lagTolerant).sort()).toEqual([...lagTolerantCollections].sort());
    expect(lagTolerantCollections).toHaveLength(12);
    for (const name of lagTolerantCollections) expect(Object.keys(storage.lagTolerant[name]).sort()).toEqual(['list', 'listPage']);
  });
});
