/**
 * Transactions for drivers that own exactly one connection: the transaction takes the mutex for
 * its whole life and issues BEGIN/COMMIT itself; root statements take the mutex per statement.
 */
import { Mutex } from './mutex.js';
import type { Connection, DialectName, Driver, TransactionConnection } from './types.js';

export function singleConnectionDriver(
  dialect: DialectName,
  name: string,
  raw: Connection,
  beginSql: string,
  close: () => Promise<void>,
): Driver {
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
      try {
        await raw.control(beginSql);
      } catch (error) {
        release();
        throw error;
      }
      let open = true;
      const end = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
        if (!open) return;
        open = false;
        try {
          await raw.control(sql);
        } catch (error) {
          // A failed COMMIT can leave the transaction open (SQLITE_BUSY): undo it before release.
          if (sql === 'COMMIT') await raw.control('ROLLBACK').catch(() => undefined);
          if (sql === 'COMMIT') throw error;
        } finally {
          release();
        }
      };
      return { all: raw.all, run: raw.run, control: raw.control, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
    },
    close,
  };
}
