/**
 * `npm run bench`: the adapter against two baselines on the same drivers, in alternating rounds,
 * on every reachable dialect: the raw driver running the adapter's own statements (what the
 * plumbing costs) and hand-written best SQL (what the statement design costs); writes
 * bench/results/latest.md.
 * `npm run bench -- --concurrent`: 32 parallel callers on a pool of 10, PostgreSQL and MariaDB;
 * writes bench/results/concurrent.md.
 *
 * Options: --only=sqlite-memory,sqlite-file,pg,mysql  --rounds=N  --round-ms=N  --warmup-ms=N
 *          --callers=N --pool=N (concurrent)  --out=FILE
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { adapterOps, OPERATIONS, type OpName, RUN_ORDER, traceOperations, type Trace } from './ops.js';
import { openRawMysql, rawMysqlOps } from './raw-mysql.js';
import { openRawPg, rawPgOps } from './raw-pg.js';
import { rawSqliteOps } from './raw-sqlite.js';
import { type BestSql, bestOps } from './best.js';
import { verifyBest } from './best-check.js';
import { bestMysql } from './best-mysql.js';
import { bestPg } from './best-pg.js';
import { bestSqlite } from './best-sqlite.js';
import { type Cell, detailTable, machineLines, ratio, ratioMatrix, TARGET_RATIO } from './report.js';
import { type BenchDatabase, type BenchTarget, benchTargets, type BenchTargetName, type Fixtures, openBenchDatabase, SEED, seed } from './setup.js';
import { compareConcurrent, compareSerial, type Op, opsPerSecond, percentileUs, type RoundPlan, type Side } from './stats.js';

const { values: args } = parseArgs({
  options: {
    concurrent: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    'round-ms': { type: 'string' },
    'warmup-ms': { type: 'string' },
    callers: { type: 'string', default: '32' },
    pool: { type: 'string', default: '10' },
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
async function prime(db: BenchDatabase, baselines: ReadonlyArray<{ fill(): Promise<unknown> }>, poolSize: number): Promise<void> {
  await times(poolSize, () => db.connected.storage.ping());
  for (const baseline of baselines) await baseline.fill();
}

/** The raw baseline for a database: its own client on pg/mysql, the same SQLite handle otherwise. */
function openRaw(db: BenchDatabase, traces: Record<OpName, Trace>, fixtures: Fixtures, poolSize: number): RawSide {
  switch (db.target.dialect) {
    case 'sqlite': {
      return { ops: rawSqliteOps(sqliteHandle(db), traces, fixtures), fill: async () => undefined, close: async () => undefined };
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

const sqliteHandle = (db: BenchDatabase) => (db.connected.db as unknown as { $client: Database.Database }).$client;

/** The best-SQL baseline: its own client on pg/mysql, the adapter's SQLite handle otherwise. */
function openBest(db: BenchDatabase, poolSize: number): BestSql & { fill(): Promise<unknown> } {
  switch (db.target.dialect) {
    case 'sqlite':
      return { ...bestSqlite(sqliteHandle(db)), fill: async () => undefined };
    case 'pg':
      return bestPg(db.url, poolSize);
    case 'mysql':
      return bestMysql(db.url, poolSize);
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

interface Baselines {
  readonly raw: RawSide;
  readonly best: BestSql & { fill(): Promise<unknown> };
  readonly trips: Record<OpName, Trace>;
}

/**
 * Seeds a fresh database, records the adapter's statements, opens both baselines, proves them
 * equivalent to the adapter (checkRawWrites, verifyBest) and hands them to `measure`.
 */
async function withBaselines(target: BenchTarget, poolSize: number, measure: (db: BenchDatabase, fixtures: Fixtures, b: Baselines) => Promise<void>): Promise<string> {
  const db = await openBenchDatabase(target, poolSize);
  try {
    const fixtures = await seed(db);
    const traces = await traceOperations(db.connected.db, fixtures);
    const raw = openRaw(db, traces, fixtures, poolSize);
    const best = openBest(db, poolSize);
    try {
      await prime(db, [raw, best], poolSize);
      await checkRawWrites(db, raw);
      await verifyBest(best, db.connected.storage, fixtures);
      await measure(db, fixtures, { raw, best, trips: traces });
    } finally {
      await raw.close();
      await best.close();
    }
    return `${target.dialect === 'sqlite' ? 'SQLite' : target.dialect === 'pg' ? 'PostgreSQL' : 'MySQL/MariaDB'} ${db.version}`;
  } finally {
    await db.close();
  }
}

/** The cells of one measured operation: adapter against the same-SQL and the best-SQL side. */
function cellsOf(op: OpName, target: BenchTargetName, [adapter, raw, best]: Side[]): { same: Cell; best: Cell } {
  return { same: { op, target, pair: { adapter: adapter!, raw: raw! } }, best: { op, target, pair: { adapter: adapter!, raw: best! } } };
}

/** The two ratio matrices and the two detail tables of a run, sorted by operation. */
function comparison(best: Cell[], same: Cell[], names: BenchTargetName[], withLatency: boolean): string[] {
  const byOp = (a: Cell, b: Cell) => OPERATIONS.indexOf(a.op as OpName) - OPERATIONS.indexOf(b.op as OpName);
  best.sort(byOp);
  same.sort(byOp);
  return [
    `## Adapter ÷ best SQL throughput (target ≥ ${TARGET_RATIO}; below it in bold)`,
    '',
    ...ratioMatrix(best, OPERATIONS, names),
    '',
    '## Adapter ÷ same SQL throughput',
    '',
    ...ratioMatrix(same, OPERATIONS, names),
    '',
    '## Detail against best SQL',
    '',
    ...detailTable(best, withLatency, 'Best'),
    '',
    '## Detail against same SQL',
    '',
    ...detailTable(same, withLatency, 'Same'),
    '',
  ];
}

const rate = (side: Side) => opsPerSecond(side).toFixed(0).padStart(7);

async function serial(): Promise<void> {
  const only = args.only ? args.only.split(',').map((s) => s.trim()) : null;
  const { targets, missing } = benchTargets(only);
  const plan: RoundPlan = { rounds: intArg(args.rounds, 20), roundMs: intArg(args['round-ms'], 100), warmupMs: intArg(args['warmup-ms'], 200) };
  const same: Cell[] = [];
  const best: Cell[] = [];
  const servers = new Map<BenchTargetName, string>();
  const trips = new Map<string, string>();
  for (const target of targets) {
    const started = Date.now();
    const server = await withBaselines(target, 10, async (db, fixtures, baselines) => {
      for (const op of OPERATIONS) trips.set(`${op}|${target.name}`, roundTrips(baselines.trips[op]));
      const adapter = adapterOps(db.connected.storage, fixtures);
      const hand = bestOps(baselines.best, fixtures);
      for (const op of RUN_ORDER) {
        const sides = await compareSerial([adapter[op], baselines.raw.ops[op], hand[op]], plan);
        const cells = cellsOf(op, target.name, sides);
        same.push(cells.same);
        best.push(cells.best);
        console.log(
          `${target.name.padEnd(13)} ${op.padEnd(38)} adapter ${rate(sides[0]!)}/s  same SQL ${rate(sides[1]!)}/s (${ratio(cells.same.pair).toFixed(2)})  ` +
            `best SQL ${rate(sides[2]!)}/s (${ratio(cells.best.pair).toFixed(2)})  p50 ${percentileUs(sides[0]!, 50).toFixed(0)}/${percentileUs(sides[1]!, 50).toFixed(0)}/${percentileUs(sides[2]!, 50).toFixed(0)} µs`,
        );
      }
    });
    servers.set(target.name, server);
    console.log(`${target.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const names = targets.map((t) => t.name);
  const below = (cells: Cell[]) => cells.filter((c) => ratio(c.pair) < TARGET_RATIO).map((c) => `${c.op} on ${c.target}`);
  const text = [
    '# qzpay-drizzle: adapter vs best SQL and vs its own SQL',
    '',
    ...machineLines(servers),
    ...(missing.length > 0 ? [`- Not measured: ${missing.join('; ')}`] : []),
    '',
    `Method: each database fresh and migrated, seeded through the adapter (${SEED.customers} customers, ${SEED.subscribed} of them with ` +
      `${SEED.subscriptionsPerCustomer} subscriptions, a granted entitlement and a limit, ${SEED.promoCodes} promo codes, ${SEED.payments} payments). ` +
      'Two baselines on the same drivers, both prepared (better-sqlite3 `prepare` once, postgres.js `unsafe(…, { prepare: true })` on its own ' +
      'client, mysql2 pool `execute`), rows in the driver\'s default shape: **best SQL** is hand-written per dialect with the fewest statements ' +
      'and round trips that keep the contract\'s guarantees (bench/best-*.ts; checked equivalent to the adapter before timing, bench/best-check.ts); ' +
      "**same SQL** runs the adapter's own statement texts, recorded from it, with the same transactions and round trips. One caller; " +
      `${plan.rounds} rounds of ~${plan.roundMs} ms per side after a ${plan.warmupMs} ms warm-up, the three sides back to back in a rotating order. ` +
      'The ratio is the median over rounds of adapter round ÷ the baseline round next to it (robust to bursts of load from other processes).',
    '',
    ...comparison(best, same, names, true),
    "## The adapter's statements per call (the same-SQL side sends these too)",
    '',
    ...[`| Operation | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`],
    ...OPERATIONS.map((op) => `| ${op} | ${names.map((t) => trips.get(`${op}|${t}`) ?? '–').join(' | ')} |`),
    '',
    below(best).length === 0 ? `Every operation is at ≥ ${TARGET_RATIO} of best SQL.` : `Below ${TARGET_RATIO} of best SQL: ${below(best).join(', ')}.`,
    below(same).length === 0 ? `Every operation is at ≥ ${TARGET_RATIO} of its own SQL.` : `Below ${TARGET_RATIO} of its own SQL: ${below(same).join(', ')}.`,
    '',
  ].join('\n');
  console.log(`\n${text}`);
  write(args.out ?? new URL('./results/latest.md', import.meta.url).pathname, text);
}

async function concurrent(): Promise<void> {
  const callers = intArg(args.callers, 32);
  const poolSize = intArg(args.pool, 10);
  const only = args.only ? args.only.split(',').map((s) => s.trim()) : ['pg', 'mysql'];
  const { targets, missing } = benchTargets(only.filter((t) => t === 'pg' || t === 'mysql'));
  const plan: RoundPlan = { rounds: intArg(args.rounds, 5), roundMs: intArg(args['round-ms'], 600), warmupMs: intArg(args['warmup-ms'], 300) };
  const same: Cell[] = [];
  const best: Cell[] = [];
  const servers = new Map<BenchTargetName, string>();
  for (const target of targets) {
    const server = await withBaselines(target, poolSize, async (db, fixtures, baselines) => {
      const adapter = adapterOps(db.connected.storage, fixtures);
      const hand = bestOps(baselines.best, fixtures);
      for (const op of RUN_ORDER) {
        const sides = await compareConcurrent([adapter[op], baselines.raw.ops[op], hand[op]], callers, plan);
        const cells = cellsOf(op, target.name, sides);
        same.push(cells.same);
        best.push(cells.best);
        console.log(
          `${target.name.padEnd(6)} ${op.padEnd(38)} x${callers}  adapter ${rate(sides[0]!)}/s  same ${rate(sides[1]!)}/s (${ratio(cells.same.pair).toFixed(2)})  best ${rate(sides[2]!)}/s (${ratio(cells.best.pair).toFixed(2)})`,
        );
      }
    });
    servers.set(target.name, server);
  }
  const names = targets.map((t) => t.name);
  const text = [
    `# qzpay-drizzle: adapter vs best SQL and vs its own SQL, ${callers} parallel callers, pool ${poolSize}`,
    '',
    ...machineLines(servers),
    ...(missing.length > 0 ? [`- Not measured: ${missing.join('; ')}`] : []),
    '',
    `Method: ${callers} async callers in one process, each calling the operation in a loop, on a pool of ${poolSize} connections on every side; ` +
      `${plan.rounds} rounds of ${plan.roundMs} ms per side after a ${plan.warmupMs} ms warm-up, the three sides in a rotating order. Throughput only; ` +
      'the ratio is the median over rounds of adapter round ÷ the baseline round next to it. Baselines as in latest.md.',
    '',
    ...comparison(best, same, names, false),
  ].join('\n');
  console.log(`\n${text}`);
  write(args.out ?? new URL('./results/concurrent.md', import.meta.url).pathname, text);
}

await (args.concurrent ? concurrent() : serial());
