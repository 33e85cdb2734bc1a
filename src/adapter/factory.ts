/**
 * `createQZPayDrizzleStorage(db, options)`: the adapter object of the QZPay storage contract,
 * on whichever Drizzle database it is given. The dialect is detected once here; everything
 * below runs the same code on PostgreSQL, MySQL and SQLite.
 */
import type { QZPayDrizzleStorage } from '../contract/extensions.js';
import { QZPayValidationError } from '../contract/errors.js';
import { type DialectName, resolveDatabase } from '../dialect/index.js';
import { type DeadlockRetry, defaultDeadlockRetry, translateError } from '../repositories/errors.js';
import { Executor } from '../repositories/executor.js';
import { StatementCache, statementCacheLimits } from '../repositories/statements.js';
import { type Collections, createCollections } from './collections/index.js';
import { type CollectionEnv, createEnv } from './env.js';
import { lagTolerantReads, type QZPayLagTolerantReads } from './lag-tolerant.js';
import { hostLogger, nameOperations, observed, type QZPayQueryEvent } from './observe.js';
import type { Connection, Driver } from '../dialect/drivers/types.js';
import type { DialectStrategy } from '../dialect/strategy.js';
import type { QZPayDrizzleDatabase } from '../dialect/database.js';

export interface QZPayDrizzleStorageOptions {
  /** Stamped on writes and scoping lists (docs/contract.md §6); default `true`, as upstream. */
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
  /**
   * Time limit of a `transaction(fn)` from BEGIN until `fn` settles, in ms (default 30 000; 0: none).
   * Past it the transaction is rolled back, `transaction()` rejects with
   * QZPayTransactionTimeoutError, and every later statement of `fn` rejects with that error.
   */
  transactionTimeoutMs?: number;
  /**
   * How long a call may wait for a connection, in ms (default 10 000; 0: none): a transaction for
   * a pool connection, any call for the single-connection lock (SQLite, PGlite, a lone client).
   * Past it the call rejects with QZPayLockTimeoutError, having run nothing.
   */
  maxWaitMs?: number;
  /**
   * Re-runs of a call that lost a deadlock outside a caller's transaction (inside one, the error
   * goes to the caller, who owns the transaction): `attempts` in all (default 5, first try
   * included), random pauses capped at `maxBackoffMs` (default 50). Writes spread over several
   * Galera nodes lose certification far more often than a single server deadlocks: raise both
   * there (docs/deployment.md). Past the budget the call rejects with QZPayDeadlockError.
   */
  deadlockRetry?: { attempts?: number; maxBackoffMs?: number };
  /**
   * Bounds on the statements this storage keeps (README "Statement cache"): `shapes` rendered
   * statement shapes in the process (default 2 000, least recently used dropped first), and
   * `prepared` distinct statements it ever prepares on the server per connection (default 500;
   * 0: none), admitted on their second use. Shapes past the bound run unprepared.
   */
  statementCache?: { shapes?: number; prepared?: number };
  /**
   * Called after every statement the storage sends (SQL, bound values, duration, the method that
   * sent it, the driver error if any), e.g. for logs or OpenTelemetry spans. The library's own
   * BEGIN/COMMIT/ROLLBACK and savepoints are not reported. A host's Drizzle `logger` (given to
   * `drizzle()`) is called as well, with or without this hook.
   */
  onQuery?: (event: QZPayQueryEvent) => void;
  /** Bound values in `onQuery` events: `'redacted'` (default: each value's kind only) or `'raw'`. */
  queryParams?: 'redacted' | 'raw';
}

/** A limit in ms from the options: a finite number >= 0 (0 turns the limit off). */
export function limitOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new QZPayValidationError(name, 'must be a finite number of milliseconds >= 0 (0 turns the limit off)');
  }
  return value;
}

function retryOption(option: QZPayDrizzleStorageOptions['deadlockRetry']): DeadlockRetry {
  const attempts = option?.attempts ?? defaultDeadlockRetry.attempts;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 1_000) {
    throw new QZPayValidationError('deadlockRetry.attempts', 'must be an integer from 1 to 1000');
  }
  const maxBackoffMs = option?.maxBackoffMs ?? defaultDeadlockRetry.maxBackoffMs;
  if (typeof maxBackoffMs !== 'number' || !Number.isFinite(maxBackoffMs) || maxBackoffMs < 0) {
    throw new QZPayValidationError('deadlockRetry.maxBackoffMs', 'must be a finite number of milliseconds >= 0');
  }
  return { attempts, maxBackoffMs };
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

/** One storage's wiring, as the factory builds it. */
export interface StorageParts {
  readonly driver: Driver;
  readonly strategy: DialectStrategy;
  readonly executor: Executor;
  readonly env: CollectionEnv;
  readonly collections: Collections;
}

/**
 * The one composition root: the factory, the test harness and the benchmarks all build storages
 * here. `wrapDriver` is the seam for tools that watch the driver (the benchmark's statement
 * recorder); the storage uses whatever it returns exactly as it would the driver.
 */
export function composeStorage(db: QZPayDrizzleDatabase, options: QZPayDrizzleStorageOptions = {}, seams: { wrapDriver?: (driver: Driver) => Driver } = {}): StorageParts {
  const resolved = resolveDatabase(db, options.dialect, { prepare: options.prepare });
  const { strategy } = resolved;
  const driver = seams.wrapDriver ? seams.wrapDriver(resolved.driver) : resolved.driver;
  const limits = {
    transactionTimeoutMs: limitOption('transactionTimeoutMs', options.transactionTimeoutMs, 30_000),
    maxWaitMs: limitOption('maxWaitMs', options.maxWaitMs, 10_000),
  };
  const retry = retryOption(options.deadlockRetry);
  const logger = hostLogger(db);
  const observe = logger || options.onQuery ? (conn: Connection) => observed(conn, logger, options) : undefined;
  const executor = new Executor(driver, (error) => translateError(strategy.classifyError(error), 'transaction', error), limits, retry, observe);
  const env = createEnv(
    { strategy, executor, statements: new StatementCache(statementCacheLimits(options.statementCache)) },
    { livemode: options.livemode ?? true, now: options.now ?? (() => new Date()), webhookMaxAttempts: options.webhookMaxAttempts },
  );
  const collections = options.onQuery ? nameOperations(createCollections(env)) : createCollections(env);
  return { driver, strategy, executor, env, collections };
}

export function createQZPayDrizzleStorage(db: QZPayDrizzleDatabase, options: QZPayDrizzleStorageOptions = {}): QZPayDrizzleStorageHandle {
  const { driver, executor, collections } = composeStorage(db, options);
  const replicas = (db as { $replicas?: readonly QZPayDrizzleDatabase[] })?.$replicas ?? [];
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
