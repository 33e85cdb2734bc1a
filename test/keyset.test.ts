/** `listPage` (keyset pagination): stable order, no duplicates or gaps, ties broken by id. */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { QZPayDrizzleStorage } from '../src/contract/extensions.js';
import { QZPayValidationError } from '../src/contract/errors.js';
import { forEachDialect } from './harness/index.js';

forEachDialect('keyset pagination', (ctx) => {
  const tag = randomUUID().slice(0, 8);
  let storage: QZPayDrizzleStorage;
  let ids: string[];
  beforeAll(async () => {
    // 45 customers on 15 distinct timestamps: every timestamp is shared by 3 rows (ties).
    let tick = 0;
    storage = await ctx().open({ livemode: false, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(tick++ / 3))) });
    ids = [];
    for (let i = 0; i < 45; i++) {
      const c = await storage.customers.create({ externalId: `${tag}-${i}`, email: `k${String(i).padStart(2, '0')}@${tag}.io` });
      ids.push(c.id);
    }
  });

  async function all(options: { orderBy?: string; orderDirection?: 'asc' | 'desc'; limit: number }) {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await storage.customers.listPage({ ...options, ...(after ? { after } : {}) });
      seen.push(...page.data.map((c) => c.id));
      pages++;
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    return { seen, pages };
  }

  it('walks every row exactly once, newest first, ties broken by id', async () => {
    const { seen, pages } = await all({ limit: 10 });
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(pages).toBe(5);
    const list = await storage.customers.list({ limit: 100 });
    expect(seen).toEqual(list.data.map((c) => c.id));
  });

  it('orders by a whitelisted column in both directions', async () => {
    const asc = await all({ orderBy: 'email', orderDirection: 'asc', limit: 7 });
    const byEmail = [...ids].sort((a, b) => ids.indexOf(a) - ids.indexOf(b));
    expect(asc.seen).toEqual(byEmail);
    const desc = await all({ orderBy: 'email', orderDirection: 'desc', limit: 7 });
    expect(desc.seen).toEqual([...byEmail].reverse());
  });

  it('falls back to createdAt for unknown or JSON order columns and rejects forged cursors', async () => {
    const fallback = await all({ orderBy: 'metadata', limit: 20 });
    expect(fallback.seen).toEqual((await all({ limit: 20 })).seen);
    await expect(storage.customers.listPage({ after: 'not-a-cursor' })).rejects.toBeInstanceOf(QZPayValidationError);
  });

  it('is offered by every collection that lists', async () => {
    for (const name of ['customers', 'subscriptions', 'checkouts', 'addons', 'webhookEvents'] as const) {
      const page = await storage[name].listPage({ limit: 1 });
      expect(Array.isArray(page.data)).toBe(true);
    }
  });
});
