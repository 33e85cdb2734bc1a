/**
 * A 3-node MariaDB Galera cluster (scripts/topologies/galera.sh). Checks read node 1 causally
 * (wsrep_sync_wait = 1 on that one session), so they see what any node committed. GET_LOCK is local to one node, so the migration lock
 * must be one the cluster certifies; writes may go to any node, where a commit that conflicts
 * with one certified first on another node comes back as errno 1213 (QZPayDeadlockError).
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connected, type ConnectOptions } from '../../src/connect.js';
import { QZPayDeadlockError } from '../../src/contract/errors.js';
import { migrate } from '../../src/migrate/index.js';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import { isoCurrencies } from '../../src/schema/seed/currencies.js';
import { type FlowTarget, invoiceRace, optimisticRace, promoRaceGlobal, promoRacePerCustomer, smokeFlow } from './flows.js';
import { doctorLine } from '../harness/doctor-line.js';
import { freshGaleraDatabase, type FreshGaleraDatabase } from './topology.js';

const run = promisify(execFile);
const cli = (url: string) => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate', '--url', url], { timeout: 120_000 });

async function journal(database: FreshGaleraDatabase): Promise<unknown[][]> {
  const [rows] = await database.sql.query({ sql: 'select tag, count(*) from qzpay_drizzle_migrations group by tag order by tag', rowsAsArray: true });
  return (rows as unknown[][]).map((r) => [r[0], Number(r[1])]);
}
const everyTagOnce = () => shippedMigrations('mysql').map((m) => [m.tag, 1]);

describe('Galera: migrate from three processes on three nodes at once', () => {
  const databases: FreshGaleraDatabase[] = [];
  afterEach(async () => {
    for (const d of databases.splice(0)) await d.drop();
  });

  for (const round of [1, 2, 3]) {
    it(`round ${round}: each migration applied exactly once, every process exits 0`, async () => {
      const database = await freshGaleraDatabase();
      databases.push(database);
      const outcomes = await Promise.allSettled(database.urls.map((url) => cli(url)));
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as { stderr?: unknown }).stderr ?? o.reason)] : []));
      expect(failures).toEqual([]);
      expect(await journal(database)).toEqual(everyTagOnce());
      expect(Number(await database.scalar('select count(*) from billing_currencies'))).toBe(isoCurrencies.length);
    });
  }

  it('a migrator SIGKILLed on node 1 blocks node 2 until its lease runs out, then node 2 finishes the run', async () => {
    const database = await freshGaleraDatabase();
    databases.push(database);
    const [node1 = '', node2 = ''] = database.urls;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/migrate/fixtures/paused-migrator.ts', node1, '3', '-1', '3000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`paused migrator exited early (${String(code)})`)));
      child.stdout.on('data', (d: Buffer) => d.toString().includes('paused') && resolve());
    });
    child.kill('SIGKILL');
    await exited;
    const opened = await connect(node2, { poolSize: 2 });
    try {
      const started = Date.now();
      const done = await migrate(opened.db, { lock: { waitMs: 30_000 } });
      console.log(`[galera] node 2 took over the dead holder's 3000 ms lease after ${Date.now() - started} ms`);
      expect(done).toEqual(shippedMigrations('mysql').map((m) => m.tag));
    } finally {
      await opened.close();
    }
    expect(await journal(database)).toEqual(everyTagOnce());
  });
});

/** A storage per node on a fresh migrated database; `count` reads node 1. */
function clusterFlows(nodes: number, options: ConnectOptions = {}) {
  let database: FreshGaleraDatabase;
  const opened: Connected[] = [];
  beforeAll(async () => {
    database = await freshGaleraDatabase();
    for (const url of database.urls.slice(0, nodes)) opened.push(await connect(url, { poolSize: 10, ...options }));
    await migrate(opened[0]!.db);
  });
  afterAll(async () => {
    for (const c of opened.splice(0)) await c.close();
    await database?.drop();
  });
  const flows = (): FlowTarget => ({
    storages: opened.map((c) => c.storage),
    count: async (table, where) => Number(await database.scalar(`select count(*) from ${table}${where ? ` where ${where.column} = ?` : ''}`, where ? [where.value] : [])),
    field: (table, column, id) => database.scalar(`select ${column} from ${table} where id = ?`, [id]),
  });
  return Object.assign(flows, { urls: () => database.urls });
}

describe('Galera, single writer (every call through node 1)', () => {
  const flows = clusterFlows(1);
  it('smoke flow', () => smokeFlow(flows()));
  it('promo race: 20 redemptions by one customer (limit 1 per customer) -> exactly 1', () => promoRacePerCustomer(flows()));
  it('promo race: 30 customers for a code limited to 5 -> exactly 5', () => promoRaceGlobal(flows()));
  it('invoice race: 20 concurrent invoices -> 20 distinct, consecutive numbers', () => invoiceRace(flows()));
  it('optimistic locking race: 10 updates of one version -> exactly 1 wins', () => optimisticRace(flows()));
});

