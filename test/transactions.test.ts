/**
 * `transaction(fn)` (docs/contract.md §1.2): real atomicity through the async context, on the
 * three dialects of the matrix and on the other supported drivers (node-postgres, PGlite, libsql).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import { migrate } from '../src/migrate/index.js';
import { forEachDialect } from './harness/index.js';
import type { QZPayDrizzleDatabase } from '../src/dialect/database.js';

interface Subject {
  storage: QZPayDrizzleStorageHandle;
  /** A second storage on other connections of the same database (null: single-connection driver). */
  other: QZPayDrizzleStorageHandle | null;
  count(table: string): Promise<number>;
  /** The Drizzle database behind `storage`, for building a second storage on the same client. */
  db: QZPayDrizzleDatabase;
}

async function customerSubscriptionPayment(storage: QZPayDrizzleStorageHandle, tag: string) {
  const customer = await storage.customers.create({ externalId: `tx-${tag}`, email: `${tag}@tx.io` });
  const subscription = await storage.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-basic' });
  const now = new Date();
  const payment = await storage.payments.create({
    id: randomUUID(),
    customerId: customer.id,
    subscriptionId: subscription.id,
    invoiceId: null,
    amount: 1999,
    currency: 'USD',
    status: 'pending',
    paymentMethodId: null,
    providerPaymentIds: {},
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: true,
    createdAt: now,
    updatedAt: now,
  });
  return { customer, subscription, payment };
}

