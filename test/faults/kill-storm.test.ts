/**
 * A session-kill storm (issue 10 §4): while a burst of calls runs — transactions that write a
 * customer and update it, and single auto-committed creates — a separate admin connection ends
 * every session of the database every 40–200 ms (PostgreSQL `pg_terminate_backend`, MariaDB
 * `KILL`). Afterwards, exact accounting per call, by the customer's known externalId:
 * - it resolved, and its row exists (exactly once, with the transaction's last write);
 * - it rejected with a typed error whose commit outcome is known ("not written"), and no row exists;
 * - it rejected with `QZPayConnectionError.commitUnknown === true`, and at most one row exists.
 * Also: every call settles within a bound, nothing reaches `unhandledRejection` /
 * `uncaughtException`, and the same storage serves the next call once the storm is over.
 *
 * Server drivers only: postgres-js and mysql2 as `connect()` opens them (its settings are part of
 * the claim) and a node-postgres Pool. SQLite has no sessions another connection could end; its
 * failure paths (a statement or COMMIT failing inside a transaction) are covered by
 * killed-connection.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { connect, type Connected } from '../../src/connect.js';
import { QZPayConnectionError, QZPayStorageError } from '../../src/contract/errors.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { serverTarget } from '../harness/targets.js';
import { sleep } from './support.js';

const CALLS = 100;
/** Every call of the burst must have settled this long after the burst started. */
const SETTLE_BOUND_MS = 30_000;
const POOL_SIZE = 5;

type Server = 'pg' | 'mysql';

interface Subject {
  readonly storage: QZPayDrizzleStorageHandle;
  close(): Promise<void>;
}

interface Call {
  readonly index: number;
  /** `nested`: the update runs in a savepoint (a nested `transaction()`). */
  readonly kind: 'transaction' | 'nested' | 'single';
  state: 'pending' | 'resolved' | 'rejected';
  error?: unknown;
}

type Verdict = 'resolved' | 'notWritten' | 'unknown' | 'untyped' | 'pending';

/** Raw statements on a connection the storm does not touch (the admin's, in another database). */
type Query = (sql: string, params?: unknown[]) => Promise<unknown[][]>;

function queryOf(connected: Connected): Query {
  const driver = resolveDatabase(connected.db).driver;
  return (sql, params = []) => driver.root.all(sql, params);
}

/** Ends every client session of `database` except the admin's own; returns how many it ended. */
async function killAll(server: Server, admin: Query, database: string): Promise<number> {
  if (server === 'pg') {
    const rows = await admin(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'",
      [database],
    );
    return rows.length;
  }
  const ids = await admin('select id from information_schema.processlist where db = ? and id <> connection_id()', [database]);
  let ended = 0;
  for (const [id] of ids) {
    // A session may end on its own between the listing and the KILL (1094 unknown thread id).
    await admin(`KILL CONNECTION ${Number(id)}`).then(
      () => ended++,
      () => undefined,
    );
  }
  return ended;
}