// Measured: 30 invoices over three nodes with the default budget (5 attempts, pauses <= 50 ms)
// complete only partly; this budget completes them all.
const multiWriter: ConnectOptions = { deadlockRetry: { attempts: 60, maxBackoffMs: 250 } };

// KNOWN FAILING, so off unless QZPAY_TEST_GALERA_MULTIWRITER=1 (issue 13 §2, open): with writes
// spread over three nodes, one CI run out of 14 redeemed a code limited to 5 seven times (promo race
// of 30 customers), and with wsrep_sync_wait = 1 one run gave two invoices the same number. Exact
// limits are not kept across Galera writers yet; single writer (above) is what is supported.
const multiWriterRuns = process.env['QZPAY_TEST_GALERA_MULTIWRITER'] === '1';

describe.runIf(multiWriterRuns)('Galera, writes spread over three nodes (deadlockRetry 60 attempts, pauses <= 250 ms)', () => {
  const flows = clusterFlows(3, multiWriter);
  it('smoke flow', () => smokeFlow(flows()));
  it('promo race: 20 redemptions by one customer over three nodes -> exactly 1', () => promoRacePerCustomer(flows()));
  it('promo race: 30 customers over three nodes for a code limited to 5 -> exactly 5', () => promoRaceGlobal(flows()));
  it('invoice race: 30 concurrent invoices over three nodes -> 30 distinct, consecutive numbers', () => invoiceRace(flows(), 30));
  it('optimistic locking race over three nodes: exactly 1 wins, 9 QZPayOptimisticLockError', () => optimisticRace(flows()));
});

describe.runIf(multiWriterRuns)('Galera, writes spread over three nodes with the default retry budget', () => {
  const flows = clusterFlows(3);
  it('an invoice that runs out of attempts rejects with QZPayDeadlockError; the rest get distinct numbers', async () => {
    const target = flows();
    const customer = await target.storages[0]?.customers.create({ externalId: randomUUID(), email: 'budget@topology.io' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        target.storages[i % 3]?.invoices.create({ id: randomUUID(), customerId: customer?.id ?? '', lines: [{ description: `#${i}`, quantity: 1, unitAmount: 1 }] }),
      ),
    );
    const made = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : []));
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    console.log(`[galera] default retry budget: ${made.length} of 30 invoices over three nodes completed`);
    expect(made.length + failed.length).toBe(30);
    for (const reason of failed) expect(reason).toBeInstanceOf(QZPayDeadlockError);
    expect(new Set(made.map((i) => i.number)).size).toBe(made.length);
    expect(await target.count('billing_invoices', { column: 'customer_id', value: customer?.id ?? '' })).toBe(made.length);
  });
});

describe('doctor on Galera', () => {
  const cluster = clusterFlows(1);
  const verdict = (url: string, check = 'cluster') => doctorLine(url, check);
  it('a synced node is ok, naming the cluster size; a desynced node fails', async () => {
    const [node1 = '', , node3 = ''] = cluster.urls();
    expect(await verdict(node1)).toBe('ok: Galera node of a cluster of 3, Synced, wsrep_sync_wait = 0');
    const admin = await mysql.createConnection(node3);
    try {
      await admin.query('set global wsrep_desync = on');
      expect(await verdict(node3)).toMatch(/^fail: Galera node of a cluster of 3, (Donor\/Desynced|Desynced): it is not in sync/);
    } finally {
      await admin.query('set global wsrep_desync = off');
      await admin.end();
    }
  });

  // Global settings cannot be changed on the shared test server; these nodes belong to this run.
  it('a read_only server fails "writable"; a 1 MiB max_allowed_packet fails, 8 MiB warns', async () => {
    const [, , node3 = ''] = cluster.urls();
    const admin = await mysql.createConnection(node3);
    try {
      await admin.query('set global read_only = 1');
      expect(await verdict(node3, 'writable')).toBe('fail: the server is read_only (a replica?): every write fails');
      await admin.query('set global read_only = 0');
      await admin.query('set global max_allowed_packet = 1048576');
      expect(await verdict(node3, 'max_allowed_packet')).toMatch(/^fail: 1\.0 MiB: a row with several of the 2 MiB/);
      await admin.query('set global max_allowed_packet = 8388608');
      expect(await verdict(node3, 'max_allowed_packet')).toMatch(/^warn: 8\.0 MiB/);
    } finally {
      await admin.query('set global read_only = 0');
      await admin.query('set global max_allowed_packet = 16777216');
      await admin.end();
    }
  });
});
