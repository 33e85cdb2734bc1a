/**
 * Issue 14 §1: the README works as written. Every TypeScript sample in it is extracted and run
 * as a script (the package name pointing at this checkout) against a fresh database, and must
 * exit on its own; `npm run demo` run twice on one database prints the right figures both times.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './harness/cli.js';
import { createEmptyDatabase } from './harness/database.js';
import { serverTarget } from './harness/targets.js';

const root = resolve(import.meta.dirname, '..');
const samples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([^]*?)```/g)].map((m) => m[1] ?? '');
const pg = serverTarget('pg');

function runScript(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr, timedOut: child.killed });
    });
  });
}

describe('README', () => {
  it('has TypeScript samples to check', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  // The samples open postgres.js clients: they need the PostgreSQL server of the run.
  it.skipIf(!pg)('every TypeScript sample runs to completion and exits on its own', async () => {
    // Under node_modules/ so the sample's own imports (drizzle-orm, postgres) resolve from this checkout.
    const dir = join(root, 'node_modules', '.qzpay-readme');
    mkdirSync(dir, { recursive: true });
    for (const [i, sample] of samples.entries()) {
      const database = await createEmptyDatabase(pg!);
      const file = join(dir, `sample-${i}-${process.pid}.mts`);
      try {
        writeFileSync(file, sample.replaceAll("from 'qzpay-drizzle'", `from ${JSON.stringify(join(root, 'src', 'index.ts'))}`));
        const result = await runScript(file, { DATABASE_URL: database.url });
        expect({ sample: i, timedOut: result.timedOut, code: result.code, stderr: result.stderr }).toEqual({ sample: i, timedOut: false, code: 0, stderr: '' });
      } finally {
        rmSync(file, { force: true });
        await database.drop();
      }
    }
  }, 120_000);

  it('the demo run twice on one database prints the same figures both times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qzpay-demo-'));
    try {
      const url = `sqlite:${join(dir, 'demo.sqlite')}`;
      const refunds = (stdout: string) => stdout.split('\n').filter((l) => l.includes('refund ')).map((l) => l.replace(/re_demo_\w+/, 're_demo_…').replace(/\s+/g, ' ').trim());
      const first = await cli(['demo', '--url', url]);
      const second = await cli(['demo', '--url', url]);
      expect([first.code, second.code]).toEqual([0, 0]);
      const expected = ['refund re_demo_… (sent twice) refunded 50.00 USD -> partially_refunded', 'refund re_demo_… (sent twice) refunded 100.00 USD -> refunded'];
      expect(refunds(first.stdout)).toEqual(expected);
      expect(refunds(second.stdout)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
