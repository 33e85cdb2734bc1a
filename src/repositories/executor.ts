/**
 * Where statements run. The contract's `transaction(fn)` passes no handle to `fn`, so the active
 * transaction travels in an AsyncLocalStorage: every statement asks `connection()` and gets the
 * transaction's connection when one is open in its async context, the root one otherwise.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { QZPayConnectionError, QZPayDeadlockError } from '../contract/errors.js';
import { Mutex } from '../dialect/drivers/mutex.js';
import { DEADLOCK_ATTEMPTS, deadlockBackoff } from './errors.js';
import type { Connection, Driver, TransactionConnection } from '../dialect/drivers/types.js';

interface TransactionScope {
  readonly conn: TransactionConnection;
  readonly depth: number;
  /** Nested transactions of one scope run one at a time: savepoints on one connection cannot interleave. */
  readonly children: Mutex;
}

export class Executor {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();
  private savepointSeq = 0;

  /** `translate` turns a driver error raised by BEGIN/COMMIT into the library's typed errors. */
  constructor(
    readonly driver: Driver,
    private readonly translate: (error: unknown) => unknown = (error) => error,
  ) {}

  connection(): Connection {
    return this.scope.getStore()?.conn ?? this.driver.root;
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
    if (parent) return parent.children.run(() => this.savepoint(parent, fn));
    let conn: TransactionConnection | undefined;
    for (let attempt = 1; conn === undefined; attempt++) {
      try {
        conn = await this.driver.begin();
      } catch (error) {
        // Nothing has run yet: a BEGIN that met a dead session is simply retried once.
        const translated = this.translate(error);
        if (!(translated instanceof QZPayConnectionError) || attempt >= 2) throw translated;
      }
    }
    let result: T;
    try {
      result = await this.scope.run({ conn, depth: 1, children: new Mutex() }, fn);
    } catch (error) {
      await conn.rollback().catch(() => undefined);
      throw error;
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
        if (!(error instanceof QZPayDeadlockError) || attempt >= DEADLOCK_ATTEMPTS) throw error;
        await deadlockBackoff(attempt);
      }
    }
  }

  private async savepoint<T>(parent: TransactionScope, fn: () => Promise<T>): Promise<T> {
    const name = `qzpay_sp_${++this.savepointSeq}`;
    await parent.conn.control(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await this.scope.run({ conn: parent.conn, depth: parent.depth + 1, children: new Mutex() }, fn);
    } catch (error) {
      await parent.conn.control(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    }
    await parent.conn.control(`RELEASE SAVEPOINT ${name}`);
    return result;
  }
}
