/**
 * Where statements run. The contract's `transaction(fn)` passes no handle to `fn`, so the active
 * transaction travels in an AsyncLocalStorage: every statement asks `connection()` and gets the
 * transaction's connection when one is open in its async context, the root one otherwise.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { QZPayConnectionError, QZPayDeadlockError, QZPayTransactionTimeoutError } from '../contract/errors.js';
import { Mutex } from '../dialect/drivers/mutex.js';
import { type DeadlockRetry, deadlockBackoff, defaultDeadlockRetry } from './errors.js';
import type { Connection, Driver, StatementOptions, TransactionConnection } from '../dialect/drivers/types.js';

/**
 * One block of a transaction: the outer transaction or one savepoint. The savepoint rule: a
 * `ROLLBACK TO SAVEPOINT` undoes every statement run on the connection since the savepoint, so
 * while a child block is open the enclosing block's own statements wait for it (they take the
 * block's lock per statement, the child holds it for its whole life) and sibling blocks run one
 * after another. A rollback then undoes only its own block's work.
 */
class TransactionScope {
  /** Held per statement by this block's statements, and for its whole life by an open child block. */
  readonly lock = new Mutex();
  ended = false;
  readonly conn: Connection;

  constructor(
    readonly tx: TransactionConnection,
    readonly parent: TransactionScope | null,
  ) {
    // A statement issued from a block that has already ended (a fire-and-forget promise) runs in
    // the nearest block still open, under that block's lock.
    const live = (): TransactionScope => {
      let scope: TransactionScope = this;
      while (scope.ended && scope.parent) scope = scope.parent;
      return scope;
    };
    this.conn = {
      all: (sql, params, options) => {
        const scope = live();
        return scope.lock.run(() => tx.all(sql, params, options));
      },
      run: (sql, params, options) => {
        const scope = live();
        return scope.lock.run(() => tx.run(sql, params, options));
      },
      control: (sql) => {
        const scope = live();
        return scope.lock.run(() => tx.control(sql));
      },
    };
  }
}

/**
 * The open transaction belongs to the client, not to one storage: every storage built on the same
 * client (drivers are cached per client) sees it, so a second storage (the other livemode, say)
 * called inside `transaction(fn)` joins it instead of queueing behind it on a single connection
 * (a deadlock) or writing outside it on a pool. Savepoint names are numbered per client as well.
 */
interface ClientScope {
  readonly current: AsyncLocalStorage<TransactionScope>;
  savepointSeq: number;
}
const clientScopes = new WeakMap<Driver, ClientScope>();
function clientScope(driver: Driver): ClientScope {
  let found = clientScopes.get(driver);
  if (!found) {
    found = { current: new AsyncLocalStorage<TransactionScope>(), savepointSeq: 0 };
    clientScopes.set(driver, found);
  }
  return found;
}

/** Time limits of one storage, in ms; 0 turns one off. */
export interface TimeLimits {
  /** From BEGIN to the callback's settling; past it the transaction is rolled back. */
  readonly transactionTimeoutMs: number;
  /** Waiting for a pool connection (a transaction) or the single-connection lock (any statement). */
  readonly maxWaitMs: number;
}

export const NO_LIMITS: TimeLimits = { transactionTimeoutMs: 0, maxWaitMs: 0 };

/**
 * The transaction's connection behind a fence: once the transaction has timed out, every
 * statement issued through it (the stale callback's, savepoints included) rejects with the
 * timeout error and is never sent, whoever holds the connection by then.
 */
function fenced(tx: TransactionConnection): { tx: TransactionConnection; close(error: Error): void } {
  let closed: Error | null = null;
  return {
    tx: {
      all: (sql, params, options) => (closed ? Promise.reject(closed) : tx.all(sql, params, options)),
      run: (sql, params, options) => (closed ? Promise.reject(closed) : tx.run(sql, params, options)),
      control: (sql) => (closed ? Promise.reject(closed) : tx.control(sql)),
      commit: () => tx.commit(),
      rollback: () => tx.rollback(),
      abort: () => tx.abort(),
    },
    close: (error) => {
      closed = error;
    },
  };
}

export class Executor {
  private readonly client: ClientScope;
  private readonly scope: AsyncLocalStorage<TransactionScope>;
  /** Statements outside a transaction, with this storage's limit on waiting for the lock. */
  private readonly root: Connection;
  private readonly observedConns = new WeakMap<Connection, Connection>();

