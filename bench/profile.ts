/**
 * Profiles one operation through the adapter (or the raw baseline) on one target, to see where
 * the adapter's time goes:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/qzpay-prof --import tsx bench/profile.ts sqlite-memory invoices.create [seconds] [raw|adapter] [callers]
 *   npx tsx bench/profile.ts --summary /tmp/qzpay-prof/<file>.cpuprofile
 *
 * The summary lists self time per function (top 30) and inclusive time of the library's own
 * functions, so a hot spot in src/ is visible next to the driver's share.
 */
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { adapterOps, OPERATIONS, type OpName, traceOperations } from './ops.js';
import { openRawMysql, rawMysqlOps } from './raw-mysql.js';
import { openRawPg, rawPgOps } from './raw-pg.js';
import { rawSqliteOps } from './raw-sqlite.js';
import { benchTargets, openBenchDatabase, seed } from './setup.js';
import type { Op } from './stats.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(path: string): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const label = (n: ProfileNode): string => {
    const file = n.callFrame.url.replace(/^.*\/(node_modules\/|src\/|bench\/)/, '$1');
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n || !n.callFrame.url.includes('/src/')) continue;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    }
  });
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)}%`;
  console.log(`total ${(total / 1000).toFixed(0)} ms\n\nself time:`);
  for (const [l, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(v)}  ${l}`);
  console.log('\ninclusive time of library functions:');
  for (const [l, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(v)}  ${l}`);
}

async function run(targetName: string, op: OpName, seconds: number, side: 'adapter' | 'raw', callers: number): Promise<void> {
  const [target] = benchTargets([targetName]).targets;
  if (!target) throw new Error(`target ${targetName} is not available`);
  const db = await openBenchDatabase(target, Math.max(10, callers));
  const fixtures = await seed(db);
  const traces = await traceOperations(db.connected.db, fixtures);
  let ops: Record<OpName, Op>;
  let close = async (): Promise<void> => undefined;
  if (side === 'adapter') ops = adapterOps(db.connected.storage, fixtures);
  else if (target.dialect === 'sqlite') ops = rawSqliteOps((db.connected.db as unknown as { $client: Database.Database }).$client, traces, fixtures);
  else if (target.dialect === 'pg') {
    const sql = openRawPg(db.url, Math.max(10, callers));
    ops = rawPgOps(sql, traces, fixtures);
    close = () => sql.end({ timeout: 5 });
  } else {
    const pool = openRawMysql(db.url, Math.max(10, callers));
    ops = rawMysqlOps(pool, traces, fixtures);
    close = () => pool.end();
  }
  const until = Date.now() + seconds * 1000;
  let calls = 0;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < until) {
        await ops[op]();
        calls++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  console.log(
    `${side} ${op} on ${targetName} x${callers}: ${calls} calls, ${((seconds * 1e6) / calls).toFixed(1)} µs wall and ` +
      `${((used.user + used.system) / calls).toFixed(1)} µs of this process's CPU per call`,
  );
  await close();
  await db.close();
}

const [first, second, third, fourth, fifth] = process.argv.slice(2);
if (first === '--summary' && second) summarise(second);
else if (first && second && (OPERATIONS as readonly string[]).includes(second)) {
  await run(first, second as OpName, Number(third ?? 5), fourth === 'raw' ? 'raw' : 'adapter', Number(fifth ?? 1));
} else {
  console.log('usage: bench/profile.ts <target> <operation> [seconds] [raw|adapter] [callers]  |  --summary <file.cpuprofile>');
  process.exitCode = 1;
}
