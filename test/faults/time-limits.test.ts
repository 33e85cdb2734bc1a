/**
 * Nothing waits forever (issue 10 §3). On every driver, with one hung `transaction()` callback
 * per pool connection (a pool of 2; the one connection of a single-connection driver):
 * - an unrelated create and findById complete within the configured limits;
 * - each hung transaction rejects with QZPayTransactionTimeoutError and its rows are absent;
 * - a statement the stale callback issues after its timeout rejects with that same error and
 *   writes nothing, although another transaction may now hold the connection it ran on;
 * - with every connection held, `transaction()` gives up after `maxWaitMs` (QZPayLockTimeoutError)
 *   without running its callback, and the connection it was late to receive goes back;
 * - `connect()`'s `statementTimeoutMs` cuts a long statement and `lockTimeoutMs` a lock wait.
 *
 * better-sqlite3, postgres-js and mysql2 run through forEachDialect (as `connect()` opens them);
 * PGlite, libsql and a node-postgres Pool are built as in transactions.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle, type QZPayDrizzleStorageOptions } from '../../src/adapter/factory.js';
import { connect, type Connected } from '../../src/connect.js';
import { QZPayLockTimeoutError, QZPayTransactionTimeoutError } from '../../src/contract/errors.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { migrate } from '../../src/migrate/index.js';
import { translateError } from '../../src/repositories/errors.js';
import { forEachDialect, needsServer } from '../harness/index.js';
import { within } from './support.js';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';

/** The transaction limit of the hung-callback cases, and how long a waiting caller may wait. */
const TX_MS = 300;
const WAIT_MS = 3_000;

interface Subject {
  /** A storage on the subject's client with these options (the client is shared, options are not). */
  storage(options: QZPayDrizzleStorageOptions): QZPayDrizzleStorageHandle;
  /** Connections the client can hand to transactions at once. */
  readonly connections: number;
}

/** Resolves once `n` callbacks have called the returned `arrived`. */
function rendezvous(n: number): { arrived(): void; all: Promise<void> } {
  let count = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  return {
    arrived() {
      if (++count === n) done();
    },
    all,
  };
}

const never = new Promise<never>(() => undefined);

