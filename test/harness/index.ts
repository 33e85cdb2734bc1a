/**
 * `forEachDialect(title, body)`: the one way a behavioural test file runs — the same cases with
 * the same assertions on every available target, each on its own fresh migrated database.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { connect, type ConnectOptions, type Connected } from '../../src/connect.js';
import type { DialectName } from '../../src/dialect/index.js';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { availableTargets, type Target } from './targets.js';

export interface DialectContext {
  readonly dialect: DialectName;
  /** The file's storage (livemode true). */
  readonly storage: QZPayDrizzleStorageHandle;
  /** Another storage on the same database with its own pool and options (other livemode, clock...). */
  open(options?: ConnectOptions): Promise<QZPayDrizzleStorageHandle>;
  /** `select count(*)` of a table, straight from SQL. */
  count(table: string): Promise<number>;
  /** Raw SQL for assertions; rows as arrays. */
  query(sql: string, params?: unknown[]): Promise<unknown[][]>;
  exec(sql: string): Promise<void>;
  readonly db: TestDatabase;
  readonly target: Target;
}

/**
 * PGlite (the embedded PostgreSQL of a run without a server) is one session in this process: a
 * case that needs a second session, a session to kill, or a server setting is skipped there by
 * name (`it.skipIf(needsServer(target))`) and runs against every PostgreSQL server.
 */
export function needsServer(target: Target): boolean {
  return target.embedded === 'pglite';
}

/**
 * For a whole suite that needs a server: on PGlite it registers one skipped case naming why, so
 * the report shows what did not run, and returns true (the caller registers nothing else).
 */
export function skipSuiteWithoutServer(target: Target, why: string): boolean {
  if (!needsServer(target)) return false;
  it.skip(`needs a PostgreSQL server: ${why}`, () => undefined);
  return true;
}

export function forEachDialect(title: string, body: (ctx: () => DialectContext, target: Target) => void): void {
  for (const target of availableTargets()) {
    describe(`${title} [${target.label ?? target.name}]`, () => {
      let database: TestDatabase | undefined;
      const extra: Connected[] = [];
      let context: DialectContext | undefined;
      beforeAll(async () => {
        const db = await createTestDatabase(target);
        database = db;
        context = {
          dialect: target.name,
          storage: db.main.storage,
          db,
          target,
          async open(options) {
            // In-memory SQLite and PGlite are one connection: reuse it with other options.
            if (target.serverUrl === null) {
              const { createQZPayDrizzleStorage } = await import('../../src/adapter/factory.js');
              return createQZPayDrizzleStorage(db.main.db, options);
            }
            const other = await connect(db.url, options);
            extra.push(other);
            return other.storage;
          },
          count: async (table) => Number((await db.driver.root.all(`select count(*) from ${table}`, []))[0]?.[0]),
          // MySQL keeps strings as UTF-8 bytes (see compile/mysql.ts): raw reads decode them.
          query: async (sql, params = []) =>
            (await db.driver.root.all(sql, params)).map((row) => row.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v))),
          exec: (sql) => db.driver.root.control(sql),
        };
      }, 120_000);
      afterAll(async () => {
        for (const c of extra) await c.close();
        await database?.drop();
      }, 60_000);
      body(() => {
        if (!context) throw new Error('database not ready');
        return context;
      }, target);
    });
  }
}