function verdictOf(call: Call): Verdict {
  if (call.state === 'pending') return 'pending';
  if (call.state === 'resolved') return 'resolved';
  if (!(call.error instanceof QZPayStorageError)) return 'untyped';
  return call.error instanceof QZPayConnectionError && call.error.commitUnknown ? 'unknown' : 'notWritten';
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` <- ${error.cause.name}: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}

function stormCase(driverName: string, server: Server, open: (database: TestDatabase) => Promise<Subject>, enabled = true): void {
  describe(`faults: session-kill storm [${driverName}]`, () => {
    const serverUrl = enabled ? (serverTarget(server)?.serverUrl ?? null) : null;
    let database: TestDatabase;
    let admin: Connected;
    let subject: Subject;
    const unhandled: unknown[] = [];
    const onUnhandled = (error: unknown): void => {
      unhandled.push(error);
      if (process.env['STORM_DEBUG']) console.log('UNHANDLED', error instanceof Error ? error.stack : error, new Error('where').stack);
    };

    beforeAll(async () => {
      if (serverUrl === null) return;
      database = await createTestDatabase({ name: server, serverUrl });
      admin = await connect(serverUrl, { poolSize: 1 });
      subject = await open(database);
      process.on('unhandledRejection', onUnhandled);
      process.on('uncaughtException', onUnhandled);
    }, 120_000);

    afterAll(async () => {
      process.off('unhandledRejection', onUnhandled);
      process.off('uncaughtException', onUnhandled);
      if (serverUrl === null) return;
      await subject?.close().catch(() => undefined);
      await admin?.close();
      await database?.drop();
    }, 60_000);

    it.skipIf(serverUrl === null)(`${CALLS} calls under the storm: every call settles, typed, and is accounted for exactly`, async () => {
      const { storage } = subject;
      const name = new URL(database.url).pathname.slice(1);
      const tag = `storm-${randomUUID()}`;
      const external = (i: number): string => `${tag}-${i}`;
      const calls: Call[] = [];
      const started = Date.now();
      let stormOn = true;
      let kills = 0;
      const storm = (async () => {
        while (stormOn) {
          await sleep(40 + Math.floor(Math.random() * 160));
          if (stormOn) kills += await killAll(server, queryOf(admin), name);
        }
      })();

      const runs: Promise<void>[] = [];
      for (let i = 0; i < CALLS; i++) {
        const kind = (['transaction', 'nested', 'single'] as const)[i % 3] ?? 'single';
        const call: Call = { index: i, kind, state: 'pending' };
        calls.push(call);
        const work =
          kind === 'single'
            ? storage.customers.create({ externalId: external(i), email: `${i}@storm.io` })
            : storage.transaction(async () => {
                const created = await storage.customers.create({ externalId: external(i), email: `${i}@storm.io` });
                await sleep(Math.floor(Math.random() * 10));
                const update = () => storage.customers.update(created.id, { name: 'done' });
                await (kind === 'nested' ? storage.transaction(update) : update());
              });
        runs.push(
          work.then(
            () => {
              call.state = 'resolved';
            },
            (error: unknown) => {
              call.state = 'rejected';
              call.error = error;
            },
          ),
        );
        // Spread the burst over ~2 s so the kills land in every phase: reserve, BEGIN, writes, COMMIT.
        await sleep(20);
      }
      let bound: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(runs), new Promise<void>((resolve) => (bound = setTimeout(resolve, SETTLE_BOUND_MS - (Date.now() - started))))]);
      clearTimeout(bound);
      const settledMs = Date.now() - started;
      stormOn = false;
      await storm;
      // "Left alone": the last KILL may have returned a moment ago while the client has not yet
      // read the close of the idle pooled sessions it ended (seen once on mysql2 under a loaded
      // full suite: the next insert drew such a session and failed as connection lost).
      await sleep(300);

      // The same storage serves the next call once the sessions are left alone.
      const after = await storage.customers.create({ externalId: `${tag}-after`, email: 'after@storm.io' });
      expect((await storage.customers.findById(after.id))?.externalId).toBe(`${tag}-after`);

      const rows = new Map<string, { count: number; name: unknown }>();
      const sql = `select external_id, name from billing_customers where external_id like ${server === 'pg' ? '$1' : '?'}`;
      for (const [externalId, rowName] of await database.driver.root.all(sql, [`${tag}-%`])) {
        const key = Buffer.isBuffer(externalId) ? externalId.toString('utf8') : String(externalId);
        const seen = rows.get(key);
        rows.set(key, { count: (seen?.count ?? 0) + 1, name: Buffer.isBuffer(rowName) ? rowName.toString('utf8') : rowName });
      }

      const counts: Record<Verdict, number> = { resolved: 0, notWritten: 0, unknown: 0, untyped: 0, pending: 0 };
      const wrong: string[] = [];
      const errors = new Map<string, number>();
      for (const call of calls) {
        const verdict = verdictOf(call);
        counts[verdict]++;
        if (call.state === 'rejected') errors.set(describeError(call.error), (errors.get(describeError(call.error)) ?? 0) + 1);
        const row = rows.get(external(call.index));
        const present = row?.count ?? 0;
        const ok =
          verdict === 'resolved'
            ? present === 1 && (call.kind === 'single' || row?.name === 'done')
            : verdict === 'notWritten'
              ? present === 0
              : verdict === 'unknown'
                ? present <= 1
                : false;
        if (!ok) wrong.push(`#${call.index} ${call.kind} ${verdict} rows=${present}${call.error ? ` ${describeError(call.error)}` : ''}`);
      }
      console.log(
        `[kill-storm ${driverName}] ${JSON.stringify({ ...counts, kills, settledMs, unhandled: unhandled.length })}\n` +
          wrong.map((w) => `  wrong: ${w}\n`).join('') +
          [...errors].map(([text, n]) => `  ${n} x ${text}`).join('\n'),
      );
      expect(unhandled.map(describeError)).toEqual([]);
      expect(wrong).toEqual([]);
      expect(counts.pending).toBe(0);
      expect(counts.untyped).toBe(0);
      expect(counts.resolved + counts.notWritten + counts.unknown).toBe(CALLS);
      expect(kills).toBeGreaterThan(0);
      expect(settledMs).toBeLessThan(SETTLE_BOUND_MS);
    }, 60_000);
  });
}

// KNOWN FAILING on postgres.js 3.4.x (the pinned devDependency), so off unless
// QZPAY_TEST_PGJS_STORM=1. 3.4.9 used to leave 1-3 calls pending: a BEGIN on a reserved connection
// that postgres.js never settles (1 of 4 runs). The driver now bounds that BEGIN by maxWaitMs
// (QZPayLockTimeoutError, nothing written): 0 pending in 18 runs, the bound hit in 5 of them. Still
// open on 3.4.x: 1 of those 18 runs had an unhandled `read ECONNRESET` (no stack captured; most
// likely postgres.js's own array-type fetch on a reopened connection, which it never catches).
// postgres.js 4.x passes (8 of 8 runs on 4.2.0): scripts/newest-drivers.sh turns this case on when the newest release is 4 or later.
stormCase(
  'postgres-js',
  'pg',
  async (database) => {
    const connected = await connect(database.url, { poolSize: POOL_SIZE });
    return { storage: connected.storage, close: () => connected.close() };
  },
  process.env['QZPAY_TEST_PGJS_STORM'] === '1',
);

stormCase('node-postgres', 'pg', async (database) => {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: database.url, max: POOL_SIZE });
  // An idle pooled client whose session is ended emits 'error' on the pool; a host must listen.
  pool.on('error', () => undefined);
  return { storage: createQZPayDrizzleStorage(drizzle({ client: pool })), close: () => pool.end() };
});

stormCase('mysql2', 'mysql', async (database) => {
  const connected = await connect(database.url, { poolSize: POOL_SIZE });
  return { storage: connected.storage, close: () => connected.close() };
});
