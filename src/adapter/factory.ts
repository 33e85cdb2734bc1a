/**
 * `createQZPayDrizzleStorage(db, options)`: the adapter object of the QZPay storage contract,
 * on whichever Drizzle database it is given. The dialect is detected once here; everything
 * below runs the same code on PostgreSQL, MySQL and SQLite.
 */
import type { QZPayDrizzleStorage } from '../contract/extensions.js';
import { type DialectName, resolveDatabase } from '../dialect/index.js';
import { translateError } from '../repositories/errors.js';
import { Executor } from '../repositories/executor.js';
import { StatementCache } from '../repositories/statements.js';
import { createCollections } from './collections/index.js';
import { createEnv } from './env.js';
import { lagTolerantReads, type QZPayLagTolerantReads } from './lag-tolerant.js';

export interface QZPayDrizzleStorageOptions {
  /** Stamped on writes and scoping lists (STORAGE-CONTRACT §6); default `true`, as upstream. */
  livemode?: boolean;
  /** The adapter's clock; injectable for tests. */
  now?: () => Date;
  /** Asserts the dialect instead of trusting detection (a mismatch is an error). */
  dialect?: DialectName;
  /** Failed deliveries after which a webhook event is `dead` (default 5); `markFailed`'s own option wins. */
  webhookMaxAttempts?: number;
  /**
   * PostgreSQL: use named server-side prepared statements (default `true`). Set `false` behind a
   * transaction pooler such as PgBouncer in transaction mode (unless it is >= 1.21 with
   * `max_prepared_statements` set). The setting belongs to the client: every storage and
   * `migrate()` on it share it, and two storages asking for different values is an error.
   */
  prepare?: boolean;
}

export interface QZPayDrizzleStorageHandle extends QZPayDrizzleStorage {
  /** The dialect detected from the database. */
  readonly dialect: DialectName;
  /** One round trip to the database (health checks; `connect` uses it to fail fast). */
  ping(): Promise<void>;
  /**
   * Opt-in reads that may lag: `list`/`listPage` of the paged collections, on a replica of a
   * `withReplicas` database (on the database itself otherwise). Everything else, including every
   * contract method, stays on the primary, so read-your-writes holds.
   */
  readonly lagTolerant: QZPayLagTolerantReads;
}

export function createQZPayDrizzleStorage(db: unknown, options: QZPayDrizzleStorageOptions = {}): QZPayDrizzleStorageHandle {
  const { driver, strategy } = resolveDatabase(db, options.dialect, { prepare: options.prepare });
  const replicas = (db as { $replicas?: readonly unknown[] } | null)?.$replicas ?? [];
  const executor = new Executor(driver, (error) => translateError(strategy.classifyError(error), 'transaction', error));
  const env = createEnv(
    { strategy, executor, statements: new StatementCache() },
    { livemode: options.livemode ?? true, now: options.now ?? (() => new Date()), webhookMaxAttempts: options.webhookMaxAttempts },
  );
  const collections = createCollections(env);
  const replicaStorages = replicas.map((replica) => createQZPayDrizzleStorage(replica, { ...options, dialect: driver.dialect }));
  return {
    ...collections,
    lagTolerant: lagTolerantReads(replicaStorages.length > 0 ? replicaStorages : [collections]),
    dialect: driver.dialect,
    transaction: (fn) => executor.transaction(fn),
    ping: async () => {
      await driver.root.all('select 1', []);
    },
  };
}
