/**
 * Shared tools of the fault tests: a storage on its own pool whose transaction connections the
 * test can reach (to ask the server for the backend id and kill exactly that session), a bounded
 * wait, and the rows a test's tag left behind.
 */
import { connect, type ConnectOptions, type Connected } from '../../src/connect.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import type { Driver, TransactionConnection } from '../../src/dialect/drivers/types.js';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import type { DialectContext } from '../harness/index.js';

export interface Tracked {
  readonly storage: QZPayDrizzleStorageHandle;
  /** The connection of the transaction most recently opened by `storage` (one at a time in these tests). */
  lastTransaction(): TransactionConnection;
  close(): Promise<void>;
}

/**
 * Wraps `begin` of the one Driver behind a Drizzle database (drivers are cached per client, so
 * the storage's executor sees the wrapper) to remember each transaction connection it hands out.
 */
export function trackTransactions(db: unknown): { lastTransaction(): TransactionConnection; restore(): void } {
  const driver: Driver = resolveDatabase(db).driver;
  const original = driver.begin.bind(driver);
  let last: TransactionConnection | undefined;
  driver.begin = async () => {
    const conn = await original();
    last = conn;
    return conn;
  };
  return {
    lastTransaction() {
      if (!last) throw new Error('no transaction was opened yet');
      return last;
    },
    restore() {
      driver.begin = original;
    },
  };
}

/**
 * A storage with its own pool on the test file's database (pg, mysql), or the file's own
 * in-memory SQLite storage (SQLite has no second connection to an in-memory database).
 */
export async function openTracked(ctx: DialectContext, options: ConnectOptions = {}, url = ctx.db.url): Promise<Tracked> {
  let connected: Connected | null = null;
  let db: unknown;
  let storage: QZPayDrizzleStorageHandle;
  if (ctx.target.serverUrl === null) {
    db = ctx.db.main.db;
    storage = ctx.storage;
  } else {
    connected = await connect(url, options);
    db = connected.db;
    storage = connected.storage;
  }
  const tracker = trackTransactions(db);
  return {
    storage,
    lastTransaction: tracker.lastTransaction,
    async close() {
      tracker.restore();
      await connected?.close();
    },
  };
}

/** Rejects when `promise` has not settled within `ms`: "no deadlock" made into an assertion. */
export async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Customers whose externalId starts with `tag`, counted straight from SQL. */
export async function customersTagged(ctx: DialectContext, tag: string): Promise<number> {
  const placeholder = ctx.dialect === 'pg' ? '$1' : '?';
  const rows = await ctx.query(`select count(*) from billing_customers where external_id like ${placeholder}`, [`${tag}%`]);
  return Number(rows[0]?.[0]);
}
