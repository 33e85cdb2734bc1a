/**
 * The end of a transaction, written once for every driver: COMMIT or ROLLBACK runs at most once,
 * the connection goes back to its owner exactly once, and a failed COMMIT reaches the caller
 * (its outcome is the caller's business) while a failed ROLLBACK does not (the work is gone
 * either way). What "going back" means is the driver's: release to a pool, destroy a broken
 * pooled connection, or undo and unlock the single connection.
 */
import { QZPayLockTimeoutError } from '../../contract/errors.js';
import { markCommitFailure } from '../errors.js';
import type { Connection, TransactionConnection } from './types.js';

export type TransactionPhase = 'begin' | 'commit' | 'rollback';

export interface Lease {
  /** The connection the transaction runs on (already guarded by the driver if it needs it). */
  readonly conn: Connection;
  /**
   * Returns the connection; `failed` says the statement of `phase` threw, so the connection's
   * state is unknown and it must not be reused as is.
   */
  giveBack(failed: boolean, phase: TransactionPhase): void | Promise<void>;
  /**
   * Drops the connection while a statement may still run on it (the server ends the session and
   * rolls back); the pool opens a new one. Absent where a connection cannot be dropped alone
   * (single-connection drivers): there the transaction waits for the statement, then rolls back.
   */
  destroy?(): void | Promise<void>;
}

/**
 * A pool's connection request limited to `maxWaitMs` (0 or absent: no limit): past it, rejects
 * with QZPayLockTimeoutError, and a connection granted later goes straight back (`giveBack`).
 */
export function waitLimited<T>(request: Promise<T>, maxWaitMs: number | undefined, giveBack: (late: T) => void): Promise<T> {
  if (maxWaitMs === undefined || maxWaitMs <= 0) return request;
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new QZPayLockTimeoutError(`waited ${maxWaitMs} ms for a pool connection (maxWaitMs); nothing ran`));
    }, maxWaitMs);
    request.then(
      (value) => {
        clearTimeout(timer);
        if (late) giveBack(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}

export interface ControlWords {
  readonly begin: string;
  readonly commit: string;
  readonly rollback: string;
}

export const PLAIN: ControlWords = { begin: 'BEGIN', commit: 'COMMIT', rollback: 'ROLLBACK' };

/**
 * Issues BEGIN on the leased connection and returns the transaction handle. `begin` replaces the
 * plain BEGIN statement for drivers that need a hook on it (postgres.js watches its socket there).
 */
export async function openTransaction(
  lease: Lease,
  words: ControlWords = PLAIN,
  begin: () => Promise<void> = () => lease.conn.control(words.begin),
): Promise<TransactionConnection> {
  try {
    await begin();
  } catch (error) {
    await lease.giveBack(true, 'begin');
    throw error;
  }
  let open = true;
  const end = async (phase: 'commit' | 'rollback'): Promise<void> => {
    if (!open) return;
    open = false;
    let failure: { error: unknown } | undefined;
    try {
      await lease.conn.control(phase === 'commit' ? words.commit : words.rollback);
    } catch (error) {
      // A COMMIT that fails may still have committed (lost reply): the translation needs to know.
      if (phase === 'commit') markCommitFailure(error);
      failure = { error };
    }
    await lease.giveBack(failure !== undefined, phase);
    if (failure !== undefined && phase === 'commit') throw failure.error;
  };
  const { conn } = lease;
  // Statements sent and not yet settled: `abort` must know whether ROLLBACK can run now.
  const running = new Set<Promise<unknown>>();
  const track = <T>(statement: Promise<T>): Promise<T> => {
    running.add(statement);
    const done = (): void => void running.delete(statement);
    statement.then(done, done);
    return statement;
  };
  const abort = async (): Promise<void> => {
    if (!open) return;
    if (running.size === 0) return end('rollback');
    if (lease.destroy) {
      open = false;
      await lease.destroy();
      return;
    }
    // The caller is not kept waiting on a statement that may never end; the lock stays held
    // (nobody else can use the connection) until the statement settles and ROLLBACK has run.
    void Promise.allSettled([...running]).then(() => end('rollback')).catch(() => undefined);
  };
  return {
    all: (sql, params) => track(conn.all(sql, params)),
    run: (sql, params) => track(conn.run(sql, params)),
    control: (sql) => track(conn.control(sql)),
    commit: () => end('commit'),
    rollback: () => end('rollback'),
    abort,
  };
}
