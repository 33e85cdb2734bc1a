import { resolveDatabase } from '../src/dialect/index.js';
import { openRawPg } from './raw-pg.js';
import { benchTargets, openBenchDatabase, seed, cycle } from './setup.js';
import { traceOperations } from './ops.js';
import { comparePair, opsPerSecond, percentileUs } from './stats.js';

const [target] = benchTargets(['pg']).targets;
const db = await openBenchDatabase(target!, 10);
const f = await seed(db);
const traces = await traceOperations(db.connected.db, f);
const text = traces['customers.findById'].statements[0]!;
const sql = openRawPg(db.url, 10);
const driver = resolveDatabase(db.connected.db).driver;
const a = cycle(f.customerIds), b = cycle(f.customerIds), c = cycle(f.customerIds);
const plan = { rounds: 10, roundMs: 200, warmupMs: 300 };
const show = (label: string, p: Awaited<ReturnType<typeof comparePair>>) => console.log(label.padEnd(40), opsPerSecond(p.adapter).toFixed(0), opsPerSecond(p.raw).toFixed(0), (opsPerSecond(p.adapter) / opsPerSecond(p.raw)).toFixed(2), percentileUs(p.adapter, 50).toFixed(0), percentileUs(p.raw, 50).toFixed(0));
for (let i = 0; i < 2; i++) {
show('driver.root.all vs raw unsafe', await comparePair(() => driver.root.all(text, [a(), 1]), () => sql.unsafe(text, [b(), 1], { prepare: true }), plan));
show('raw .values() vs raw objects', await comparePair(() => sql.unsafe(text, [a(), 1], { prepare: true }).values(), () => sql.unsafe(text, [b(), 1], { prepare: true }), plan));
show('adapter findById vs driver.root.all', await comparePair(() => db.connected.storage.customers.findById(c()), () => driver.root.all(text, [a(), 1]), plan));
show('adapter findById vs raw', await comparePair(() => db.connected.storage.customers.findById(c()), () => sql.unsafe(text, [b(), 1], { prepare: true }), plan));
}
await sql.end();
await db.close();
