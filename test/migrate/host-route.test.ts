/**
 * The host's own drizzle-kit route (issue 12 §4): a host generates the tables from
 * src/schema/<dialect>.ts with its own drizzle-kit, adds `hostMigrationSql` as a custom
 * migration and applies both with Drizzle's migrator. That database must equal a fresh
 * `migrate()` one (catalogue and seed rows), and `migrate()` must adopt it instead of failing on
 * "already exists". Without the extra SQL, `migrate()` refuses with a typed error naming what is
 * missing. A foreign table with one of our names stops `migrate()` before any change.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connect, type Connected } from '../../src/connect.js';
import { type DialectName, resolveDatabase } from '../../src/dialect/index.js';
import { hostMigrationSql, migrate, MigrationAdoptionError, MigrationConflictError } from '../../src/migrate/index.js';
import { drizzleKit } from '../../scripts/drizzle-kit/run.js';
import { customMigrations } from '../../scripts/custom-migrations/index.js';
import { CUSTOM_MIGRATION_NAMES, countValueRows } from '../../src/migrate/host-route.js';
import { createEmptyDatabase } from '../harness/database.js';
import { forEachDialect } from '../harness/index.js';
import { dumpCatalog } from './catalog.js';

const kitDialect: Record<DialectName, string> = { pg: 'postgresql', mysql: 'mysql', sqlite: 'sqlite' };

/**
 * What a host does: drizzle-kit generate from our schema, then a custom migration holding our
 * extra SQL. Generated once per dialect; `withExtras: false` is the same folder with its journal
 * cut after the schema migration (a host that skipped the extra SQL).
 */