function transactionCases(subject: () => Subject): void {
  it('a throw after writing a customer, a subscription and a payment leaves zero rows and rethrows the same error', async () => {
    const { storage, count } = subject();
    const before = await Promise.all(['billing_customers', 'billing_subscriptions', 'billing_payments'].map(count));
    const boom = new Error('provider call failed');
    await expect(
      storage.transaction(async () => {
        await customerSubscriptionPayment(storage, randomUUID());
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await Promise.all(['billing_customers', 'billing_subscriptions', 'billing_payments'].map(count))).toEqual(before);
  });

  it('commits and resolves with exactly the value fn produced', async () => {
    const { storage } = subject();
    const tag = randomUUID();
    const result = await storage.transaction(async () => customerSubscriptionPayment(storage, tag));
    expect(await storage.payments.findById(result.payment.id)).toEqual(result.payment);
    expect((await storage.customers.findByExternalId(`tx-${tag}`))?.id).toBe(result.customer.id);
  });

  it('a nested transaction that fails rolls back to its savepoint and keeps the outer work', async () => {
    const { storage } = subject();
    const inner = new Error('inner');
    const outerId = await storage.transaction(async () => {
      const outer = await storage.customers.create({ externalId: `outer-${randomUUID()}`, email: 'o@tx.io' });
      await expect(
        storage.transaction(async () => {
          await storage.customers.update(outer.id, { name: 'changed inside' });
          await storage.customers.create({ externalId: 'inner-only', email: 'i@tx.io' });
          throw inner;
        }),
      ).rejects.toBe(inner);
      await storage.customers.update(outer.id, { phone: '+1 555' });
      return outer.id;
    });
    const outer = await storage.customers.findById(outerId);
    expect(outer?.name).toBeNull();
    expect(outer?.phone).toBe('+1 555');
    expect(await storage.customers.findByExternalId('inner-only')).toBeNull();
  });

  it('concurrent transactions do not see each other\'s uncommitted rows', async () => {
    const { storage, other } = subject();
    const peer = other ?? storage;
    const tag = randomUUID();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const writer = storage.transaction(async () => {
      await storage.customers.create({ externalId: `iso-${tag}`, email: 'iso@tx.io' });
      written();
      await gate;
      throw new Error('rolled back on purpose');
    });
    if (other) {
      await wrote;
      // Another connection, outside the writer's transaction: the row is not visible.
      expect(await peer.customers.findByExternalId(`iso-${tag}`)).toBeNull();
      expect(await peer.transaction(() => peer.customers.findByExternalId(`iso-${tag}`))).toBeNull();
    }
    release();
    await expect(writer).rejects.toThrow('rolled back on purpose');
    expect(await peer.customers.findByExternalId(`iso-${tag}`)).toBeNull();
  });

  it('a write issued outside a transaction while one is open survives that transaction\'s rollback', async () => {
    const { storage } = subject();
    const tag = randomUUID();
    let wrote!: () => void;
    const hasWritten = new Promise<void>((r) => (wrote = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = storage.transaction(async () => {
      await storage.customers.create({ externalId: `in-${tag}`, email: 'in@tx.io' });
      wrote();
      await gate;
      throw new Error('rollback');
    });
    await hasWritten;
    // This call comes from the test's own async chain, not from inside `fn`: another caller.
    // Single-connection drivers queue it behind the transaction instead of running it inside.
    const outside = storage.customers.create({ externalId: `out-${tag}`, email: 'out@tx.io' });
    setTimeout(release, 20);
    await expect(tx).rejects.toThrow('rollback');
    await outside;
    expect(await storage.customers.findByExternalId(`in-${tag}`)).toBeNull();
    expect(await storage.customers.findByExternalId(`out-${tag}`)).not.toBeNull();
  });
}

/** Issue 10 §1: a savepoint rollback undoes only the work of its own block. */
function savepointCases(subject: () => Subject): void {
  it('a failing nested transaction beside a sibling write in Promise.all leaves the sibling committed', async () => {
    const { storage } = subject();
    const tag = randomUUID();
    const boom = new Error('sibling failed');
    const outcome = await storage.transaction(async () => {
      const [failed, b] = await Promise.all([
        storage
          .transaction(async () => {
            await storage.customers.create({ externalId: `a-${tag}`, email: 'a@tx.io' });
            throw boom;
          })
          .catch((error: unknown) => error),
        storage.customers.create({ externalId: `b-${tag}`, email: 'b@tx.io' }),
      ]);
      return { failed, b };
    });
    expect(outcome.failed).toBe(boom);
    expect((await storage.customers.findByExternalId(`b-${tag}`))?.id).toBe(outcome.b.id);
    expect(await storage.customers.findByExternalId(`a-${tag}`)).toBeNull();
  });

  it('a failing invoices.create beside 20 concurrent customers.create in one transaction leaves 20 of 20', async () => {
    const { storage } = subject();
    const tag = randomUUID();
    const results = await storage.transaction(async () =>
      Promise.allSettled([
        storage.invoices.create({ id: randomUUID(), customerId: randomUUID(), lines: [{ description: 'x', quantity: 1, unitAmount: 100 }] }),
        // Spread over the invoice's life so some land while its savepoint is open.
        ...Array.from({ length: 20 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, i));
          return storage.customers.create({ externalId: `c${i}-${tag}`, email: `c${i}@tx.io` });
        }),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', ...Array<string>(20).fill('fulfilled')]);
    let found = 0;
    for (let i = 0; i < 20; i++) if (await storage.customers.findByExternalId(`c${i}-${tag}`)) found++;
    console.log(`[savepoints] ${found} of 20 customers kept beside a failing invoice`);
    expect(found).toBe(20);
  });

  it('nested inside nested: a failing grandchild keeps its concurrent parent-level sibling and the outer work', async () => {
    const { storage } = subject();
    const tag = randomUUID();
    const boom = new Error('grandchild failed');
    await storage.transaction(async () => {
      await storage.customers.create({ externalId: `outer-${tag}`, email: 'o@tx.io' });
      await storage.transaction(async () => {
        const [failed] = await Promise.all([
          storage
            .transaction(async () => {
              await storage.customers.create({ externalId: `grand-${tag}`, email: 'g@tx.io' });
              throw boom;
            })
            .catch((error: unknown) => error),
          storage.customers.create({ externalId: `child-${tag}`, email: 'c@tx.io' }),
        ]);
        expect(failed).toBe(boom);
      });
    });
    expect(await storage.customers.findByExternalId(`outer-${tag}`)).not.toBeNull();
    expect(await storage.customers.findByExternalId(`child-${tag}`)).not.toBeNull();
    expect(await storage.customers.findByExternalId(`grand-${tag}`)).toBeNull();
  });
}

/** Issue 10 §2: the transaction belongs to the client, so every storage on it joins. */
function sharedClientCases(subject: () => Subject): void {
  it('a storage with the other livemode on the same client runs inside the open transaction, commit and rollback alike', async () => {
    const { storage, db } = subject();
    const test = createQZPayDrizzleStorage(db, { livemode: false });
    const tag = randomUUID();
    const committed = await storage.transaction(async () => {
      const live = await storage.customers.create({ externalId: `live-${tag}`, email: 'l@tx.io' });
      const sandbox = await test.customers.create({ externalId: `test-${tag}`, email: 't@tx.io' });
      return { live, sandbox };
    });
    expect((await test.customers.findByExternalId(`test-${tag}`))?.id).toBe(committed.sandbox.id);
    expect((await storage.customers.findByExternalId(`live-${tag}`))?.id).toBe(committed.live.id);
    const boom = new Error('both undone');
    await expect(
      storage.transaction(async () => {
        await storage.customers.create({ externalId: `live2-${tag}`, email: 'l@tx.io' });
        await test.customers.create({ externalId: `test2-${tag}`, email: 't@tx.io' });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await test.customers.findByExternalId(`test2-${tag}`)).toBeNull();
    expect(await storage.customers.findByExternalId(`live2-${tag}`)).toBeNull();
  });
}

forEachDialect('transactions', (ctx, target) => {
  let other: QZPayDrizzleStorageHandle | null = null;
  beforeAll(async () => {
    // In-process databases (SQLite, PGlite) are one connection: there is no second session.
    other = target.serverUrl === null ? null : await ctx().open({ poolSize: 2 });
  });
  const subject = (): Subject => ({ storage: ctx().storage, other, count: ctx().count, db: ctx().db.main.db });
  transactionCases(subject);
  savepointCases(subject);
  sharedClientCases(subject);
});

/** The other supported drivers, each on a fresh database built by `migrate()`. */
function extraDriver(name: string, open: () => Promise<{ db: QZPayDrizzleDatabase; close: () => Promise<void> }>): void {
  describe(`transactions [${name}]`, () => {
    let opened: { db: QZPayDrizzleDatabase; close: () => Promise<void> } | undefined;
    let storage: QZPayDrizzleStorageHandle;
    beforeAll(async () => {
      opened = await open();
      await migrate(opened.db);
      storage = createQZPayDrizzleStorage(opened.db);
    });
    afterAll(async () => {
      await opened?.close();
    });
    const subject = (): Subject => ({
      storage,
      other: null,
      db: opened!.db,
      count: async (table) => (await storage.transaction(async () => 0)) + (await countVia(opened!.db, table)),
    });
    transactionCases(subject);
    savepointCases(subject);
    sharedClientCases(subject);
  });
}

async function countVia(db: QZPayDrizzleDatabase, table: string): Promise<number> {
  const { resolveDatabase } = await import('../src/dialect/index.js');
  return Number((await resolveDatabase(db).driver.root.all(`select count(*) from ${table}`, []))[0]?.[0]);
}

extraDriver('pglite', async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite();
  return { db: drizzle({ client }), close: () => client.close() };
});

extraDriver('libsql', async () => {
  const { createClient } = await import('@libsql/client');
  const { drizzle } = await import('drizzle-orm/libsql');
  const client = createClient({ url: `file:/tmp/qzpay_libsql_${randomUUID()}.db` });
  return { db: drizzle({ client }), close: async () => client.close() };
});

const pgUrl = process.env['QZPAY_TEST_PG_URL'];
if (pgUrl) {
  extraDriver('node-postgres', async () => {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { createEmptyDatabase } = await import('./harness/database.js');
    const empty = await createEmptyDatabase({ name: 'pg', serverUrl: pgUrl });
    const pool = new pg.Pool({ connectionString: empty.url, max: 4 });
    // node-postgres raises 'error' on idle clients the server drops (another test file may
    // terminate backends): a host must listen for it, and so does this test.
    pool.on('error', () => undefined);
    return {
      db: drizzle({ client: pool }),
      close: async () => {
        await pool.end();
        await empty.drop();
      },
    };
  });
}
