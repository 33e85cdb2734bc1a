/**
 * A storage built exactly as the factory builds it, but on a driver whose connections record
 * every statement: the benchmark uses it to show (and check) that its raw baseline sends the
 * same statements, in the same order and transaction boundaries, as the adapter.
 */
import { createCollections, type Collections } from '../src/adapter/collections/index.js';
import { createEnv } from '../src/adapter/env.js';
import { resolveDatabase } from '../src/dialect/index.js';
import type { Connection, Driver, TransactionConnection } from '../src/dialect/drivers/types.js';
import { translateError } from '../src/repositories/errors.js';
import { Executor } from '../src/repositories/executor.js';
import { StatementCache } from '../src/repositories/statements.js';

export interface Recorded {
  /** `BEGIN`/`COMMIT`/`ROLLBACK` for transaction boundaries, else the statement text. */
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Whether it ran on a transaction's connection. */
  readonly inTx: boolean;
}

export function recordingConnection(inner: Connection, log: Recorded[], inTx: boolean): Connection {
  return {
    all: (sql, params) => {
      log.push({ sql, params, inTx });
      return inner.all(sql, params);
    },
    run: (sql, params) => {
      log.push({ sql, params, inTx });
      return inner.run(sql, params);
    },
    control: (sql) => {
      log.push({ sql, params: [], inTx });
      return inner.control(sql);
    },
  };
}

export function recordingDriver(driver: Driver, log: Recorded[]): Driver {
  return {
    dialect: driver.dialect,
    name: driver.name,
    root: recordingConnection(driver.root, log, false),
    async begin(maxWaitMs): Promise<TransactionConnection> {
      const tx = await driver.begin(maxWaitMs);
      log.push({ sql: 'BEGIN', params: [], inTx: true });
      return {
        ...recordingConnection(tx, log, true),
        commit: async () => {
          log.push({ sql: 'COMMIT', params: [], inTx: true });
          await tx.commit();
        },
        rollback: async () => {
          log.push({ sql: 'ROLLBACK', params: [], inTx: true });
          await tx.rollback();
        },
        abort: async () => {
          log.push({ sql: 'ROLLBACK', params: [], inTx: true });
          await tx.abort();
        },
      };
    },
  };
}

export type RecordingStorage = Collections & { transaction<T>(fn: () => Promise<T>): Promise<T> };

/** The adapter's collections on `db`, with every statement appended to `log`. */
export function recordingStorage(db: unknown, log: Recorded[], livemode = true): RecordingStorage {
  const { driver, strategy } = resolveDatabase(db);
  const executor = new Executor(recordingDriver(driver, log), (error) => translateError(strategy.classifyError(error), 'transaction', error));
  const env = createEnv({ strategy, executor, statements: new StatementCache() }, { livemode, now: () => new Date() });
  return { ...createCollections(env), transaction: (fn) => executor.transaction(fn) };
}