  /** `translate` turns a driver error raised by BEGIN/COMMIT into the library's typed errors. */
  constructor(
    readonly driver: Driver,
    private readonly translate: (error: unknown) => unknown = (error) => error,
    private readonly limits: TimeLimits = NO_LIMITS,
    /** Re-runs of deadlock victims outside a caller's transaction (QZPayDrizzleStorageOptions.deadlockRetry). */
    readonly deadlockRetry: DeadlockRetry = defaultDeadlockRetry,
    /** Wraps each connection this storage's statements go through (the host's logger and hook, adapter/observe.ts). */
    private readonly observe?: (conn: Connection) => Connection,
  ) {
    this.client = clientScope(driver);
    this.scope = this.client.current;
    const { root } = driver;
    const wait = limits.maxWaitMs;
    const waiting = { maxWaitMs: wait };
    const withWait = (options: StatementOptions | undefined) => (options === undefined ? waiting : { ...options, maxWaitMs: wait });
    this.root =
      wait > 0
        ? {
            all: (sql, params, options) => root.all(sql, params, withWait(options)),
            run: (sql, params, options) => root.run(sql, params, withWait(options)),
            control: (sql) => root.control(sql, wait),
          }
        : root;
  }

  connection(): Connection {
    const conn = this.scope.getStore()?.conn ?? this.root;
    if (!this.observe) return conn;
    // Per connection, once: the transaction scope is the client's, shared by its storages.
    let wrapped = this.observedConns.get(conn);
    if (!wrapped) {
      wrapped = this.observe(conn);
      this.observedConns.set(conn, wrapped);
    }
    return wrapped;
  }

  inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /**
   * The contract's `transaction`: commits when `fn` resolves, rolls back and rethrows the very same
   * error object when it rejects; a nested call becomes a savepoint of the enclosing transaction.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const parent = this.scope.getStore();
    if (parent) return parent.lock.run(() => this.savepoint(parent, fn));
    let begun: TransactionConnection | undefined;
    for (let attempt = 1; begun === undefined; attempt++) {
      try {
        begun = await this.driver.begin(this.limits.maxWaitMs);
      } catch (error) {
        // Nothing has run yet: a BEGIN that met a dead session is simply retried once.
        const translated = this.translate(error);
        if (!(translated instanceof QZPayConnectionError) || attempt >= 2) throw translated;
      }
    }
    const fence = fenced(begun);
    const conn = fence.tx;
    let result: T;
    const scope = new TransactionScope(conn, null);
    const limit = this.limits.transactionTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    let timedOut: QZPayTransactionTimeoutError | null = null;
    const expired =
      limit > 0
        ? new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              timedOut = new QZPayTransactionTimeoutError(limit);
              // Fence first: from here on nothing of the callback reaches the connection.
              fence.close(timedOut);
              reject(timedOut);
            }, limit);
          })
        : null;
    try {
      const work = this.scope.run(scope, fn);
      result = expired ? await Promise.race([work, expired]) : await work;
    } catch (error) {
      clearTimeout(timer);
      scope.ended = true;
      if (timedOut) {
        await conn.abort().catch(() => undefined);
        throw timedOut;
      }
      await conn.rollback().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
      scope.ended = true;
    }
    try {
      await conn.commit();
    } catch (error) {
      throw this.translate(error);
    }
    return result;
  }

  /**
   * For multi-statement methods: join the caller's transaction if there is one, else open one.
   * A transaction opened here is the library's own, so a deadlock victim is re-run (it was
   * rolled back whole); inside a caller's transaction the error goes to the caller.
   */
  async atomic<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(fn);
      } catch (error) {
        if (!(error instanceof QZPayDeadlockError) || attempt >= this.deadlockRetry.attempts) throw error;
        await deadlockBackoff(attempt, this.deadlockRetry);
      }
    }
  }

  /**
   * Like `atomic`, but inside a caller's transaction `fn` runs in a savepoint, so its writes
   * vanish together even when the caller catches the error and commits.
   */
  isolated<T>(fn: () => Promise<T>): Promise<T> {
    return this.inTransaction() ? this.transaction(fn) : this.atomic(fn);
  }

  private async savepoint<T>(parent: TransactionScope, fn: () => Promise<T>): Promise<T> {
    const name = `qzpay_sp_${++this.client.savepointSeq}`;
    // The parent's lock is held by this call (see `transaction`): control goes to the raw connection.
    // Savepoint statements fail like any other (a killed session): typed, as BEGIN/COMMIT are.
    await parent.tx.control(`SAVEPOINT ${name}`).catch((error: unknown) => Promise.reject(this.translate(error)));
    const scope = new TransactionScope(parent.tx, parent);
    let result: T;
    try {
      result = await this.scope.run(scope, fn);
      // Statements still queued on this block finish before it is released.
      await scope.lock.run(async () => undefined);
    } catch (error) {
      scope.ended = true;
      await scope.lock.run(() => parent.tx.control(`ROLLBACK TO SAVEPOINT ${name}`)).catch(() => undefined);
      throw error;
    } finally {
      scope.ended = true;
    }
    await parent.tx.control(`RELEASE SAVEPOINT ${name}`).catch((error: unknown) => Promise.reject(this.translate(error)));
    return result;
  }
}
