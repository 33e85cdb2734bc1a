/**
 * Raw driver errors that used to leak now arrive typed (issue 10 §6): a database that was never
 * migrated, a read-only target, a full database. Each fault is injected for real: an empty
 * database, a read-only session/file, a page limit.
 */
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/connect.js';
import { QZPayReadOnlyError, QZPaySchemaMissingError, QZPayStorageFullError } from '../../src/contract/errors.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createEmptyDatabase } from '../harness/database.js';
import { forEachDialect } from '../harness/index.js';

const customer = (tag: string) => ({ externalId: `typed-${tag}`, email: `${tag}@typed.io` });

forEachDialect('faults: typed errors for a missing schema and a read-only target', (ctx) => {
  it('a never-migrated database: customers.create rejects with QZPaySchemaMissingError naming the table and migrate()', async () => {
    const empty = await createEmptyDatabase(ctx().target);
    const connected = await connect(empty.url, { poolSize: 1 });
    try {
      const failure = await connected.storage.customers.create(customer('never-migrated')).then(() => null, (e: unknown) => e);
      expect(failure).toBeInstanceOf(QZPaySchemaMissingError);
      expect((failure as QZPaySchemaMissingError).missing).toBe('billing_customers');
      expect((failure as Error).message).toBe(
        'the database schema is missing billing_customers: run migrate() (or `qzpay-drizzle migrate --url <database-url>`) first',
      );
      expect((failure as Error).cause).toBeDefined();
    } finally {
      await connected.close();
      await empty.drop();
    }
  });

  it('a read-only target: QZPayReadOnlyError, retryable on the server dialects, nothing written', async () => {
    const c = ctx();
    const database = await createEmptyDatabase(c.target);
    const writer = await connect(database.url, { poolSize: 1 });
    await migrate(writer.db);
    const name = new URL(database.url.replace(/^sqlite:/, 'file:')).pathname.replace(/^\//, '');
    let readOnly: { storage: typeof writer.storage; close(): Promise<void> };
    if (c.target.embedded === 'pglite') {
      // PGlite's one session (its data directory has one owner): from now on its transactions are
      // read-only (SQLSTATE 25006, as on a standby); the writer's later read still works.
      await resolveDatabase(writer.db).driver.root.control('set default_transaction_read_only = on');
      readOnly = { storage: writer.storage, close: async () => undefined };
    } else if (c.dialect === 'pg') {
      // Sessions opened afterwards default to read-only transactions (SQLSTATE 25006, as on a standby).
      await resolveDatabase(writer.db).driver.root.control(`alter database ${name} set default_transaction_read_only = on`);
      readOnly = await connect(database.url, { poolSize: 1 });
    } else if (c.dialect === 'mysql') {
      const session = await connect(database.url, { poolSize: 1 });
      // The pool's one session: its transactions and autocommit statements are read-only (1792).
      await resolveDatabase(session.db).driver.root.control('SET SESSION TRANSACTION READ ONLY');
      readOnly = session;
    } else {
      const { default: Database } = await import('better-sqlite3');
      const { drizzle } = await import('drizzle-orm/better-sqlite3');
      const { createQZPayDrizzleStorage } = await import('../../src/adapter/factory.js');
      const file = new Database(database.url.replace(/^sqlite:/, ''), { readonly: true });
      readOnly = { storage: createQZPayDrizzleStorage(drizzle({ client: file })), close: async () => void file.close() };
    }
    try {
      const failure = await readOnly.storage.customers.create(customer('read-only')).then(() => null, (e: unknown) => e);
      expect(failure).toBeInstanceOf(QZPayReadOnlyError);
      expect((failure as QZPayReadOnlyError).retryable).toBe(c.dialect !== 'sqlite');
      expect(await writer.storage.customers.list({})).toMatchObject({ data: [] });
    } finally {
      await readOnly.close();
      await writer.close();
      await database.drop();
    }
  });
});

describe('faults: a full SQLite database [sqlite]', () => {
  it('SQLITE_FULL (page limit reached) rejects with QZPayStorageFullError; resolved writes are all there', async () => {
    const connected = await connect(':memory:');
    await migrate(connected.db);
    const root = resolveDatabase(connected.db).driver.root;
    const pages = Number((await root.all('PRAGMA page_count', []))[0]?.[0]);
    await root.control(`PRAGMA max_page_count = ${pages + 1}`);
    let resolved = 0;
    let failure: unknown = null;
    for (let i = 0; i < 2000 && failure === null; i++) {
      await connected.storage.customers.create({ ...customer(`full-${i}`), metadata: { pad: 'x'.repeat(2000) } }).then(
        () => void resolved++,
        (e: unknown) => void (failure = e),
      );
    }
    expect(failure).toBeInstanceOf(QZPayStorageFullError);
    expect(Number((await root.all('select count(*) from billing_customers', []))[0]?.[0])).toBe(resolved);
    await connected.close();
  });
});
