/** Turns a classified driver error into the library's typed errors, keeping the original as cause. */
import {
  QZPayConnectionError,
  QZPayDeadlockError,
  QZPayForeignKeyError,
  QZPayLockTimeoutError,
  QZPayReadOnlyError,
  QZPaySchemaMissingError,
  QZPayStorageError,
  QZPayStorageFullError,
  QZPayUniqueConstraintError,
} from '../contract/errors.js';
import { isCommitFailure, wasNotSent } from '../dialect/errors.js';
import type { DbErrorClass } from '../dialect/strategy.js';

/** `entity` names what was being written: a table name, or `transaction` for COMMIT and the like. */
/**
 * How a statement or library-owned transaction that lost a deadlock (or a Galera certification
 * conflict, errno 1213) is re-run: `attempts` in all (first try included), each after a random
 * pause of up to 10·2^(n-1) ms, capped at `maxBackoffMs`.
 */
export interface DeadlockRetry {
  readonly attempts: number;
  readonly maxBackoffMs: number;
}

export const defaultDeadlockRetry: DeadlockRetry = { attempts: 5, maxBackoffMs: 50 };

/** Short randomised pause before re-running a deadlock victim, growing with each attempt. */
export function deadlockBackoff(attempt: number, retry: DeadlockRetry = defaultDeadlockRetry): Promise<void> {
  const cap = Math.min(retry.maxBackoffMs, 10 * 2 ** Math.min(attempt - 1, 20));
  return new Promise((resolve) => setTimeout(resolve, 2 + Math.floor(Math.random() * cap)));
}

/**
 * `autoCommittedWrite`: the statement was a write outside any transaction, so a lost connection
 * may have hit it after the server committed it. A failed COMMIT is recognised by its mark.
 */
export function translateError(found: DbErrorClass | null, entity: string, error: unknown, autoCommittedWrite = false): unknown {
  if (error instanceof QZPayStorageError) return error;
  switch (found?.kind) {
    case 'unique':
      return new QZPayUniqueConstraintError(
        entity,
        found.constraint ?? (found.columns ? found.columns.join(',') : null),
        { cause: error },
      );
    case 'foreignKey':
      return new QZPayForeignKeyError(entity, found.constraint, { cause: error });
    case 'connection':
      return new QZPayConnectionError(`connection lost while writing ${entity}`, {
        cause: error,
        // Unknown only if the server may have committed: not when the driver never sent the
        // statement, nor when the server reported the session ended before it could commit.
        commitUnknown: (autoCommittedWrite || isCommitFailure(error)) && found.unexecuted !== true && !wasNotSent(error),
      });
    case 'deadlock':
      return new QZPayDeadlockError(`deadlock or serialization conflict on ${entity}; the transaction was rolled back`, { cause: error });
    case 'timeout':
      return new QZPayLockTimeoutError(`lock wait or statement timeout on ${entity}`, { cause: error });
    case 'schemaMissing':
      return new QZPaySchemaMissingError(found.missing, { cause: error });
    case 'readOnly':
      return new QZPayReadOnlyError(
        `the database is read-only; nothing of ${entity} was written${found.retryable ? ' (a standby or read-only session: retry after failover)' : ''}`,
        found.retryable,
        { cause: error },
      );
    case 'full':
      return new QZPayStorageFullError(`the database or its disk is full; nothing of ${entity} was written`, { cause: error });
    default:
      return error;
  }
}
