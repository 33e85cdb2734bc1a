/**
 * better-sqlite3: synchronous and single-connection. Drizzle's own transaction wrapper cannot
 * take an async callback here (it throws and leaves the writes committed), so the adapter runs
 * BEGIN IMMEDIATE / COMMIT itself behind the single-connection mutex.
 */
import { singleConnectionDriver } from './single-connection.js';
import { loadPeer } from './peer.js';
import type { Driver, DriverModule, OpenedDatabase, OpenSettings, StatementOptions } from './types.js';

interface Statement {
  readonly reader: boolean;
  raw(toggle: boolean): Statement;
  all(...params: unknown[]): unknown[][];
  run(...params: unknown[]): { changes: number };
}
export interface BetterSqliteDatabase {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  close(): unknown;
  readonly open: boolean;
}

const FIXED_CONTROL = new Set(['BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK']);

function wrap(db: BetterSqliteDatabase): Driver {
  // SQLite enforces foreign keys only when asked, per connection; the other dialects always do.
  db.exec('PRAGMA foreign_keys = ON');
  // Statements are compiled once and kept: the text is stable per statement shape. A shape
  // outside the prepared set is compiled for the one call and left to the garbage collector.
  const cache = new Map<string, Statement>();
  const compile = (sql: string): Statement => {
    const stmt = db.prepare(sql);
    if (stmt.reader) stmt.raw(true);
    return stmt;
  };
  const prepare = (sql: string, options?: StatementOptions): Statement => {
    if (options?.unprepared === true) return cache.get(sql) ?? compile(sql);
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = compile(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return singleConnectionDriver(
    'sqlite',
    'better-sqlite3',
    {
      all: async (sql, params, options) => prepare(sql, options).all(...params),
      run: async (sql, params, options) => {
        const stmt = prepare(sql, options);
        // A RETURNING statement is a reader: run it through all() and count the rows it returned.
        return stmt.reader ? stmt.all(...params).length : stmt.run(...params).changes;
      },
      control: async (sql) => {
        // BEGIN/COMMIT/ROLLBACK run on every transaction: prepared once like any statement.
        // Savepoint names vary, so those are not cached.
        if (FIXED_CONTROL.has(sql)) prepare(sql).run();
        else db.exec(sql);
      },
    },
    'BEGIN IMMEDIATE',
  );
}

/**
 * Changing the journal mode needs the file to itself, and SQLite answers SQLITE_BUSY at once
 * without consulting busy_timeout while another process holds a rollback-journal write lock (as
 * a second process does while the first one is converting a new file to WAL). So the switch is
 * retried here, within the same lockTimeoutMs budget (0: no limit).
 */
async function switchToWal(sqlite: { pragma(source: string): unknown }, lockTimeoutMs: number): Promise<void> {
  const deadline = lockTimeoutMs > 0 ? Date.now() + lockTimeoutMs : Number.POSITIVE_INFINITY;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = (error as { code?: unknown }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * `sqlite:<path>` / `:memory:` in `connect()`: WAL for files, and a busy timeout (`lockTimeoutMs`;
 * SQLite has no "wait forever", so 0 becomes the largest value) so a second process waits.
 */
async function open(target: string, settings: OpenSettings): Promise<OpenedDatabase> {
  const { default: Database } = await loadPeer<{ default: typeof import('better-sqlite3') }>('better-sqlite3');
  const { drizzle } = await loadPeer<typeof import('drizzle-orm/better-sqlite3')>('drizzle-orm/better-sqlite3');
  const sqlite = new Database(target);
  sqlite.pragma(`busy_timeout = ${settings.lockTimeoutMs > 0 ? Math.ceil(settings.lockTimeoutMs) : 2_147_483_647}`);
  if (target !== ':memory:') {
    try {
      await switchToWal(sqlite, settings.lockTimeoutMs);
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }
  return {
    db: drizzle({ client: sqlite }),
    close: async () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

export const betterSqlite3: DriverModule = {
  name: 'better-sqlite3',
  dialect: 'sqlite',
  sessionKind: 'BetterSQLiteSession',
  wrap: (client) => wrap(client as BetterSqliteDatabase),
  open,
};
