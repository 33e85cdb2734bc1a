/**
 * The server ends the session of a transaction that has already written (PostgreSQL
 * `pg_terminate_backend`, MariaDB `KILL`): while the transaction sits between two statements (its
 * next statement, or its COMMIT, comes after the client has seen the connection close), or while
 * one of its statements is running on the server. The caller must get a typed error (QZPayConnectionError), nothing of the
 * transaction may survive, and the same storage instance — on a pool of ONE connection, so the
 * dead one must be replaced, not merely skipped — must serve the next calls.
 *
 * SQLite has no server to end a session; its equivalent is a statement (or a COMMIT) failing in
 * the database inside a transaction that has already written: there too the caller gets a typed
 * error, the writes are gone and the same storage carries on.
 *
 * The same scenarios also run on node-postgres (a second PostgreSQL driver the library supports).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { QZPayConnectionError, QZPayForeignKeyError, QZPayUniqueConstraintError } from '../../src/contract/errors.js';
import type { TransactionConnection } from '../../src/dialect/drivers/types.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { forEachDialect, skipSuiteWithoutServer } from '../harness/index.js';
import { sleep, trackTransactions, type Tracked, within } from './support.js';

type Kind = 'pg' | 'mysql' | 'sqlite';

interface Setting {
  readonly kind: Kind;
  readonly subject: Tracked;
  /** A storage on other connections of the same database (the subject's own storage on SQLite). */
  readonly holder: QZPayDrizzleStorageHandle;
  /** Raw statements on another connection of the same database (rows as arrays). */
  query(sql: string, params?: unknown[]): Promise<unknown[][]>;
}

async function sessionId(s: Setting, tx: TransactionConnection): Promise<number> {
  return Number((await tx.all(s.kind === 'pg' ? 'select pg_backend_pid()' : 'select connection_id()', []))[0]?.[0]);
}

/**
 * Ends the server session behind `tx` from another connection, waits until the server has
 * dropped it, then gives the client a moment to read the close from the socket.
 */
async function killSession(s: Setting, tx: TransactionConnection): Promise<void> {
  await killSessionId(s, await sessionId(s, tx));
  await sleep(100);
}

async function killSessionId(s: Setting, id: number): Promise<void> {
  const pg = s.kind === 'pg';
  if (pg) expect(await s.query('select pg_terminate_backend($1)', [id])).toEqual([[true]]);
  else await s.query(`KILL ${id}`);
  const alive = pg ? 'select count(*) from pg_stat_activity where pid = $1' : 'select count(*) from information_schema.processlist where id = ?';
  for (let i = 0; i < 100; i++) {
    if (Number((await s.query(alive, [id]))[0]?.[0]) === 0) return;
    await sleep(20);
  }
  throw new Error(`session ${id} still alive`);
}

/** Waits until session `id` is blocked on a row lock. */
async function waitUntilBlocked(s: Setting, id: number): Promise<void> {
  const sql =
    s.kind === 'pg'
      ? "select count(*) from pg_stat_activity where pid = $1 and wait_event_type = 'Lock'"
      : "select count(*) from information_schema.innodb_trx where trx_mysql_thread_id = ? and trx_state = 'LOCK WAIT'";
  for (let i = 0; i < 250; i++) {
    if (Number((await s.query(sql, [id]))[0]?.[0]) === 1) return;
    await sleep(20);
  }
  throw new Error(`session ${id} never blocked`);
}

async function tagged(s: Setting, tag: string): Promise<number> {
  const sql = `select count(*) from billing_customers where external_id like ${s.kind === 'pg' ? '$1' : '?'}`;
  return Number((await s.query(sql, [`${tag}%`]))[0]?.[0]);
}

function payment(customerId: string) {
  const now = new Date();
  return {
    id: randomUUID(),
    customerId,
    subscriptionId: null,
    invoiceId: null,
    amount: 500,
    currency: 'USD' as const,
    status: 'pending' as const,
    paymentMethodId: null,
    providerPaymentIds: {},
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: true,
    createdAt: now,
    updatedAt: now,
  };
}

/** After the fault: the same storage writes, reads and runs a transaction again. */
async function servesNextCalls(s: Setting, tag: string): Promise<void> {
  const { storage } = s.subject;
  const after = await within(10_000, storage.customers.create({ externalId: `${tag}-after`, email: `${tag}@after.io` }), 'create after the fault');
  expect(await storage.customers.findById(after.id)).toEqual(after);
  const inTx = await within(
    10_000,
    storage.transaction(async () => {
      const c = await storage.customers.create({ externalId: `${tag}-after-tx`, email: `${tag}@after-tx.io` });
      return storage.customers.update(c.id, { name: 'again' });
    }),
    'transaction after the fault',
  );
  expect(inTx.version).toBe(2);
  expect(await tagged(s, `${tag}-after`)).toBe(2);
}

/** Runs `body` in a transaction of the subject and resolves what it rejected with (or its value). */
function outcome(s: Setting, body: () => Promise<void>): Promise<unknown> {
  return within(
    20_000,
    s.subject.storage.transaction(async () => {
      await body();
      return 'committed';
    }).then((v) => v, (e: unknown) => e),
    'the faulted transaction',
  );
}

