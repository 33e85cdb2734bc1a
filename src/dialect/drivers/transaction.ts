/**
 * The end of a transaction, written once for every driver: COMMIT or ROLLBACK runs at most once,
 * the connection goes back to its owner exactly once, and a failed COMMIT reaches the caller
 * (its outcome is the caller's business) while a failed ROLLBACK does not (the work is gone
 * either way). What "going back" means is the driver's: release to a pool, destroy a broken
 * pooled connection, or undo and unlock the single connection.
 */
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
  return {
    all: (sql, params) => conn.all(sql, params),
    run: (sql, params) => conn.run(sql, params),
    control: (sql) => conn.control(sql),
    commit: () => end('commit'),
    rollback: () => end('rollback'),
  };
}