const generated = new Map<DialectName, string>();
function hostMigrations(dialect: DialectName, withExtras: boolean): string {
  let full = generated.get(dialect);
  if (full === undefined) {
    full = mkdtempSync(join(tmpdir(), 'qzpay-host-'));
    // Relative: drizzle-kit's --custom prefixes the out path with './' (an absolute one then breaks).
    const base = ['generate', '--dialect', kitDialect[dialect], '--schema', `./src/schema/${dialect}.ts`, '--out', relative(process.cwd(), full)];
    const schema = drizzleKit(base);
    if (schema.status !== 0 || !schema.output.includes('Your SQL migration file')) throw new Error(schema.output);
    const custom = drizzleKit([...base, '--custom', '--name', 'qzpay_extras']);
    const file = readdirSync(full).find((f) => f.endsWith('_qzpay_extras.sql'));
    if (custom.status !== 0 || !file) throw new Error(`drizzle-kit wrote no custom migration:\n${custom.output}`);
    writeFileSync(join(full, file), hostMigrationSql(dialect));
    generated.set(dialect, full);
  }
  const out = mkdtempSync(join(tmpdir(), 'qzpay-host-'));
  cpSync(full, out, { recursive: true });
  if (!withExtras) {
    const journalFile = join(out, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  }
  return out;
}

/** Drizzle's own migrator for the driver `connect()` opens (what the host runs). */
async function drizzleMigrate(dialect: DialectName, db: unknown, migrationsFolder: string): Promise<void> {
  if (dialect === 'pg') {
    const { migrate: run } = await import('drizzle-orm/postgres-js/migrator');
    await run(db as Parameters<typeof run>[0], { migrationsFolder });
  } else if (dialect === 'mysql') {
    const { migrate: run } = await import('drizzle-orm/mysql2/migrator');
    await run(db as Parameters<typeof run>[0], { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/better-sqlite3/migrator');
    run(db as Parameters<typeof run>[0], { migrationsFolder });
  }
}

/** The catalogue without Drizzle's own journal (a host route has it, ours does not). */
async function catalogue(dialect: DialectName, c: Connected): Promise<unknown> {
  const dump = await dumpCatalog(dialect, resolveDatabase(c.db).driver);
  return dump.map((rows) => rows.filter((row) => !row.some((v) => typeof v === 'string' && v.includes('__drizzle_migrations'))));
}

afterAll(() => {
  for (const folder of generated.values()) rmSync(folder, { recursive: true, force: true });
});

it('the custom-migration names the runtime knows are the ones scripts/custom-migrations writes', () => {
  expect([...CUSTOM_MIGRATION_NAMES]).toEqual(customMigrations.map((m) => m.name));
  expect(countValueRows("INSERT INTO t (a, b) VALUES ('x(', 1), ('it''s)', 2),\n(3, 4);")).toBe(3);
});

forEachDialect('host drizzle-kit route', (ctx) => {
  const withEmpty = async (body: (c: Connected) => Promise<void>): Promise<void> => {
    const empty = await createEmptyDatabase(ctx().target);
    const c = await connect(empty.url, { poolSize: 2 });
    try {
      await body(c);
    } finally {
      await c.close();
      await empty.drop();
    }
  };

  it('drizzle-kit + hostMigrationSql gives the catalogue and seed rows of migrate(), and migrate() adopts it', async () => {
    const { dialect } = ctx();
    const folder = hostMigrations(dialect, true);
    try {
      await withEmpty(async (c) => {
        await drizzleMigrate(dialect, c.db, folder);
        let adopted: readonly string[] = [];
        expect(await migrate(c.db, { onAdopted: (tags) => (adopted = tags) })).toEqual([]);
        const reference = await catalogue(dialect, ctx().db.main);
        expect(adopted).toHaveLength((await ctx().query('select tag from qzpay_drizzle_migrations')).length);
        expect(await catalogue(dialect, c)).toEqual(reference);
        // Adopted for good: a second run is a no-op, and the storage works on it.
        expect(await migrate(c.db)).toEqual([]);
        const customer = await c.storage.customers.create({ externalId: 'host-1', email: 'h@x.io' });
        expect((await c.storage.customers.findById(customer.id))?.email).toBe('h@x.io');
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);

  it('drizzle-kit alone (no extra SQL): migrate() refuses with MigrationAdoptionError naming the seeds and triggers', async () => {
    const { dialect } = ctx();
    const folder = hostMigrations(dialect, false);
    try {
      await withEmpty(async (c) => {
        await drizzleMigrate(dialect, c.db, folder);
        const error: unknown = await migrate(c.db).then(() => null, (e: unknown) => e);
        expect(error).toBeInstanceOf(MigrationAdoptionError);
        const differences = [...(error as MigrationAdoptionError).differences].sort();
        expect(differences).toEqual(
          [
            'billing_currencies holds 0 of the 164 rows seeded by 0001_seed_currencies',
            'billing_sequences holds 0 of the 2 rows seeded by 0003_seed_sequences',
            ...(dialect === 'pg'
              ? ['trigger billing_audit_logs_no_truncate (0002_audit_logs_append_only) is missing', 'trigger billing_audit_logs_no_update_delete (0002_audit_logs_append_only) is missing']
              : ['trigger billing_audit_logs_no_delete (0002_audit_logs_append_only) is missing', 'trigger billing_audit_logs_no_update (0002_audit_logs_append_only) is missing']),
            ...(dialect === 'sqlite' ? ['trigger billing_audit_logs_no_replace (0004_field_fixes) is missing'] : []),
          ].sort(),
        );
        expect(Number((await resolveDatabase(c.db).driver.root.all('select count(*) from billing_currencies', []))[0]?.[0])).toBe(0);
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);

  it("a host table with one of the library's names stops migrate() before any change (MigrationConflictError)", async () => {
    await withEmpty(async (c) => {
      const driver = resolveDatabase(c.db).driver;
      await driver.root.control('create table billing_addons (id integer primary key, note varchar(20))');
      const error: unknown = await migrate(c.db).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationConflictError);
      expect(error).toMatchObject({ tag: '0000_init', table: 'billing_addons' });
      const q = ctx().dialect === 'sqlite' ? "select name from sqlite_master where type = 'table' and name like 'billing%'" : ctx().dialect === 'pg' ? "select table_name from information_schema.tables where table_schema = 'public' and table_name like 'billing%'" : "select table_name from information_schema.tables where table_schema = database() and table_name like 'billing%'";
      expect((await driver.root.all(q, [])).map((r) => String(r[0]))).toEqual(['billing_addons']);
    });
  }, 60_000);
});
