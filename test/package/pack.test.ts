/**
 * Issue 14 §2: the published tarball. `npm pack` (its `prepack` builds) in the repository, then
 * checked file by file, installed into a fresh project the way a host installs it, and used by
 * an ESM and a CJS TypeScript consumer: type-checked against the published declarations,
 * compiled, run. The peers come from this repository's node_modules (symlinked), so nothing is
 * fetched and the native better-sqlite3 build is reused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const peers = ['drizzle-orm', 'better-sqlite3', '@types/better-sqlite3', '@types/node'];
let work = '';
let tarball = '';
let files: string[] = [];

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'qzpay-pack-'));
  // The prepack build prints to stdout too; npm's JSON report is the array at the end.
  const out = npm(['pack', '--json', '--pack-destination', work], root);
  const [packed] = JSON.parse(out.slice(out.startsWith('[') ? 0 : out.lastIndexOf('\n[') + 1)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!packed) throw new Error('npm pack reported no tarball');
  tarball = join(work, packed.filename);
  files = packed.files.map((f) => f.path).sort();
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build, the migrations, README, docs, CHANGELOG and LICENSE, and nothing of the repository besides', () => {
    for (const needed of ['LICENSE', 'CHANGELOG.md', 'README.md', 'docs/contract.md', 'docs/architecture.md', 'package.json', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js']) {
      expect(files, needed).toContain(needed);
    }
    for (const dialect of ['pg', 'mysql', 'sqlite']) {
      expect(files).toContain(`migrations-${dialect}/meta/_journal.json`);
      expect(files).toContain(`migrations-${dialect}/0000_init.sql`);
    }
    // drizzle-kit's snapshots are for generating migrations here, not for running them.
    expect(files.filter((f) => f.endsWith('_snapshot.json'))).toEqual([]);
    expect(files.filter((f) => !/^(dist|docs|migrations-(pg|mysql|sqlite))\//.test(f) && !['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json'].includes(f))).toEqual([]);
  });

  it('its source maps name no path of the build machine', () => {
    const extracted = join(work, 'extracted');
    mkdirSync(extracted);
    execFileSync('tar', ['-xzf', tarball, '-C', extracted]);
    const maps = readdirSync(join(extracted, 'package', 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const absolute = maps.filter((m) => {
      const map = JSON.parse(readFileSync(join(extracted, 'package', 'dist', m), 'utf8')) as { sources: string[] };
      return map.sources.some((s) => s.startsWith('/') || s.includes(root) || /^[A-Za-z]:[\\/]/.test(s));
    });
    expect(absolute).toEqual([]);
    expect(JSON.parse(readFileSync(join(extracted, 'package', 'package.json'), 'utf8'))).toMatchObject({ license: 'MIT', sideEffects: false });
  });

  it('installs into a fresh project, where an ESM and a CJS consumer type-check and run', () => {
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
    // No registry needed: the tarball has no dependencies of its own. Its peers are linked
    // afterwards (npm install would prune them as extraneous).
    npm(['install', tarball, '--offline', '--no-audit', '--no-fund', '--legacy-peer-deps', '--ignore-scripts'], app);
    mkdirSync(join(app, 'node_modules', '@types'), { recursive: true });
    for (const peer of peers) symlinkSync(join(root, 'node_modules', peer), join(app, 'node_modules', peer));
    for (const f of ['consumer.mts', 'consumer.cts']) cpSync(join(root, 'test', 'package', f), join(app, f));
    // skipLibCheck as `tsc --init` sets it (drizzle-orm's own declarations do not pass without it);
    // the consumers' uses are still checked against ours, and each has a @ts-expect-error that
    // fails the build if a published type were `any`.
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, exactOptionalPropertyTypes: true, outDir: 'out', types: ['node'], skipLibCheck: true },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const run = (file: string) => {
      const r = spawnSync(process.execPath, [join(app, 'out', file)], { cwd: app, encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as Record<string, unknown>;
    };
    const migrations = files.filter((f) => /^migrations-sqlite\/\d{4}_.*\.sql$/.test(f)).length;
    expect(run('consumer.mjs')).toEqual({ format: 'esm', applied: migrations, found: true, rejected: 'email', table: 'object' });
    expect(run('consumer.cjs')).toEqual({ format: 'cjs', applied: migrations, found: true, table: 'object' });
  }, 180_000);
});
