/**
 * Where statements run. The contract's `transaction(fn)` passes no handle to `fn`, so the active
 * transaction travels in an AsyncLocalStorage: every statement asks `connection()` and gets the
 * transaction's connection when one is open in its async context, the root one otherwise.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Mutex } from '../dialect/drivers/mutex.js';
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

  constructor(readonly driver: Driver) {}

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
    const conn = await this.driver.begin();
    let result: T;
    try {
      result = await this.scope.run({ conn, depth: 1, children: new Mutex() }, fn);
    } catch (error) {
      await conn.rollback().catch(() => undefined);
      throw error;
    }
    await conn.commit();
    return result;
  }

  /** For multi-statement methods: join the caller's transaction if there is one, else open one. */
  atomic<T>(fn: () => Promise<T>): Promise<T> {
    return this.inTransaction() ? fn() : this.transaction(fn);
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
