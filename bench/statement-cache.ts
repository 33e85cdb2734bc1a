/**
 * The statement-cache bound at scale (issue 11 §2): 100 000 distinct `customers.list` shapes on
 * a storage with the default bound, one connection per server. Reports the process RSS, one
 * PostgreSQL backend's memory (its own memory contexts) and MariaDB's server-wide
 * Prepared_stmt_count before and after. `npm run bench:statements [-- --shapes=N --only=pg]`.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connect } from '../src/connect.js';
import { resolveDatabase } from '../src/dialect/index.js';
import type { Driver } from '../src/dialect/drivers/types.js';
import { migrate } from '../src/migrate/index.js';
import type { QZPayCustomer } from '../src/contract/entities.js';
import { createEmptyDatabase } from '../test/harness/database.js';
import { shapes } from '../test/harness/list-shapes.js';
import type { Target } from '../test/harness/targets.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SHAPES = Number(arg('shapes') ?? 100_000);
const only = arg('only');

/** What the server holds for this storage, in a unit per dialect. */
const serverFigure: Record<string, { label: string; read: (driver: Driver) => Promise<number> }> = {
  pg: {
    label: 'backend memory MB',
    read: async (d) => Number((await d.root.all('select sum(total_bytes) from pg_backend_memory_contexts', []))[0]?.[0]) / 2 ** 20,
  },
  mysql: {
    label: 'Prepared_stmt_count (server-wide)',
    read: async (d) =>
      Number((await d.root.all("select variable_value from information_schema.global_status where variable_name = 'PREPARED_STMT_COUNT'", []))[0]?.[0]),
  },
  sqlite: { label: '(no server: the process RSS is the figure)', read: async () => 0 },
};

async function measure(target: Target): Promise<string> {
  const database = await createEmptyDatabase(target);
  const conn = await connect(database.url, { poolSize: 1, livemode: false });
  try {
    await migrate(conn.db);
    const driver = resolveDatabase(conn.db).driver;
    const people: QZPayCustomer[] = [];
    for (let i = 0; i < 3; i++) people.push(await conn.storage.customers.create({ externalId: `b-${i}`, email: `b${i}@example.com` }));
    const generator = shapes((field, n) => people[n % 3]![field] ?? (field.endsWith('At') ? new Date(0) : 'none'));
    const server = serverFigure[target.name]!;
    const rss0 = process.memoryUsage().rss / 2 ** 20;
    const server0 = await server.read(driver);
    const started = performance.now();
    for (let i = 0; i < SHAPES; i++) {
      const next = generator.next();
      if (next.done) throw new Error(`only ${i} distinct shapes`);
      await conn.storage.customers.list(next.value);
    }
    const seconds = (performance.now() - started) / 1000;
    const rss1 = process.memoryUsage().rss / 2 ** 20;
    const server1 = await server.read(driver);
    return `| ${target.name} | ${SHAPES} | ${rss0.toFixed(0)} → ${rss1.toFixed(0)} | ${server.label}: ${server0.toFixed(1)} → ${server1.toFixed(1)} | ${seconds.toFixed(0)} s |`;
  } finally {
    await conn.close();
    await database.drop();
  }
}

const targets: Target[] = [{ name: 'sqlite', serverUrl: null }];
const pg = process.env['QZPAY_BENCH_PG_URL'] ?? process.env['QZPAY_TEST_PG_URL'];
const mysql = process.env['QZPAY_BENCH_MYSQL_URL'] ?? process.env['QZPAY_TEST_MYSQL_URL'];
if (pg) targets.push({ name: 'pg', serverUrl: pg });
if (mysql) targets.push({ name: 'mysql', serverUrl: mysql });

console.log(`statement cache, default bound; ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('| target | shapes | process RSS MB | server | time |\n|---|---:|---|---|---:|');
for (const target of targets) if (!only || only === target.name) console.log(await measure(target));