function timeLimitCases(subject: () => Subject): void {
  it('one hung callback per connection: unrelated calls complete, the hung ones time out and leave no row', async () => {
    const { connections } = subject();
    const s = subject().storage({ transactionTimeoutMs: TX_MS, maxWaitMs: WAIT_MS });
    const tag = `hung-${randomUUID()}`;
    const existing = await s.customers.create({ externalId: `${tag}-existing`, email: 'e@hung.io' });
    const entered = rendezvous(connections);
    const hung = Array.from({ length: connections }, (_, i) =>
      s.transaction(async () => {
        await s.customers.create({ externalId: `${tag}-${i}`, email: `${i}@hung.io` });
        entered.arrived();
        await never;
      }),
    );
    const outcomes = Promise.allSettled(hung);
    await within(5_000, entered.all, 'the hung transactions starting');
    const started = Date.now();
    const [created, found] = await within(
      TX_MS + WAIT_MS + 2_000,
      Promise.all([s.customers.create({ externalId: `${tag}-unrelated`, email: 'u@hung.io' }), s.customers.findById(existing.id)]),
      'an unrelated create and findById',
    );
    const elapsed = Date.now() - started;
    expect(created.externalId).toBe(`${tag}-unrelated`);
    expect(found?.id).toBe(existing.id);
    expect(elapsed).toBeLessThan(TX_MS + WAIT_MS);
    const settled = await within(5_000, outcomes, 'the hung transactions');
    expect(settled.map((r) => r.status)).toEqual(Array(connections).fill('rejected'));
    for (const r of settled) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(QZPayTransactionTimeoutError);
    for (let i = 0; i < connections; i++) expect(await s.customers.findByExternalId(`${tag}-${i}`)).toBeNull();
    console.log(`[time-limits] ${connections} hung: unrelated create + findById settled in ${elapsed} ms (transactionTimeoutMs ${TX_MS})`);
  });

  it('a statement of the stale callback after its timeout rejects with that error and writes nothing', async () => {
    const s = subject().storage({ transactionTimeoutMs: TX_MS, maxWaitMs: WAIT_MS });
    const tag = `stale-${randomUUID()}`;
    let resume: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (resume = resolve));
    let reportLate: (outcome: unknown) => void = () => undefined;
    const late = new Promise<unknown>((resolve) => (reportLate = resolve));
    const stale = s.transaction(async () => {
      await s.customers.create({ externalId: `${tag}-before`, email: 'b@stale.io' });
      await gate;
      reportLate(await s.customers.create({ externalId: `${tag}-after`, email: 'a@stale.io' }).then(() => 'resolved', (e: unknown) => e));
    });
    const failure = await within(TX_MS + 3_000, stale.then(() => null, (e: unknown) => e), 'the timed-out transaction');
    expect(failure).toBeInstanceOf(QZPayTransactionTimeoutError);
    expect((failure as QZPayTransactionTimeoutError).timeoutMs).toBe(TX_MS);
    // Every connection is taken by new transactions while the stale callback resumes.
    const { connections } = subject();
    const holding = rendezvous(connections);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const others = Array.from({ length: connections }, (_, i) =>
      s.transaction(async () => {
        await s.customers.create({ externalId: `${tag}-other-${i}`, email: `${i}@other.io` });
        holding.arrived();
        await held;
      }),
    );
    await within(5_000, holding.all, 'the other transactions starting');
    resume();
    expect(await within(3_000, late, 'the stale statement')).toBe(failure);
    release();
    await within(5_000, Promise.all(others), 'the other transactions');
    expect(await s.customers.findByExternalId(`${tag}-before`)).toBeNull();
    expect(await s.customers.findByExternalId(`${tag}-after`)).toBeNull();
    for (let i = 0; i < connections; i++) expect((await s.customers.findByExternalId(`${tag}-other-${i}`))?.externalId).toBe(`${tag}-other-${i}`);
  });

  it('maxWaitMs: with every connection held, transaction() rejects without running its callback', async () => {
    const { connections } = subject();
    const waitMs = 200;
    const s = subject().storage({ transactionTimeoutMs: 10_000, maxWaitMs: waitMs });
    const tag = `wait-${randomUUID()}`;
    const holding = rendezvous(connections);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: connections }, (_, i) =>
      s.transaction(async () => {
        await s.customers.create({ externalId: `${tag}-${i}`, email: `${i}@wait.io` });
        holding.arrived();
        await held;
      }),
    );
    await within(5_000, holding.all, 'the holders starting');
    let ran = 0;
    const started = Date.now();
    const failure = await within(
      5_000,
      s.transaction(async () => {
        ran++;
        await s.customers.create({ externalId: `${tag}-waiter`, email: 'w@wait.io' });
      }).then(() => null, (e: unknown) => e),
      'the waiting transaction',
    );
    const elapsed = Date.now() - started;
    release();
    await within(5_000, Promise.all(holders), 'the holders');
    expect(failure).toBeInstanceOf(QZPayLockTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(waitMs - 5);
    expect(elapsed).toBeLessThan(waitMs + 1_500);
    expect(ran).toBe(0);
    expect(await s.customers.findByExternalId(`${tag}-waiter`)).toBeNull();
    // Nothing leaked: every connection serves a transaction again, all at once.
    const again = await within(
      5_000,
      Promise.all(Array.from({ length: connections }, (_, i) => s.transaction(() => s.customers.create({ externalId: `${tag}-again-${i}`, email: 'x@wait.io' })))),
      'transactions after the wait',
    );
    expect(again).toHaveLength(connections);
  });
}

