import { describe, expect, it } from 'vitest';
import { connect } from '../../src/connect.js';
import { migrate, migrationStatus } from '../../src/migrate/index.js';
import { tableDescriptions } from '../../src/schema/registry.js';
import { listIndexes, listTables } from '../harness/catalog.js';
import { cli } from '../harness/cli.js';
import { createEmptyDatabase } from '../harness/database.js';
import { forEachDialect, needsServer } from '../harness/index.js';

const expectedTables = Object.values(tableDescriptions).map((t) => t.name).sort();

forEachDialect('migrations', (ctx, target) => {
  it('creates every table of the schema plus the library journal', async () => {
    const { dialect, db } = ctx();
    const tables = await listTables(dialect, db.driver);
    expect(tables.filter((t) => t.startsWith('billing_')).sort()).toEqual(expectedTables);
    expect(tables).toContain('qzpay_drizzle_migrations');
    expect(tables).not.toContain('__drizzle_migrations');
  });

  it('creates every declared index', async () => {
    const { dialect, db } = ctx();
    for (const table of Object.values(tableDescriptions)) {
      const indexes = await listIndexes(dialect, db.driver, table.name);
      for (const index of table.indexes) expect(indexes, `${table.name}`).toContain(index.name);
    }
  });

  it('is a no-op when run again', async () => {
    const { dialect, db } = ctx();
    const before = await migrationStatus(db.main.db);
    expect(before.every((m) => m.applied)).toBe(true);
    const tablesBefore = await listTables(dialect, db.driver);
    expect(await migrate(db.main.db)).toEqual([]);
    expect(await migrationStatus(db.main.db)).toEqual(before);
    expect(await listTables(dialect, db.driver)).toEqual(tablesBefore);
  });

  it('seeds the currencies with their minor units', async () => {
    const { query } = ctx();
    const rows = await query("select code, minor_units from billing_currencies where code in ('USD', 'CLP', 'ARS', 'UYU') order by code");
    expect(rows.map((r) => [String(r[0]), Number(r[1])])).toEqual([
      ['ARS', 2],
      ['CLP', 0],
      ['USD', 2],
      ['UYU', 2],
    ]);
  });

  // PGlite's data directory has one owner process: two processes at once is a server's case.
  it.skipIf(needsServer(target))('two CLI processes migrating an empty database at once apply each migration exactly once', async () => {
    const { target } = ctx();
    const empty = await createEmptyDatabase(target);
    try {
      const [a, b] = await Promise.all([cli(['migrate', '--url', empty.url]), cli(['migrate', '--url', empty.url])]);
      expect([a.code, b.code], `stderr a: ${a.stderr}\nstderr b: ${b.stderr}`).toEqual([0, 0]);
      const applied = [...a.stdout.split('\n'), ...b.stdout.split('\n')].filter((l) => l.startsWith('applied'));
      const check = await connect(empty.url, { poolSize: 1 });
      try {
        const status = await migrationStatus(check.db);
        expect(applied.map((l) => l.split(/\s+/)[1]).sort()).toEqual(status.map((m) => m.tag).sort());
        expect(status.every((m) => m.applied)).toBe(true);
      } finally {
        await check.close();
      }
    } finally {
      await empty.drop();
    }
  });
});

describe('migration folders', () => {
  it('hold the same migration names for every dialect', async () => {
    const { readMigrations } = await import('../../src/migrate/migrator.js');
    const { migrationsFolder } = await import('../../src/migrate/folders.js');
    const names = (['pg', 'mysql', 'sqlite'] as const).map((d) =>
      readMigrations(migrationsFolder(d)).map((m) => m.tag.replace(/^\d+_/, '')),
    );
    expect(names[1]).toEqual(names[0]);
    expect(names[2]).toEqual(names[0]);
  });
});
