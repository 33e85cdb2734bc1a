/**
 * `npm run bench`: the adapter against the raw drivers, same statements, alternating rounds, on
 * every reachable dialect; writes bench/results/latest.md.
 * `npm run bench -- --concurrent`: N parallel callers on PostgreSQL and MariaDB; writes
 * bench/results/concurrent.md.
 *
 * Options: --only=sqlite-memory,sqlite-file,pg,mysql  --rounds=N  --round-ms=N  --warmup-ms=N
 *          --callers=N (concurrent)  --out=FILE
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { adapterOps, OPERATIONS, type OpName, RUN_ORDER, traceOperations, type Trace } from './ops.js';
import { openRawMysql, rawMysqlOps } from './raw-mysql.js';
import { openRawPg, rawPgOps } from './raw-pg.js';
import { rawSqliteOps } from './raw-sqlite.js';
import { type Cell, detailTable, machineLines, ratio, ratioMatrix, TARGET_RATIO } from './report.js';
import { type BenchDatabase, benchTargets, type BenchTargetName, type Fixtures, openBenchDatabase, SEED, seed } from './setup.js';
import { compareConcurrent, comparePair, type Op, opsPerSecond, percentileUs, type RoundPlan } from './stats.js';

const { values: args } = parseArgs({
  options: {
    concurrent: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    'round-ms': { type: 'string' },
    'warmup-ms': { type: 'string' },
    callers: { type: 'string', default: '16' },
    out: { type: 'string' },
  },
});

const intArg = (value: string | undefined, fallback: number): number => (value === undefined ? fallback : Math.max(1, Number.parseInt(value, 10)));

interface RawSide {
  readonly ops: Record<OpName, Op>;
  /** Opens every connection of the pool (see `prime`). */
  fill(): Promise<unknown>;
  close(): Promise<void>;
}

const times = <T>(n: number, make: () => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, make));

/**
 * Both pools get all their connections opened before measuring. postgres.js hands serial queries
 * to its idle connections in turn (FIFO), so a pool that seeding grew to 8 connections spreads
 * one caller over 8 backends while a fresh pool keeps 1 backend hot: measured, that alone made
 * the same statement ~25 µs slower on the adapter's side.
 */
async function prime(db: BenchDatabase, raw: RawSide, poolSize: number): Promise<void> {
  await times(poolSize, () => db.connected.storage.ping());
  await raw.fill();
}

/** The raw baseline for a database: its own client on pg/mysql, the same SQLite handle otherwise. */
function openRaw(db: BenchDatabase, traces: Record<OpName, Trace>, fixtures: Fixtures, poolSize: number): RawSide {
  switch (db.target.dialect) {
    case 'sqlite': {
      const handle = (db.connected.db as unknown as { $client: Database.Database }).$client;
      return { ops: rawSqliteOps(handle, traces, fixtures), fill: async () => undefined, close: async () => undefined };
    }
    case 'pg': {
      const sql = openRawPg(db.url, poolSize);
      return { ops: rawPgOps(sql, traces, fixtures), fill: () => times(poolSize, () => sql`select 1`), close: () => sql.end({ timeout: 5 }) };
    }
    case 'mysql': {
      const pool = openRawMysql(db.url, poolSize);
      return { ops: rawMysqlOps(pool, traces, fixtures), fill: () => times(poolSize, () => pool.query('select 1')), close: () => pool.end() };
    }
  }
}

