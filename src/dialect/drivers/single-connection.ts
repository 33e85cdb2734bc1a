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
    all: (sql, params) => mutex.run(() => raw.all(sql, params)),
    run: (sql, params) => mutex.run(() => raw.run(sql, params)),
    control: (sql) => mutex.run(() => raw.control(sql)),
  };
  return {
    dialect,
    name,
    root,
    async begin(): Promise<TransactionConnection> {
      const release = await mutex.acquire();
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
