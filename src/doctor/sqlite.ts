/** Doctor checks of a SQLite database: the connection settings the library relies on. */
import { type DoctorCheck, type DoctorContext, fail, ok, warn } from './types.js';

export async function sqliteChecks({ one }: DoctorContext): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  const mode = String((await one('pragma journal_mode'))?.[0] ?? '').toLowerCase();
  out.push(
    mode === 'wal' || mode === 'memory'
      ? ok('journal mode', mode)
      : warn('journal mode', `${mode}: readers wait for every writer and the reverse`, "run `pragma journal_mode = WAL` once on the file (connect() does)"),
  );
  const busy = Number((await one('pragma busy_timeout'))?.[0] ?? 0);
  out.push(
    busy > 0
      ? ok('busy timeout', `${busy} ms`)
      : warn('busy timeout', '0: a second connection or process gets SQLITE_BUSY at once instead of waiting', "set `pragma busy_timeout = 10000` on the connection (connect() sets lockTimeoutMs)"),
  );
  const keys = Number((await one('pragma foreign_keys'))?.[0] ?? 0);
  out.push(
    keys === 1
      ? ok('foreign keys', 'enforced')
      : fail('foreign keys', 'off on this connection: deletes do not cascade and orphans can be written', 'run `pragma foreign_keys = ON` on every connection before using the storage'),
  );
  return out;
}
