/**
 * Bundlers (issue 14 §3, issue 12 §5): a host app that imports `qzpay-drizzle` is bundled with
 * esbuild, as Next.js, serverless and edge builds do, in ESM and CJS, with only its own driver
 * resolvable (the other drivers fail to resolve, as they would when not installed), then run as
 * a plain `node` process: `migrate()` from the migrations carried inside the bundle and a billing
 * flow (customer, payment, refund, invoice).
 *
 * The package is built fresh from the source into a temporary install
 * (`node_modules/qzpay-drizzle/{package.json,dist}`), so the test never reads a stale `dist`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build as esbuild, type Plugin } from 'esbuild';
import { build as tsup, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config.js';
import { embeddedMigrations } from '../../src/migrate/embedded.generated.js';
import type { DialectName } from '../../src/dialect/index.js';
import { createEmptyDatabase } from '../harness/database.js';
import { availableTargets, type Target } from '../harness/targets.js';

const root = resolve(import.meta.dirname, '../..');
const driverPackages = ['pg', 'postgres', 'mysql2', 'better-sqlite3', '@libsql/client', '@electric-sql/pglite'];
/** The one driver each app may use; a native module stays external (it cannot be bundled). */
const apps: Record<DialectName, { file: string; driver: string; external: boolean }> = {
  pg: { file: 'pg-app.mjs', driver: 'postgres', external: false },
  mysql: { file: 'mysql-app.mjs', driver: 'mysql2', external: false },
  sqlite: { file: 'sqlite-app.mjs', driver: 'better-sqlite3', external: true },
};

let work = '';

/** Every driver package but `allowed` is "not installed": resolving it fails the build. */
function onlyDriver(allowed: string): Plugin {
  const pattern = new RegExp(`^(${driverPackages.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})(/|$)`);
  return {
    name: 'only-driver',
    setup(b) {
      b.onResolve({ filter: pattern }, (args) => {
        const name = pattern.exec(args.path)?.[1];
        if (name === allowed) return undefined;
        return { errors: [{ text: `${args.path} is not installed (this app uses only ${allowed})` }] };
      });
    },
  };
}

function run(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [file], { cwd: join(work, 'app'), env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'qzpay-bundle-'));
  const pkg = join(work, 'app', 'node_modules', 'qzpay-drizzle');
  mkdirSync(pkg, { recursive: true });
  // The package as a host installs it: its package.json (exports map) and a fresh build.
  cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
  // Without the published build's onSuccess (it rewrites the maps of the repository's dist/).
  const { onSuccess: _publishedOnly, ...config } = tsupConfig as Options;
  await tsup({ ...config, config: false, dts: false, sourcemap: false, clean: false, silent: true, outDir: join(pkg, 'dist') });
  cpSync(join(root, 'test', 'bundle', 'apps'), join(work, 'app', 'src'), { recursive: true });
  // The only driver installed next to the SQLite bundle (native, so loaded at run time).
  symlinkSync(join(root, 'node_modules', 'better-sqlite3'), join(work, 'app', 'node_modules', 'better-sqlite3'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// The pg app bundles postgres.js, so it needs a server (PGlite is not a postgres.js target).
const targets = availableTargets().filter((t): t is Target => t.name in apps && t.embedded !== 'pglite');
for (const target of targets) {
  const app = apps[target.name];
  describe(`bundled ${target.name} app`, () => {
    for (const format of ['esm', 'cjs'] as const) {
      it(`${format}: bundles without the other drivers and runs migrate() and a billing flow`, async () => {
        const outfile = join(work, 'app', 'out', `${target.name}.${format === 'esm' ? 'mjs' : 'cjs'}`);
        const result = await esbuild({
          entryPoints: [join(work, 'app', 'src', app.file)],
          outfile,
          bundle: true,
          platform: 'node',
          format,
          target: 'node20',
          logLevel: 'silent',
          // drizzle-orm and the app's driver come from the repository's node_modules.
          nodePaths: [join(root, 'node_modules')],
          external: app.external ? [app.driver] : [],
          plugins: [onlyDriver(app.driver)],
          // esbuild's usual recipe for CommonJS packages (mysql2 requires 'buffer') inside an ESM bundle.
          ...(format === 'esm' ? { banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } } : {}),
        });
        expect(result.errors).toEqual([]);
        // No warnings either (e.g. an empty `import.meta` in the CJS bundle).
        expect(result.warnings.map((w) => w.text)).toEqual([]);
        const database = await createEmptyDatabase(target);
        try {
          const url = database.url.replace(/^sqlite:/, '');
          const runId = randomBytes(6).toString('hex');
          const { code, stdout, stderr } = await run(outfile, { DATABASE_URL: url, RUN_ID: runId });
          expect(stderr).toBe('');
          expect(code).toBe(0);
          expect(JSON.parse(stdout)).toEqual({
            // Every shipped migration, from inside the bundle: no migrations folder exists under the temporary directory.
            applied: embeddedMigrations[target.name].map((m) => m.tag),
            again: [],
            customer: `${runId}@bundle.example`,
            refunded: 700,
            invoice: { number: true, total: 4250, lines: [3750, 500] },
          });
        } finally {
          await database.drop();
        }
      });
    }
  });
}