/** The raw baseline must write what the adapter writes: read its rows back through the adapter. */
async function checkRawWrites(db: BenchDatabase, raw: RawSide): Promise<void> {
  const { storage } = db.connected;
  const customerId = String(await raw.ops['customers.create']());
  const customer = await storage.customers.findById(customerId);
  const byEmail = customer ? await storage.customers.findByEmail(customer.email.toUpperCase()) : null;
  if (!customer || byEmail?.id !== customerId || customer.version !== 1 || Math.abs(customer.createdAt.getTime() - Date.now()) > 60_000) {
    throw new Error(`raw customers.create on ${db.target.name} wrote a row the adapter does not read back: ${JSON.stringify(customer)}`);
  }
  if (JSON.stringify(customer.metadata) !== '{}' || JSON.stringify(customer.providerCustomerIds) !== '{}') {
    throw new Error(`raw customers.create on ${db.target.name} wrote JSON the adapter reads differently: ${JSON.stringify(customer)}`);
  }
  const invoiceId = String(await raw.ops['invoices.create']());
  const invoice = await storage.invoices.findById(invoiceId);
  if (!invoice || invoice.lines.length !== 3 || invoice.total !== 3600 + 500 + 9900 || !/^INV-\d{6,}$/.test(invoice.number ?? '')) {
    throw new Error(`raw invoices.create on ${db.target.name} wrote an invoice the adapter reads differently: ${JSON.stringify(invoice)}`);
  }
}

function roundTrips(trace: Trace): string {
  return `${trace.statements.length}${trace.transaction ? ' in tx' : ''}`;
}

function write(path: string, text: string): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(path, text);
  console.log(`\nwritten to ${path}`);
}

