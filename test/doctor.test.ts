/**
 * `doctor()` and `qzpay-drizzle doctor`: a migrated database passes, and each finding is made on a
 * database deliberately broken for it (never migrated, interrupted, a trigger dropped, a
 * connection setting the library relies on turned off). Topology findings (standby, pooler) are
 * in test/topologies.
 */
import { describe, expect, it } from 'vitest';
import { connect } from '../src/connect.js';
import { doctor } from '../src/doctor/index.js';
import { type DialectName, resolveDatabase } from '../src/dialect/index.js';
import { migrate } from '../src/migrate/index.js';
import { cli } from './harness/cli.js';
import { doctorLine } from './harness/doctor-line.js';
import { createEmptyDatabase } from './harness/database.js';
import { forEachDialect } from './harness/index.js';

const verdicts = (checks: Array<{ check: string; verdict: string }>) => Object.fromEntries(checks.map((c) => [c.check, c.verdict]));

forEachDialect('doctor', (ctx) => {
  it('a migrated database: no failing check, and the CLI exits 0', async () => {
    const { db } = ctx();
    const checks = await doctor(db.main.db, { url: db.url });
    expect(checks.filter((c) => c.verdict === 'fail')).toEqual([]);
    expect(verdicts(checks)).toMatchObject({ server: 'ok', migrations: 'ok', 'schema objects': 'ok', ...(ctx().dialect === 'sqlite' ? {} : { writable: 'ok' }) });
  });

  it('the CLI on a database it migrated: every line ok or warn, exit 0', async () => {
    const empty = await createEmptyDatabase(ctx().target);
    try {
      expect((await cli(['migrate', '--url', empty.url])).code).toBe(0);
      const run = await cli(['doctor', '--url', empty.url]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ok\s+migrations\s+\d+ of \d+ applied$/m);
      expect(run.stdout).not.toMatch(/^fail/m);
    } finally {
      await empty.drop();
    }
  });

  it('billing tables with an empty journal (created without migrate) fail "migrations" with the adoption fix', async () => {
    const empty = await createEmptyDatabase(ctx().target);
    const opened = await connect(empty.url, { poolSize: 1 });
    try {
      await migrate(opened.db);
      await resolveDatabase(opened.db).driver.root.run('delete from qzpay_drizzle_migrations', []);
      const m = (await doctor(opened.db)).find((c) => c.check === 'migrations');
      expect(m).toEqual({
        check: 'migrations',
        verdict: 'fail',
        detail: "the billing tables exist but the journal records no migration (created by the host's own drizzle-kit?)",
        fix: 'run migrate(): it adopts tables matching the schema, or names what differs',
      });
    } finally {
      await opened.close();
      await empty.drop();
    }
  });

  it('never migrated: migrations fail listing the pending ones, CLI exit 4, nothing created', async () => {
    const empty = await createEmptyDatabase(ctx().target);
    try {
      // An empty SQLite file must exist for the CLI (doctor does not create one).
      const opened = await connect(empty.url, { poolSize: 1 });
      try {
        const checks = await doctor(opened.db);
        const m = checks.find((c) => c.check === 'migrations');
        expect(m).toMatchObject({ verdict: 'fail' });
        expect(m?.detail).toMatch(/^0 of \d+ applied; pending: 0000_init/);
      } finally {
        await opened.close();
      }
      const run = await cli(['doctor', '--url', empty.url]);
      expect(run.code, run.stderr).toBe(4);
      expect(run.stdout).toMatch(/^fail\s+migrations/m);
      const check = await connect(empty.url, { poolSize: 1 });
      try {
        expect(await doctor(check.db).then((c) => c.find((x) => x.check === 'migrations')?.detail)).toMatch(/^0 of/);
      } finally {
        await check.close();
      }
    } finally {
      await empty.drop();
    }
  });

  it('an interrupted migration is named with the statement migrate() resumes at', async () => {
    const empty = await createEmptyDatabase(ctx().target);
    try {
      const opened = await connect(empty.url, { poolSize: 1 });
      try {
        const stop = new Error('interrupted on purpose');
        await expect(
          migrate(opened.db, { onStatement: (tag, i, phase) => { if (tag.startsWith('0000') && i === 3 && phase === 'after') throw stop; } }),
        ).rejects.toBe(stop);
        const m = (await doctor(opened.db)).find((c) => c.check === 'migrations');
        if (ctx().dialect !== 'mysql') {
          // Transactional DDL (PostgreSQL, SQLite): the interruption rolled everything back.
          expect(m?.detail).toMatch(/^0 of \d+ applied/);
        } else {
          expect(m).toMatchObject({ verdict: 'fail' });
          expect(m?.detail).toMatch(/^0000_init was interrupted: the next run resumes at statement 3 of \d+$/);
        }
      } finally {
        await opened.close();
      }
    } finally {
      await empty.drop();
    }
  });

  it('a dropped audit trigger fails "schema objects" naming it', async () => {
    const empty = await createEmptyDatabase(ctx().target);
    try {
      const opened = await connect(empty.url, { poolSize: 1 });
      try {
        await migrate(opened.db);
        const { dialect } = ctx();
        const names = await doctorTriggerNames(opened.db, dialect);
        const trigger = names.find((n) => n.includes('audit'));
        expect(trigger).toBeDefined();
        const drop = dialect === 'pg' ? `drop trigger ${trigger} on billing_audit_logs` : `drop trigger ${trigger}`;
        await rawExec(opened.db, drop);
        const s = (await doctor(opened.db)).find((c) => c.check === 'schema objects');
        expect(s).toMatchObject({ verdict: 'fail' });
        expect(s?.detail).toContain(`trigger ${trigger}`);
      } finally {
        await opened.close();
      }
    } finally {
      await empty.drop();
    }
  });
});


