/** Markdown for a benchmark run: the machine, the method, a ratio matrix and the detail table. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchTargetName } from './setup.js';
import { opsPerSecond, type Pair, pairedQuantile, pairedRatio, percentileUs } from './stats.js';

export interface Cell {
  readonly op: string;
  readonly target: BenchTargetName;
  readonly pair: Pair;
}

/** Below this adapter ÷ raw ratio an operation misses the target of issue 7. */
export const TARGET_RATIO = 0.8;

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export function machineLines(servers: ReadonlyMap<BenchTargetName, string>): string[] {
  const cpus = os.cpus();
  const lines = [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    `- Node ${process.version}; drizzle-orm ${version('drizzle-orm')}, better-sqlite3 ${version('better-sqlite3')}, postgres ${version('postgres')}, mysql2 ${version('mysql2')}`,
  ];
  for (const [target, server] of servers) lines.push(`- ${target}: ${server}`);
  return lines;
}

function fmtRate(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

function fmtUs(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

export function ratio(pair: Pair): number {
  return pairedRatio(pair);
}

function fmtRatio(r: number): string {
  return r < TARGET_RATIO ? `**${r.toFixed(2)}**` : r.toFixed(2);
}

/** Operation rows × target columns, each cell the adapter ÷ raw throughput ratio. */
export function ratioMatrix(cells: readonly Cell[], ops: readonly string[], targets: readonly BenchTargetName[]): string[] {
  const lines = [`| Operation | ${targets.join(' | ')} |`, `|---|${targets.map(() => '---:').join('|')}|`];
  for (const op of ops) {
    const row = targets.map((t) => {
      const cell = cells.find((c) => c.op === op && c.target === t);
      return cell ? fmtRatio(ratio(cell.pair)) : '–';
    });
    lines.push(`| ${op} | ${row.join(' | ')} |`);
  }
  return lines;
}

/** Every measured cell with throughput and latency of the adapter and one baseline (`baseline` names it). */
export function detailTable(cells: readonly Cell[], withLatency: boolean, baseline = 'Raw'): string[] {
  const b = baseline;
  const lines = withLatency
    ? [
        `| Operation | Dialect | Adapter ops/s | ${b} ops/s | Adapter ÷ ${b.toLowerCase()} | Round ratios q1–q3 | Adapter p50 / p99 µs | ${b} p50 / p99 µs | Calls per side |`,
        '|---|---|---:|---:|---:|---:|---:|---:|---:|',
      ]
    : [`| Operation | Dialect | Adapter ops/s | ${b} ops/s | Adapter ÷ ${b.toLowerCase()} | Round ratios q1–q3 | Calls per side |`, '|---|---|---:|---:|---:|---:|---:|'];
  for (const { op, target, pair } of cells) {
    const spread = `${pairedQuantile(pair, 0.25).toFixed(2)}–${pairedQuantile(pair, 0.75).toFixed(2)}`;
    const base = `| ${op} | ${target} | ${fmtRate(opsPerSecond(pair.adapter))} | ${fmtRate(opsPerSecond(pair.raw))} | ${fmtRatio(ratio(pair))} | ${spread}`;
    const latency = (side: Pair['adapter']) => `${fmtUs(percentileUs(side, 50))} / ${fmtUs(percentileUs(side, 99))}`;
    lines.push(
      withLatency
        ? `${base} | ${latency(pair.adapter)} | ${latency(pair.raw)} | ${pair.adapter.calls.toLocaleString('en-US')} |`
        : `${base} | ${pair.adapter.calls.toLocaleString('en-US')} |`,
    );
  }
  return lines;
}