function killedSessionCases(setting: () => Setting): void {
  it('killed before its next statement: QZPayConnectionError, nothing written, the storage serves the next calls', async () => {
    const s = setting();
    const { storage } = s.subject;
    const tag = `kill-stmt-${randomUUID()}`;
    const failure = await outcome(s, async () => {
      const first = await storage.customers.create({ externalId: `${tag}-1`, email: `${tag}@x.io` });
      await storage.customers.update(first.id, { name: 'written' });
      if (s.kind === 'sqlite') {
        // The next statement fails in the database itself (unknown customer: foreign key).
        await storage.payments.create(payment(randomUUID()));
      } else {
        await killSession(s, s.subject.lastTransaction());
        await storage.customers.create({ externalId: `${tag}-2`, email: `${tag}@x.io` });
      }
    });
    if (s.kind === 'sqlite') {
      expect(failure).toBeInstanceOf(QZPayForeignKeyError);
    } else {
      expect(failure).toBeInstanceOf(QZPayConnectionError);
      expect((failure as Error).message).toBe('connection lost while writing billing_customers');
    }
    expect((failure as Error).cause).toBeDefined();
    expect(await tagged(s, tag)).toBe(0);
    await servesNextCalls(s, tag);
  });

  it('killed before its COMMIT: QZPayConnectionError, nothing written, the storage serves the next calls', async () => {
    const s = setting();
    const { storage } = s.subject;
    const tag = `kill-commit-${randomUUID()}`;
    const failure = await outcome(s, async () => {
      const first = await storage.customers.create({ externalId: `${tag}-1`, email: `${tag}@x.io` });
      await storage.payments.create(payment(first.id));
      if (s.kind === 'sqlite') {
        // A deferred foreign key makes the COMMIT itself fail.
        await s.subject.lastTransaction().control('PRAGMA defer_foreign_keys = ON');
        await storage.payments.create(payment(randomUUID()));
      } else {
        await killSession(s, s.subject.lastTransaction());
      }
    });
    if (s.kind === 'sqlite') {
      expect(failure).toBeInstanceOf(QZPayForeignKeyError);
    } else {
      expect(failure).toBeInstanceOf(QZPayConnectionError);
      expect((failure as Error).message).toBe('connection lost while writing transaction');
    }
    expect(await tagged(s, tag)).toBe(0);
    await servesNextCalls(s, tag);
  });

  it('killed while one of its statements runs: QZPayConnectionError, nothing written, the storage serves the next calls', async () => {
    const s = setting();
    const { storage } = s.subject;
    const tag = `kill-running-${randomUUID()}`;
    // Committed before the transaction: a row another transaction locks, and a payment id to reuse.
    const locked = await s.holder.customers.create({ externalId: `locked-${tag}`, email: `${tag}@locked.io` });
    const paid = await s.holder.payments.create(payment(locked.id));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder =
      s.kind === 'sqlite'
        ? null
        : s.holder.transaction(async () => {
            await s.holder.customers.update(locked.id, { name: 'holder' });
            holding();
            await gate;
          });
    if (holder) await held;
    const failure = await outcome(s, async () => {
      await storage.customers.create({ externalId: `${tag}-1`, email: `${tag}@x.io` });
      if (s.kind === 'sqlite') {
        // The running statement fails in the database itself (duplicate payment id).
        await storage.payments.create({ ...payment(locked.id), id: paid.id });
        return;
      }
      const id = await sessionId(s, s.subject.lastTransaction());
      const blocked = storage.customers.update(locked.id, { name: 'subject' });
      blocked.catch(() => undefined);
      await waitUntilBlocked(s, id);
      await killSessionId(s, id);
      await blocked;
    });
    release();
    await holder;
    if (s.kind === 'sqlite') {
      expect(failure).toBeInstanceOf(QZPayUniqueConstraintError);
    } else {
      expect(failure).toBeInstanceOf(QZPayConnectionError);
      expect((failure as Error).message).toBe('connection lost while writing billing_customers');
    }
    expect(await tagged(s, tag)).toBe(0);
    expect((await s.holder.customers.findById(locked.id))?.name).toBe(s.kind === 'sqlite' ? null : 'holder');
    await servesNextCalls(s, tag);
  });
}

forEachDialect('faults: session killed inside a transaction', (ctx, target) => {
  if (skipSuiteWithoutServer(target, 'PGlite is one session in this process, with no session to kill')) return;
  let setting: Setting;
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const c = ctx();
    if (c.target.serverUrl === null) {
      const tracker = trackTransactions(c.db.main.db);
      close = async () => tracker.restore();
      setting = { kind: c.dialect, subject: { storage: c.storage, lastTransaction: tracker.lastTransaction, close }, holder: c.storage, query: c.query };
      return;
    }
    // One connection: the dead session must be replaced, not merely skipped over.
    const { connect } = await import('../../src/connect.js');
    const connected = await connect(c.db.url, { poolSize: 1 });
    const tracker = trackTransactions(connected.db);
    close = async () => {
      tracker.restore();
      await connected.close();
    };
    setting = {
      kind: c.dialect,
      subject: { storage: connected.storage, lastTransaction: tracker.lastTransaction, close },
      holder: c.storage,
      query: c.query,
    };
  });
  afterAll(() => close());
  killedSessionCases(() => setting);
});

const pgUrl = process.env['QZPAY_TEST_PG_URL'];
if (pgUrl) {
  describe('faults: session killed inside a transaction [node-postgres]', () => {
    let database: TestDatabase;
    let setting: Setting;
    let close: () => Promise<void> = async () => undefined;
    beforeAll(async () => {
      database = await createTestDatabase({ name: 'pg', serverUrl: pgUrl });
      const { default: pg } = await import('pg');
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      const db = drizzle({ client: pool });
      const tracker = trackTransactions(db);
      close = async () => {
        tracker.restore();
        await pool.end();
        await database.drop();
      };
      setting = {
        kind: 'pg',
        subject: { storage: createQZPayDrizzleStorage(db), lastTransaction: tracker.lastTransaction, close },
        holder: database.main.storage,
        query: (sql, params = []) => database.driver.root.all(sql, params),
      };
    }, 60_000);
    afterAll(() => close(), 60_000);
    killedSessionCases(() => setting);
  });
}
