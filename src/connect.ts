/**
 * `connect(url)`: opens the right driver for a URL with the settings this library relies on
 * (each driver module's `open`: a pool on PostgreSQL and MySQL, UTC on MySQL, WAL + busy timeout
 * on SQLite) and returns the Drizzle database, the storage on it and a `close`. Used by the CLI, the demo and the tests.
 */
import { QZPayConnectionError } from './contract/errors.js';
import { createQZPayDrizzleStorage, limitOption, type QZPayDrizzleStorageHandle, type QZPayDrizzleStorageOptions } from './adapter/factory.js';
import { type DialectName, type OpenedDatabase, type ParsedUrl, parseDatabaseUrl, urlDriver } from './dialect/index.js';
import type { QZPayDrizzleDatabase } from './dialect/database.js';

export { parseDatabaseUrl, type ParsedUrl } from './dialect/index.js';

export interface Connected {
  readonly dialect: DialectName;
  readonly db: QZPayDrizzleDatabase;
  readonly storage: QZPayDrizzleStorageHandle;
  close(): Promise<void>;
}

export interface ConnectOptions extends QZPayDrizzleStorageOptions {
  /** Pool size on PostgreSQL and MySQL (default 10). */
  poolSize?: number;
  /**
   * Overall limit on opening the client and its first round trip, in ms (default 10 000). A
   * black-holed host (packets dropped, no refusal) otherwise leaves postgres.js waiting forever.
   */
  connectTimeoutMs?: number;
  /**
   * Limit on one statement, per session, in ms (default 60 000; 0: none): PostgreSQL
   * `statement_timeout`, MariaDB `max_statement_time`. Not on SQLite (a statement cannot be
   * interrupted there) nor MySQL. Past it: QZPayLockTimeoutError.
   */
  statementTimeoutMs?: number;
  /**
   * Limit on waiting for a row or table lock, per session, in ms (default 10 000; 0: none):
   * PostgreSQL `lock_timeout`, MariaDB/MySQL `innodb_lock_wait_timeout` (whole seconds, at
   * least 1), SQLite's busy timeout. Past it: QZPayLockTimeoutError.
   */
  lockTimeoutMs?: number;
}
// `prepare` (from QZPayDrizzleStorageOptions) also comes from `?prepare=false` in a PostgreSQL URL; the option wins.

/** Rejects with a QZPayConnectionError when `work` has not settled in `ms`; `onLate` cleans up after it. */
function limited<T>(work: Promise<T>, ms: number, what: string, onLate: (value: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  work.then((value) => late && onLate(value), () => undefined);
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(new QZPayConnectionError(`cannot reach ${what} within ${ms} ms`));
      }, ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function connect(url: string, options: ConnectOptions = {}): Promise<Connected> {
  const parsed = parseDatabaseUrl(url);
  const ms = options.connectTimeoutMs ?? 10_000;
  return limited(connectNow(parsed, options), ms, `${parsed.dialect} database`, (late) => void late.close().catch(() => undefined));
}

async function connectNow(parsed: ParsedUrl, options: ConnectOptions): Promise<Connected> {
  const driver = urlDriver(parsed);
  const prepare = options.prepare ?? parsed.prepare ?? true;
  // Checked before opening: a bad limit is the caller's validation error, not a connection failure.
  const statementTimeoutMs = limitOption('statementTimeoutMs', options.statementTimeoutMs, 60_000);
  const lockTimeoutMs = limitOption('lockTimeoutMs', options.lockTimeoutMs, 10_000);
  let opened: OpenedDatabase;
  try {
    if (!driver.open) throw new Error(`${driver.name} cannot be opened from a URL`);
    opened = await driver.open(parsed.target, { poolSize: options.poolSize ?? 10, prepare, statementTimeoutMs, lockTimeoutMs });
  } catch (error) {
    throw new QZPayConnectionError(`cannot open ${parsed.dialect} database: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const storage = createQZPayDrizzleStorage(opened.db, { ...options, dialect: parsed.dialect, prepare });
  try {
    await storage.ping();
  } catch (error) {
    await opened.close().catch(() => undefined);
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new QZPayConnectionError(`cannot reach ${parsed.dialect} database: ${reason}`, { cause: error });
  }
  return { dialect: parsed.dialect, db: opened.db, storage, close: opened.close };
}
