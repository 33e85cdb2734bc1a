/**
 * Shared tools of the fault tests: reaching the connection of a storage's transaction (to ask the
 * server for its session id and end exactly that session) and bounded waits.
 */
import { resolveDatabase } from '../../src/dialect/index.js';
import type { Driver, TransactionConnection } from '../../src/dialect/drivers/types.js';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';

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
