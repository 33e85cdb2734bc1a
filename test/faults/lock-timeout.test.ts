/**
 * One transaction holds a row (updated, still open) while a storage with a short lock timeout
 * writes the same row: the waiter gets QZPayLockTimeoutError within a bounded time, nothing of
 * its work is left behind (its own transaction's earlier writes, an invoice number), the holder
 * commits untouched, and the waiting storage serves the next calls.
 *
 * Timeouts per dialect (all set per session, never globally on the shared servers):
 * - PostgreSQL: `lock_timeout` and `statement_timeout`, as startup options in the connection URL
 *   (`?options=-c lock_timeout=200`), which postgres.js passes through;
 * - MariaDB: `innodb_lock_wait_timeout` (1 s, its floor) and `max_statement_time`, by a `SET
 *   SESSION` on every new pool connection. `connect()` has no hook for session settings, so this
 *   file builds the mysql2 pool itself and hands the Drizzle database to the factory;
 * - SQLite: the equivalent is the busy timeout of a second connection to the same database file
 *   while the first holds the write lock (`PRAGMA busy_timeout = 200`).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseInvoiceNumber } from '../../src/adapter/collections/invoice-numbers.js';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { connect, type Connected } from '../../src/connect.js';
import { QZPayLockTimeoutError } from '../../src/contract/errors.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { migrate } from '../../src/migrate/index.js';
import { type DialectContext, forEachDialect, skipSuiteWithoutServer } from '../harness/index.js';
import { within } from './support.js';

type TimeoutKind = 'lock' | 'statement';

interface Opened {
  readonly storage: QZPayDrizzleStorageHandle;
  close(): Promise<void>;
}

async function mysqlWithSession(url: string, settings: string[]): Promise<Opened> {
  const mysql = await import('mysql2/promise');
  const { drizzle } = await import('drizzle-orm/mysql2');
  const pool = mysql.createPool({ uri: url, connectionLimit: 2, timezone: 'Z', charset: 'utf8mb4' });
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
    for (const statement of settings) conn.query(statement);
  });
  return { storage: createQZPayDrizzleStorage(drizzle({ client: pool })), close: () => pool.end() };
}

/** A storage on the same database whose waits for a row lock end quickly. */
async function openImpatient(c: DialectContext, kind: TimeoutKind, sqliteFile: string): Promise<Opened> {
  if (c.dialect === 'pg') {
    const url = new URL(c.db.url);
    url.searchParams.set('options', kind === 'lock' ? '-c lock_timeout=200' : '-c statement_timeout=300');
    const opened = await connect(url.toString(), { poolSize: 2 });
    return { storage: opened.storage, close: opened.close };
  }
  if (c.dialect === 'mysql') {
    return mysqlWithSession(c.db.url, [
      kind === 'lock' ? 'SET SESSION innodb_lock_wait_timeout = 1' : 'SET SESSION max_statement_time = 0.3',
    ]);
  }
  const opened = await connect(`sqlite:${sqliteFile}`);
  await resolveDatabase(opened.db).driver.root.control('PRAGMA busy_timeout = 200');
  return { storage: opened.storage, close: opened.close };
}