async function serial(): Promise<void> {
  const only = args.only ? args.only.split(',').map((s) => s.trim()) : null;
  const { targets, missing } = benchTargets(only);
  const plan: RoundPlan = { rounds: intArg(args.rounds, 20), roundMs: intArg(args['round-ms'], 100), warmupMs: intArg(args['warmup-ms'], 200) };
  const cells: Cell[] = [];
  const servers = new Map<BenchTargetName, string>();
  const trips = new Map<string, string>();
  for (const target of targets) {
    const started = Date.now();
    const db = await openBenchDatabase(target, 10);
    servers.set(target.name, `${target.dialect === 'sqlite' ? 'SQLite' : target.dialect === 'pg' ? 'PostgreSQL' : 'MySQL/MariaDB'} ${db.version}`);
    try {
      const fixtures = await seed(db);
      const traces = await traceOperations(db.connected.db, fixtures);
      for (const op of OPERATIONS) trips.set(`${op}|${target.name}`, roundTrips(traces[op]));
      const raw = openRaw(db, traces, fixtures, 10);
      try {
        await prime(db, raw, 10);
        await checkRawWrites(db, raw);
        const adapter = adapterOps(db.connected.storage, fixtures);
        for (const op of RUN_ORDER) {
          const pair = await comparePair(adapter[op], raw.ops[op], plan);
          cells.push({ op, target: target.name, pair });
          console.log(
            `${target.name.padEnd(13)} ${op.padEnd(38)} adapter ${opsPerSecond(pair.adapter).toFixed(0).padStart(7)}/s  raw ${opsPerSecond(pair.raw).toFixed(0).padStart(7)}/s  ratio ${ratio(pair).toFixed(2)}  p50 ${percentileUs(pair.adapter, 50).toFixed(0)}/${percentileUs(pair.raw, 50).toFixed(0)} µs`,
          );
        }
      } finally {
        await raw.close();
      }
    } finally {
      await db.close();
    }
    console.log(`${target.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  cells.sort((a, b) => OPERATIONS.indexOf(a.op as OpName) - OPERATIONS.indexOf(b.op as OpName));
  const names = targets.map((t) => t.name);
  const below = cells.filter((c) => ratio(c.pair) < TARGET_RATIO);
  const text = [
    '# qzpay-drizzle: adapter vs raw driver',
    '',
    ...machineLines(servers),
    ...(missing.length > 0 ? [`- Not measured: ${missing.join('; ')}`] : []),
    '',
    `Method: each database fresh and migrated, seeded through the adapter (${SEED.customers} customers, ${SEED.subscribed} of them with ` +
      `${SEED.subscriptionsPerCustomer} subscriptions, ${SEED.promoCodes} promo codes, ${SEED.payments} payments). The raw baseline runs the ` +
      "adapter's own statement texts (recorded from it), prepared (better-sqlite3 `prepare` once, postgres.js `unsafe(…, { prepare: true })` " +
      'on its own client, mysql2 pool `execute`), with the same transactions and round trips, rows in the driver\'s default shape. One caller; ' +
      `${plan.rounds} alternating rounds per side of ~${plan.roundMs} ms each after a ${plan.warmupMs} ms warm-up; "calls per side" is the total measured. ` +
      'Ops/s and latencies are over all measured calls; the ratio is the median over rounds of adapter round ÷ the raw round run next to it ' +
      '(robust to bursts of load from other processes on the machine).',
    '',
    `## Adapter ÷ raw throughput (target ≥ ${TARGET_RATIO}; below it in bold)`,
    '',
    ...ratioMatrix(cells, OPERATIONS, names),
    '',
    '## Detail',
    '',
    ...detailTable(cells, true),
    '',
    '## Statements per call (same on both sides)',
    '',
    ...[`| Operation | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`],
    ...OPERATIONS.map((op) => `| ${op} | ${names.map((t) => trips.get(`${op}|${t}`) ?? '–').join(' | ')} |`),
    '',
    below.length === 0 ? `Every operation is at ≥ ${TARGET_RATIO} of the raw driver.` : `Below ${TARGET_RATIO}: ${below.map((c) => `${c.op} on ${c.target}`).join(', ')}.`,
    '',
  ].join('\n');
  console.log(`\n${text}`);
  write(args.out ?? new URL('./results/latest.md', import.meta.url).pathname, text);
}

async function concurrent(): Promise<void> {
  const callers = intArg(args.callers, 16);
  const only = args.only ? args.only.split(',').map((s) => s.trim()) : ['pg', 'mysql'];
  const { targets, missing } = benchTargets(only.filter((t) => t === 'pg' || t === 'mysql'));
  const plan: RoundPlan = { rounds: intArg(args.rounds, 6), roundMs: intArg(args['round-ms'], 1000), warmupMs: intArg(args['warmup-ms'], 500) };
  const cells: Cell[] = [];
  const servers = new Map<BenchTargetName, string>();
  const measured: OpName[] = ['customers.findById', 'customers.create'];
  for (const target of targets) {
    // Both sides get a pool as large as the number of callers.
    const db = await openBenchDatabase(target, callers);
    servers.set(target.name, `${target.dialect === 'pg' ? 'PostgreSQL' : 'MySQL/MariaDB'} ${db.version}`);
    try {
      const fixtures = await seed(db);
      const traces = await traceOperations(db.connected.db, fixtures);
      const raw = openRaw(db, traces, fixtures, callers);
      try {
        await prime(db, raw, callers);
        await checkRawWrites(db, raw);
        const adapter = adapterOps(db.connected.storage, fixtures);
        for (const op of measured) {
          const pair = await compareConcurrent(adapter[op], raw.ops[op], callers, plan);
          cells.push({ op, target: target.name, pair });
          console.log(`${target.name.padEnd(6)} ${op.padEnd(20)} x${callers}  adapter ${opsPerSecond(pair.adapter).toFixed(0)}/s  raw ${opsPerSecond(pair.raw).toFixed(0)}/s  ratio ${ratio(pair).toFixed(2)}`);
        }
      } finally {
        await raw.close();
      }
    } finally {
      await db.close();
    }
  }
  const text = [
    `# qzpay-drizzle: adapter vs raw driver, ${callers} parallel callers`,
    '',
    ...machineLines(servers),
    ...(missing.length > 0 ? [`- Not measured: ${missing.join('; ')}`] : []),
    '',
    `Method: ${callers} async callers in one process, each calling the operation in a loop; pool size ${callers} on both sides; ` +
      `${plan.rounds} alternating rounds of ${plan.roundMs} ms per side after a ${plan.warmupMs} ms warm-up. Throughput only; ` +
      'the ratio is the median over rounds of adapter round ÷ the raw round next to it.',
    '',
    ...detailTable(cells, false),
    '',
  ].join('\n');
  console.log(`\n${text}`);
  write(args.out ?? new URL('./results/concurrent.md', import.meta.url).pathname, text);
}

await (args.concurrent ? concurrent() : serial());
