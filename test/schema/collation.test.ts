/**
 * Issue 12 §7: string order must not depend on how the PostgreSQL database was created. The
 * PostgreSQL target here is a database whose default collation is ICU `en-US` (what most managed
 * services give), built by the real migrations; SQLite and MariaDB are the usual test databases.
 * Every finder and list that orders by text (or breaks ties on the id) must return the same
 * code-point order on all three: `A, B, Z, _x, a, aa, b, é`.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { connect, type Connected } from '../../src/connect.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createTestDatabase } from '../harness/database.js';
import { availableTargets, type Target } from '../harness/targets.js';

/** Deliberately shuffled; code point order is the expected one. */
const KEYS = ['b', '_x', 'B', 'é', 'a', 'Z', 'A', 'aa'];
const CODE_POINT_ORDER = ['A', 'B', 'Z', '_x', 'a', 'aa', 'b', 'é'];
const AT = new Date('2032-04-05T06:07:08.009Z');

interface Opened {
  readonly storage: QZPayDrizzleStorageHandle;
  readonly raw: (sql: string) => Promise<unknown[][]>;
  close(): Promise<void>;
}

/** PostgreSQL: a fresh database with an ICU en-US default collation, migrated by `migrate()`. */
async function openIcuPg(serverUrl: string): Promise<Opened> {
  const name = `qzpay_icu_${randomBytes(6).toString('hex')}`;
  const admin = await connect(serverUrl, { poolSize: 1 });
  const root = resolveDatabase(admin.db).driver.root;
  let main: Connected | undefined;
  try {
    await root.control(`create database ${name} locale_provider icu icu_locale 'en-US' template template0`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    main = await connect(url.toString(), { poolSize: 2, now: () => AT });
    await migrate(main.db);
  } catch (error) {
    await main?.close();
    await root.control(`drop database if exists ${name} with (force)`);
    await admin.close();
    throw error;
  }
  const opened = main;
  return {
    storage: opened.storage,
    raw: (sql) => resolveDatabase(opened.db).driver.root.all(sql, []),
    async close() {
      await opened.close();
      await root.control(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

async function open(target: Target): Promise<Opened> {
  if (target.name === 'pg' && target.serverUrl !== null) return openIcuPg(target.serverUrl);
  const db = await createTestDatabase(target);
  const { createQZPayDrizzleStorage } = await import('../../src/adapter/factory.js');
  return {
    storage: createQZPayDrizzleStorage(db.main.db, { now: () => AT }),
    raw: (sql) => db.driver.root.all(sql, []),
    close: () => db.drop(),
  };
}

/** What each dialect returned, compared across dialects by the last suite. */
const observed = new Map<string, Record<string, string[]>>();

for (const target of availableTargets()) {
  const icu = target.name === 'pg' && target.serverUrl !== null;
  // PGlite is built with the C locale only: it runs the same lists, without the ICU database.
  describe(`string order [${target.label ?? target.name}${icu ? ', ICU en-US database' : ''}]`, () => {
    let db: Opened | undefined;
    const results: Record<string, string[]> = {};
    const storage = (): QZPayDrizzleStorageHandle => {
      if (!db) throw new Error('database not ready');
      return db.storage;
    };
    const record = (name: string, values: string[]): string[] => {
      results[name] = values;
      return values;
    };
    beforeAll(async () => {
      db = await open(target);
    }, 120_000);
    afterAll(async () => {
      observed.set(target.label ?? target.name, results);
      await db?.close();
    }, 60_000);

    if (icu) {
      it('really is a database whose default collation orders case-insensitively-ish', async () => {
        const rows = await db!.raw(
          `select daticulocale, (select string_agg(x, ',' order by x) from (values ('a'), ('A'), ('_x'), ('b'), ('B')) v(x)) ` +
            `from pg_database where datname = current_database()`,
        );
        // Without the pinned column collation, this is the order the library's lists would give.
        expect(rows).toEqual([['en-US', '_x,a,A,b,B']]);
      });
    }

    it('vendors.list orderBy name, both directions', async () => {
      for (const k of KEYS) {
        await storage().vendors.create({ id: `v-${k}`, externalId: `ext-${k}`, name: k, email: `${k}@v.io` });
      }
      const asc = await storage().vendors.list({ orderBy: 'name', orderDirection: 'asc', limit: 100 });
      expect(record('vendors.list asc', asc.data.map((v) => v.name))).toEqual(CODE_POINT_ORDER);
      const desc = await storage().vendors.list({ orderBy: 'name', orderDirection: 'desc', limit: 100 });
      expect(record('vendors.list desc', desc.data.map((v) => v.name))).toEqual([...CODE_POINT_ORDER].reverse());
    });

    it('vendors.listPage by name walks the same order page by page (keyset comparisons)', async () => {
      const names: string[] = [];
      let after: string | null = null;
      do {
        const page: { data: Array<{ name: string }>; nextCursor: string | null } = await storage().vendors.listPage({
          orderBy: 'name',
          orderDirection: 'asc',
          limit: 3,
          ...(after ? { after } : {}),
        });
        names.push(...page.data.map((v) => v.name));
        after = page.nextCursor;
      } while (after !== null);
      expect(record('vendors.listPage asc', names)).toEqual(CODE_POINT_ORDER);
    });

    it('ties break on the id in code point order (vendors.list by a shared createdAt)', async () => {
      const page = await storage().vendors.list({ orderBy: 'createdAt', orderDirection: 'asc', limit: 100 });
      expect(record('vendors.list createdAt tie', page.data.map((v) => v.id))).toEqual(CODE_POINT_ORDER.map((k) => `v-${k}`));
    });

    it('customers.list orderBy email and name', async () => {
      for (const k of KEYS) await storage().customers.create({ externalId: `c-${k}`, email: `${k}@c.io`, name: k });
      const byEmail = await storage().customers.list({ orderBy: 'email', orderDirection: 'asc', limit: 100 });
      expect(record('customers.list email', byEmail.data.map((c) => c.email))).toEqual(CODE_POINT_ORDER.map((k) => `${k}@c.io`));
      const byName = await storage().customers.list({ orderBy: 'name', orderDirection: 'desc', limit: 100 });
      expect(record('customers.list name desc', byName.data.map((c) => c.name ?? ''))).toEqual([...CODE_POINT_ORDER].reverse());
    });

    it('plans.list orderBy name', async () => {
      for (const k of KEYS) await storage().plans.create({ id: `p-${k}`, name: k });
      const page = await storage().plans.list({ orderBy: 'name', orderDirection: 'asc', limit: 100 });
      expect(record('plans.list name', page.data.map((p) => p.name))).toEqual(CODE_POINT_ORDER);
    });

    it('prices.findByPlanId: equal amounts and times fall back to the id, so element 0 is the same price', async () => {
      const planId = 'p-A';
      for (const k of KEYS) {
        await storage().prices.create({ id: `${k}-price`, planId, currency: 'USD', unitAmount: 500, billingInterval: 'month' });
      }
      const prices = await storage().prices.findByPlanId(planId);
      expect(record('prices.findByPlanId', prices.map((p) => p.id))).toEqual(CODE_POINT_ORDER.map((k) => `${k}-price`));
    });

    it('prices.list orderBy nickname', async () => {
      for (const k of KEYS) {
        await storage().prices.create({ id: `n-${k}`, planId: 'p-B', nickname: k, currency: 'EUR', unitAmount: 1, billingInterval: 'year' });
      }
      const page = await storage().prices.list({ orderBy: 'nickname', orderDirection: 'asc', filters: { planId: 'p-B' }, limit: 100 });
      expect(record('prices.list nickname', page.data.map((p) => p.nickname ?? ''))).toEqual(CODE_POINT_ORDER);
    });

    it('entitlement and limit definitions list by key', async () => {
      for (const k of KEYS) {
        await storage().entitlements.createDefinition({ id: `e-${k}`, key: k, name: k, description: null, createdAt: AT, updatedAt: AT });
        await storage().limits.createDefinition({ id: `l-${k}`, key: k, name: k, description: null, defaultValue: 1, createdAt: AT, updatedAt: AT });
      }
      const entitlements = (await storage().entitlements.listDefinitions()).map((d) => d.key);
      expect(record('entitlements.listDefinitions', entitlements)).toEqual(CODE_POINT_ORDER);
      const limits = (await storage().limits.listDefinitions()).map((d) => d.key);
      expect(record('limits.listDefinitions', limits)).toEqual(CODE_POINT_ORDER);
    });
  });
}

describe('string order: identical on every dialect', () => {
  afterAll(() => observed.clear());
  it('every ordered finder and list returned the same sequence everywhere', () => {
    const [first, ...others] = [...observed.entries()];
    expect(first).toBeDefined();
    expect(Object.keys(first![1]).length).toBe(11);
    for (const [dialect, results] of others) expect({ dialect, results }).toEqual({ dialect, results: first![1] });
  });
});
