/**
 * Transactions for drivers that own exactly one connection: the transaction takes the mutex for
 * its whole life and issues BEGIN/COMMIT itself; root statements take the mutex per statement.
 */
import { Mutex } from './mutex.js';
import { openTransaction, PLAIN } from './transaction.js';
import type { Connection, DialectName, Driver, TransactionConnection } from './types.js';

export function singleConnectionDriver(dialect: DialectName, name: string, raw: Connection, beginSql = 'BEGIN'): Driver {
  const mutex = new Mutex();
  const root: Connection = {
    all: (sql, params, options) => mutex.run(() => raw.all(sql, params, options), options?.maxWaitMs),
    run: (sql, params, options) => mutex.run(() => raw.run(sql, params, options), options?.maxWaitMs),
    control: (sql, maxWaitMs) => mutex.run(() => raw.control(sql), maxWaitMs),
  };
  return {
    dialect,
    name,
    root,
    async begin(maxWaitMs): Promise<TransactionConnection> {
      const release = await mutex.acquire(maxWaitMs);
      return openTransaction(
        {
          conn: raw,
          giveBack: async (failed, phase) => {
            // A failed COMMIT can leave the transaction open (SQLITE_BUSY): undo it before unlocking.
            if (failed && phase === 'commit') await raw.control('ROLLBACK').catch(() => undefined);
            release();
          },
        },
        { ...PLAIN, begin: beginSql },
      );
    },
  };
}
