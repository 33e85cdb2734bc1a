/** Reading driver errors: the shared unwrapping; each dialect module classifies its own codes. */

export interface DriverErrorFields {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  extendedCode?: unknown;
  fatal?: unknown;
  cause?: unknown;
}

/** Drivers and wrappers nest the real error in `cause` (libsql, Drizzle's query errors). */
export function unwrapDriverError(error: unknown): DriverErrorFields & { message: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 4; depth++) {
    const fields = current as DriverErrorFields | null;
    if (fields && typeof fields === 'object' && (fields.code !== undefined || fields.errno !== undefined)) break;
    if (!fields || typeof fields !== 'object' || fields.cause === undefined) break;
    current = fields.cause;
  }
  const fields = (current && typeof current === 'object' ? current : {}) as DriverErrorFields;
  return { ...fields, message: typeof fields.message === 'string' ? fields.message : String(current) };
}

/**
 * What a lost connection means for the writes in question. A statement the driver refused to send
 * (its connection was already known to be closed) certainly did nothing; a COMMIT that was sent
 * and never answered may have committed. The drivers and `end()` mark errors with these facts; the
 * error translation reads them to set `QZPayConnectionError.commitUnknown`.
 */
export class StatementNotSentError extends Error {
  override readonly name = 'StatementNotSentError';

  constructor(cause: unknown) {
    // No code of its own: classification reads the driver error in `cause` (`unwrapDriverError`).
    super(`not sent, the connection was already closed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Whether `error` (or an error it wraps) is a statement that never left the client. */
export function wasNotSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if (current instanceof StatementNotSentError) return true;
    current = (current as DriverErrorFields).cause;
  }
  return false;
}

// Marked in place rather than wrapped, so a failed COMMIT still rejects with the driver's own error.
const commitFailures = new WeakSet<object>();

/** Records that `error` is what a COMMIT statement failed with. */
export function markCommitFailure(error: unknown): void {
  if (error && typeof error === 'object') commitFailures.add(error);
}

/** Whether `error` was raised by a COMMIT statement (see `markCommitFailure`). */
export function isCommitFailure(error: unknown): boolean {
  return !!error && typeof error === 'object' && commitFailures.has(error);
}