forEachDialect('faults: lock wait while another transaction holds the row', (ctx, target) => {
  if (skipSuiteWithoutServer(target, 'PGlite is one session: no second transaction can hold the row')) return;
  const sqliteFile = `/tmp/qzpay_locks_${randomUUID()}.sqlite`;
  /** The storage whose transaction holds the row (a file database of its own on SQLite). */
  let holder: QZPayDrizzleStorageHandle;
  let holderConnection: Connected | null = null;
  const impatient: Partial<Record<TimeoutKind, Opened>> = {};

  beforeAll(async () => {
    const c = ctx();
    if (c.dialect === 'sqlite') {
      holderConnection = await connect(`sqlite:${sqliteFile}`);
      await migrate(holderConnection.db);
      holder = holderConnection.storage;
    } else {
      holder = c.storage;
    }
    impatient.lock = await openImpatient(c, 'lock', sqliteFile);
    impatient.statement = await openImpatient(c, 'statement', sqliteFile);
  });
  afterAll(async () => {
    await impatient.lock?.close();
    await impatient.statement?.close();
    await holderConnection?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true });
  });

  /** Runs `whileHeld` while a transaction of the holder keeps `customerId` locked, then commits. */
  async function holding<T>(customerId: string, whileHeld: () => Promise<T>): Promise<T> {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held: () => void = () => undefined;
    const locked = new Promise<void>((resolve) => (held = resolve));
    const transaction = holder.transaction(async () => {
      await holder.customers.update(customerId, { name: 'holder' });
      held();
      await gate;
    });
    await locked;
    try {
      return await whileHeld();
    } finally {
      release();
      await transaction;
    }
  }

  for (const kind of ['lock', 'statement'] as const) {
    it(`${kind} timeout: a single update gets QZPayLockTimeoutError and the holder's write stands`, async () => {
      const waiter = impatient[kind]!.storage;
      const target = await holder.customers.create({ externalId: `held-${randomUUID()}`, email: 'held@x.io' });
      const started = Date.now();
      const failure = await holding(target.id, () =>
        within(10_000, waiter.customers.update(target.id, { name: 'waiter' }).then(() => null, (e: unknown) => e), 'the waiting update'),
      );
      expect(failure).toBeInstanceOf(QZPayLockTimeoutError);
      expect((failure as Error).cause).toBeDefined();
      expect(Date.now() - started).toBeLessThan(5_000);
      const after = await holder.customers.findById(target.id);
      expect(after).toMatchObject({ name: 'holder', version: 2 });
      // The waiting storage carries on once the row is free.
      expect(await waiter.customers.update(target.id, { name: 'waiter' })).toMatchObject({ name: 'waiter', version: 3 });
    });

    it(`${kind} timeout: inside the caller's transaction, its earlier writes are rolled back`, async () => {
      const waiter = impatient[kind]!.storage;
      const tag = `partial-${kind}-${randomUUID()}`;
      const target = await holder.customers.create({ externalId: `held-${tag}`, email: 'held@x.io' });
      const failure = await holding(target.id, () =>
        within(
          10_000,
          waiter
            .transaction(async () => {
              await waiter.customers.create({ externalId: tag, email: 'partial@x.io' });
              await waiter.customers.update(target.id, { name: 'waiter' });
            })
            .then(() => null, (e: unknown) => e),
          'the waiting transaction',
        ),
      );
      expect(failure).toBeInstanceOf(QZPayLockTimeoutError);
      expect(await holder.customers.findByExternalId(tag)).toBeNull();
      expect(await waiter.customers.findByExternalId(tag)).toBeNull();
      expect(await holder.customers.findById(target.id)).toMatchObject({ name: 'holder', version: 2 });
    });
  }

  it('an invoice waiting on the number counter times out without a row, a line or a gap', async () => {
    const waiter = impatient.lock!.storage;
    const customer = await holder.customers.create({ externalId: `inv-${randomUUID()}`, email: 'inv@x.io' });
    const line = { description: 'seat', quantity: 1, unitAmount: 100 };
    await holder.invoices.create({ id: randomUUID(), customerId: customer.id, lines: [line] });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held: () => void = () => undefined;
    const locked = new Promise<void>((resolve) => (held = resolve));
    // The holder's invoice keeps the counter row locked until its transaction ends.
    const first = holder.transaction(async () => {
      const invoice = await holder.invoices.create({ id: randomUUID(), customerId: customer.id, lines: [line] });
      held();
      await gate;
      return invoice;
    });
    await locked;
    const waitingId = randomUUID();
    const failure = await within(
      10_000,
      waiter.invoices.create({ id: waitingId, customerId: customer.id, lines: [line, line] }).then(() => null, (e: unknown) => e),
      'the waiting invoice',
    );
    release();
    const committed = await first;
    expect(failure).toBeInstanceOf(QZPayLockTimeoutError);
    expect(await holder.invoices.findById(waitingId)).toBeNull();
    const next = await waiter.invoices.create({ id: randomUUID(), customerId: customer.id, lines: [line] });
    expect(parseInvoiceNumber(next.number)).toBe((parseInvoiceNumber(committed.number) ?? 0) + 1);
    expect((await holder.invoices.findByCustomerId(customer.id)).map((i) => i.lines.length)).toEqual([1, 1, 1]);
  });
});
