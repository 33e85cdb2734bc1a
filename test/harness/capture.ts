/**
 * A storage built exactly as the factory builds it, but on a driver whose connections record
 * every statement: the benchmark uses it to show (and check) that its raw baseline sends the
 * same statements, in the same order and transaction boundaries, as the adapter; the
 * index-proof test reads the statements a call sends.
 */
import type { Collections } from '../../src/adapter/collections/index.js';
import { composeStorage } from '../../src/adapter/factory.js';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';
import type { Connection, Driver, TransactionConnection } from '../../src/dialect/drivers/types.js';

export interface Recorded {
  /** `BEGIN`/`COMMIT`/`ROLLBACK` for transaction boundaries, else the statement text. */
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Whether it ran on a transaction's connection. */
  readonly inTx: boolean;
}

export function recordingConnection(inner: Connection, log: Recorded[], inTx: boolean): Connection {
  return {
    all: (sql, params, options) => {
      log.push({ sql, params, inTx });
      return inner.all(sql, params, options);
    },
    run: (sql, params, options) => {
      log.push({ sql, params, inTx });
      return inner.run(sql, params, options);
    },
    control: (sql, maxWaitMs) => {
      log.push({ sql, params: [], inTx });
      return inner.control(sql, maxWaitMs);
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

/** The adapter's collections on `db`, built by the factory's own wiring, with every statement appended to `log`. */
export function recordingStorage(db: QZPayDrizzleDatabase, log: Recorded[], livemode = true): RecordingStorage {
  const { collections, executor } = composeStorage(db, { livemode }, { wrapDriver: (driver) => recordingDriver(driver, log) });
  return { ...collections, transaction: (fn) => executor.transaction(fn) };
}
