/**
 * The CLI's conventions (issue 12 §3): --help and --version on stdout with exit 0; usage errors on
 * stderr with exit 2; `status` only reads and `status --check` exits 3 while anything is pending;
 * `applied <tag>` lines name every migration once; a failure is one line on stderr with exit 1.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connect } from '../src/connect.js';
import { resolveDatabase } from '../src/dialect/index.js';
import { hostMigrationSql, migrationStatus } from '../src/migrate/index.js';
import { listTables } from './harness/catalog.js';
import { cli } from './harness/cli.js';
import { createEmptyDatabase } from './harness/database.js';
import { forEachDialect } from './harness/index.js';

const version = (JSON.parse((await import('node:fs')).readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('CLI conventions', () => {
  it('--help and -h print the usage with the exit codes on stdout, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await cli([flag]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^usage: qzpay-drizzle/);
      expect(r.stdout).toContain('exit codes: 0 ok, 1 failure, 2 usage error, 3 status --check');
    }
  });

  it('--version and -v print the package version, exit 0', async () => {
    for (const flag of ['--version', '-v']) expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('usage errors go to stderr with the usage and exit 2, stdout stays empty', async () => {
    const cases: [string[], string][] = [
      [[], 'no command given'],
      [['frobnicate'], "unknown command 'frobnicate'"],
      [['status', '--bogus'], "Unknown option '--bogus'"],
      [['migrate'], 'migrate: --url is required'],
      [['migrate', '--check', '--url', ':memory:'], '--check applies to status only'],
      [['status', 'extra', '--url', ':memory:'], "unexpected argument 'extra'"],
      [['host-sql', '--dialect', 'oracle'], 'host-sql: --dialect must be one of pg, mysql, sqlite'],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    for (const [i, [args, problem]] of cases.entries()) {
      const r = results[i]!;
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr.split('\n')[0]).toContain(problem);
      expect(r.stderr).toContain('usage: qzpay-drizzle');
    }
  });

  it('host-sql prints the extra SQL of the host drizzle-kit route for each dialect', async () => {
    for (const dialect of ['pg', 'mysql', 'sqlite'] as const) {
      expect(await cli(['host-sql', '--dialect', dialect])).toEqual({ code: 0, stdout: hostMigrationSql(dialect), stderr: '' });
    }
  });

  it('an unreachable server is one line on stderr and exit 1', async () => {
    const r = await cli(['status', '--url', 'postgres://postgres@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^qzpay-drizzle status: cannot (reach|open) pg database/);
  });
});

forEachDialect('CLI status and migrate', (ctx) => {
  it('status --check exits 3 on an empty database without creating anything; after migrate it exits 0', async () => {
    const { target, dialect } = ctx();
    const empty = await createEmptyDatabase(target);
    try {
      // An empty file is an empty SQLite database; `status` refuses to create a missing one.
      if (target.embedded === 'sqlite') writeFileSync(empty.url.slice('sqlite:'.length), '');
      const before = await cli(['status', '--check', '--url', empty.url]);
      expect(before.code).toBe(3);
      const lines = before.stdout.trim().split('\n');
      const pendingLines = lines.filter((l) => l.startsWith('pending'));
      expect(lines.at(-1)).toBe(`${dialect}: 0 applied, ${pendingLines.length} pending`);
      const probe = await connect(empty.url, { poolSize: 1 });
      try {
        expect(await listTables(dialect, resolveDatabase(probe.db).driver)).toEqual([]);
      } finally {
        await probe.close();
      }

      const migrated = await cli(['migrate', '--url', empty.url]);
      expect(migrated.code).toBe(0);
      const applied = migrated.stdout.split('\n').filter((l) => l.startsWith('applied')).map((l) => l.split(/\s+/)[1]);
      expect(applied).toEqual(pendingLines.map((l) => l.split(/\s+/)[1]));

      const after = await cli(['status', '--check', '--url', empty.url]);
      expect(after.code).toBe(0);
      expect(after.stdout.trim().split('\n').at(-1)).toBe(`${dialect}: ${applied.length} applied, 0 pending`);
      const again = await connect(empty.url, { poolSize: 1 });
      try {
        expect((await migrationStatus(again.db)).every((m) => m.applied)).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await empty.drop();
    }
  }, 120_000);
});