async function doctorTriggerNames(db: unknown, _dialect: DialectName): Promise<string[]> {
  const { driver, strategy } = resolveDatabase(db);
  return (await driver.root.all(strategy.migrations.triggerNames, [])).map((r) => String(r[0]));
}

async function rawExec(db: unknown, sql: string): Promise<void> {
  await resolveDatabase(db).driver.root.control(sql);
}

describe('doctor: SQLite connection settings [sqlite]', () => {
  it('foreign keys off fails; rollback journal and no busy timeout warn', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { drizzle } = await import('drizzle-orm/better-sqlite3');
    const file = `/tmp/qzpay_doctor_${process.pid}_${Date.now()}.sqlite`;
    const sqlite = new Database(file);
    try {
      await migrate(drizzle({ client: sqlite }));
      sqlite.pragma('foreign_keys = OFF');
      sqlite.pragma('busy_timeout = 0');
      const checks = await doctor(drizzle({ client: sqlite }));
      expect(verdicts(checks)).toMatchObject({ migrations: 'ok', 'journal mode': 'warn', 'busy timeout': 'warn', 'foreign keys': 'fail' });
    } finally {
      sqlite.close();
      const { rmSync } = await import('node:fs');
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    }
  });
});

describe('doctor: MySQL/MariaDB session settings [mysql]', () => {
  it('a non-UTC time_zone and a non-strict sql_mode warn; a long lock wait warns', async (t) => {
    const server = process.env['QZPAY_TEST_MYSQL_URL'];
    if (!server) return t.skip();
    const { default: mysql } = await import('mysql2/promise');
    const { drizzle } = await import('drizzle-orm/mysql2');
    const empty = await createEmptyDatabase({ name: 'mysql', serverUrl: server });
    const client = mysql.createPool({ uri: empty.url, connectionLimit: 1 });
    try {
      await migrate(drizzle({ client }));
      // One connection in the pool: the session settings below are the ones doctor reads.
      await client.query("SET SESSION time_zone = '+05:00', sql_mode = '', innodb_lock_wait_timeout = 120");
      const checks = await doctor(drizzle({ client }));
      expect(verdicts(checks)).toMatchObject({ migrations: 'ok', writable: 'ok', time_zone: 'warn', sql_mode: 'warn', innodb_lock_wait_timeout: 'warn' });
      expect(checks.find((c) => c.check === 'time_zone')?.detail).toMatch(/^session \+05:00/);
    } finally {
      await client.end();
      await empty.drop();
    }
  });
});

describe('doctor: PostgreSQL database settings [pg]', () => {
  const server = () => process.env['QZPAY_TEST_PG_URL'];
  /** A migrated database created with `create database … <options>`, given to `body`, then dropped. */
  const withDatabase = async (options: string, body: (url: string, sql: (s: string) => Promise<void>) => Promise<void>) => {
    const admin = await connect(server() as string, { poolSize: 1 });
    const name = `qzpay_doc_${Math.random().toString(36).slice(2, 10)}`;
    const root = resolveDatabase(admin.db).driver.root;
    await root.control(`create database ${name} ${options}`);
    const url = `${(server() as string).replace(/\/[^/]*$/, '')}/${name}`;
    try {
      const opened = await connect(url, { poolSize: 1 });
      try {
        await migrate(opened.db);
        await body(url, (s) => resolveRoot(opened.db).control(s));
      } finally {
        await opened.close();
      }
    } finally {
      await root.control(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  };
  const resolveRoot = (db: unknown) => resolveDatabase(db).driver.root;
  const checkOf = doctorLine;

  it('transactions read-only by default fail "writable"', async (t) => {
    if (!server()) return t.skip();
    await withDatabase('', async (url, sql) => {
      expect(await checkOf(url, 'writable')).toBe('ok: primary, read-write');
      const name = new URL(url).pathname.slice(1);
      await sql(`alter database ${name} set default_transaction_read_only = on`);
      expect(await checkOf(url, 'writable')).toBe('fail: transactions are read-only by default (default_transaction_read_only)');
    });
  });

  it('an ICU en-US database warns; a billing column without COLLATE "C" fails', async (t) => {
    if (!server()) return t.skip();
    await withDatabase("locale_provider icu icu_locale 'en-US' template template0", async (url, sql) => {
      expect(await checkOf(url, 'collation')).toMatch(/^warn: database default .*: the billing columns still compare by code point/);
      await sql('alter table billing_vendors alter column name type varchar(255) collate "default"');
      expect(await checkOf(url, 'collation')).toMatch(/^fail: 1 text column\(s\) of the billing tables do not use COLLATE "C"/);
    });
  });
});