forEachDialect('faults: time limits', (ctx, target) => {
  const storages = new Map<string, QZPayDrizzleStorageHandle>();
  let connected: Connected | null = null;
  beforeAll(async () => {
    // Servers: a pool of 2 opened by connect(); SQLite and PGlite: the harness's one connection.
    connected = target.serverUrl === null ? null : await connect(ctx().db.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await connected?.close();
  });
  timeLimitCases(() => ({
    connections: target.serverUrl === null ? 1 : 2,
    storage(options) {
      const key = JSON.stringify(options);
      let found = storages.get(key);
      if (!found) {
        found = createQZPayDrizzleStorage(connected?.db ?? ctx().db.main.db, options);
        storages.set(key, found);
      }
      return found;
    },
  }));

  // PGlite (WebAssembly, no timer signals) lets pg_sleep run its full length.
  it.skipIf(needsServer(target))('statementTimeoutMs (connect): a long statement is cut and reads as QZPayLockTimeoutError', async () => {
    const c = ctx();
    // better-sqlite3 runs a statement synchronously on the event loop: nothing can interrupt it
    // (the package has no sqlite3_interrupt / progress handler), so SQLite has no statement limit.
    if (c.dialect === 'sqlite') return;
    const limited = await connect(c.db.url, { poolSize: 1, statementTimeoutMs: 300 });
    try {
      const { driver, strategy } = resolveDatabase(limited.db);
      const started = Date.now();
      const error = await within(
        5_000,
        driver.root.all(c.dialect === 'pg' ? 'select pg_sleep(3)' : 'select sleep(3)', []).then(() => null, (e: unknown) => e),
        'the long statement',
      );
      const elapsed = Date.now() - started;
      expect(translateError(strategy.classifyError(error), 'statement', error)).toBeInstanceOf(QZPayLockTimeoutError);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(2_000);
      // The session carries on.
      expect(await driver.root.all('select 1', [])).toEqual([[1]]);
    } finally {
      await limited.close();
    }
  });

  it.skipIf(needsServer(target))('lockTimeoutMs (connect): an update waiting on a held row gets QZPayLockTimeoutError', async () => {
    const c = ctx();
    const file = `/tmp/qzpay_tl_${randomUUID()}.sqlite`;
    // SQLite locks the whole file: the holder is another connection to one database file.
    const holderConn = c.dialect === 'sqlite' ? await connect(`sqlite:${file}`) : null;
    if (holderConn) await migrate(holderConn.db);
    const holder = holderConn?.storage ?? c.storage;
    // MariaDB's innodb_lock_wait_timeout counts whole seconds (at least 1).
    const lockTimeoutMs = c.dialect === 'mysql' ? 1_000 : 200;
    const waiterConn = await connect(c.dialect === 'sqlite' ? `sqlite:${file}` : c.db.url, { poolSize: 1, lockTimeoutMs });
    try {
      const row = await holder.customers.create({ externalId: `lock-${randomUUID()}`, email: 'l@lock.io' });
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked: () => void = () => undefined;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = holder.transaction(async () => {
        await holder.customers.update(row.id, { name: 'holder' });
        locked();
        await held;
      });
      await isLocked;
      const started = Date.now();
      const failure = await within(10_000, waiterConn.storage.customers.update(row.id, { name: 'waiter' }).then(() => null, (e: unknown) => e), 'the waiting update');
      const elapsed = Date.now() - started;
      release();
      await holding;
      expect(failure).toBeInstanceOf(QZPayLockTimeoutError);
      expect(elapsed).toBeLessThan(lockTimeoutMs + 2_000);
      expect(await holder.customers.findById(row.id)).toMatchObject({ name: 'holder', version: 2 });
    } finally {
      await waiterConn.close();
      await holderConn?.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    }
  });
});

/** The other drivers: one client each, on a fresh migrated database. */
function extraDriver(name: string, connections: number, open: () => Promise<{ db: QZPayDrizzleDatabase; close: () => Promise<void> }>): void {
  describe(`faults: time limits [${name}]`, () => {
    let opened: { db: QZPayDrizzleDatabase; close: () => Promise<void> } | undefined;
    const storages = new Map<string, QZPayDrizzleStorageHandle>();
    beforeAll(async () => {
      opened = await open();
      await migrate(opened.db);
    });
    afterAll(async () => {
      await opened?.close();
    });
    timeLimitCases(() => ({
      connections,
      storage(options) {
        const key = JSON.stringify(options);
        let found = storages.get(key);
        if (!found) {
          found = createQZPayDrizzleStorage(opened!.db, options);
          storages.set(key, found);
        }
        return found;
      },
    }));
  });
}

extraDriver('pglite', 1, async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite();
  return { db: drizzle({ client }), close: () => client.close() };
});

extraDriver('libsql', 1, async () => {
  const { createClient } = await import('@libsql/client');
  const { drizzle } = await import('drizzle-orm/libsql');
  const file = `/tmp/qzpay_tl_libsql_${randomUUID()}.db`;
  const client = createClient({ url: `file:${file}` });
  return {
    db: drizzle({ client }),
    close: async () => {
      client.close();
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
});

const pgUrl = process.env['QZPAY_TEST_PG_URL'];
if (pgUrl) {
  extraDriver('node-postgres', 2, async () => {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { createEmptyDatabase } = await import('../harness/database.js');
    const empty = await createEmptyDatabase({ name: 'pg', serverUrl: pgUrl });
    const pool = new pg.Pool({ connectionString: empty.url, max: 2 });
    // Destroyed connections and other files' terminated backends surface as idle-client errors.
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
