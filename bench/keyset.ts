/**
 * Keyset vs offset pagination at depth: a `customers.listPage` page in the middle of a table of
 * 10 000 and of 1 000 000 customers, against `customers.list` with the same offset. SQLite file
 * database (seeded with one prepared insert in one transaction); `npm run bench:keyset`.
 */
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connect } from '../src/connect.js';
import { migrate } from '../src/migrate/index.js';
import { resolveDatabase } from '../src/dialect/index.js';

const PAGE = 20;

/** The cursor format of src/repositories/entity.ts (order value in epoch ms, then the id). */
const cursorOf = (createdAtMs: number, id: string) => Buffer.from(JSON.stringify({ v: createdAtMs, id })).toString('base64url');

async function measure(fn: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function scenario(rows: number): Promise<{ keyset: number; offset: number }> {
  const file = `/tmp/qzpay_keyset_${rows}.sqlite`;
  for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
  const c = await connect(`sqlite:${file}`, { livemode: true });
  try {
    await migrate(c.db);
    const { driver } = resolveDatabase(c.db);
    const tx = await driver.begin();
    const base = Date.UTC(2020, 0, 1);
    const sql = `insert into billing_customers (id, external_id, email, email_lower, name, phone, provider_customer_ids, saved_cards, metadata, livemode, version, created_at, updated_at, deleted_at)
      values (?, ?, ?, ?, null, null, '{}', null, '{}', 1, 1, ?, ?, null)`;
    for (let i = 0; i < rows; i++) {
      const at = base + i * 1000;
      await tx.run(sql, [randomUUID(), `ext-${i}`, `c${i}@x.io`, `c${i}@x.io`, at, at]);
    }
    await tx.commit();
    await driver.root.control('analyze');
    const depth = Math.floor(rows / 2);
    // Newest first: the row at `depth` from the top is number rows - 1 - depth.
    const n = rows - 1 - depth;
    const anchor = (await driver.root.all('select id, created_at from billing_customers where external_id = ?', [`ext-${n}`]))[0]!;
    const after = cursorOf(Number(anchor[1]), String(anchor[0]));
    const runs = rows > 100_000 ? 30 : 200;
    const keyset = await measure(() => c.storage.customers.listPage({ after, limit: PAGE }), runs);
    const offset = await measure(() => c.storage.customers.list({ offset: depth, limit: PAGE }), Math.min(runs, 30));
    return { keyset, offset };
  } finally {
    await c.close();
    for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
  }
}

const small = await scenario(10_000);
const large = await scenario(1_000_000);
const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const table = [
  `# Keyset vs offset pagination (SQLite file, page of ${PAGE} at half depth)`,
  '',
  `- Date: ${new Date().toISOString()}; ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores; Node ${process.version}`,
  '',
  '| Rows | listPage (keyset) p50 | list (offset) p50 |',
  '|---:|---:|---:|',
  `| 10 000 | ${fmt(small.keyset)} | ${fmt(small.offset)} |`,
  `| 1 000 000 | ${fmt(large.keyset)} | ${fmt(large.offset)} |`,
  '',
  `Keyset page at 1 M ÷ at 10 k: **${(large.keyset / small.keyset).toFixed(2)}×** (target ≤ 1.5×); offset: ${(large.offset / small.offset).toFixed(1)}×.`,
  'The offset list also runs its count query, as `list` always does.',
  '',
].join('\n');
writeFileSync('bench/results/keyset.md', table);
console.log(table);
