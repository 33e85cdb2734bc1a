/**
 * Typed errors of the storage layer (docs/contract.md §2.7.6, docs/contract.md §E "Typed errors").
 * Core never inspects error classes, but hosts can act on them. Driver errors of every dialect are
 * translated to these classes, with the original driver error kept as `cause`.
 *
 * Fields are declared explicitly (no constructor parameter properties) so the file stays
 * erasable-syntax-only TypeScript.
 */

/** Options accepted by every error class; `cause` is passed through to the native `Error`. */
export interface QZPayStorageErrorOptions {
  cause?: unknown;
}

/** Base class of every error thrown by the storage layer: `instanceof QZPayStorageError` catches them all. */
export class QZPayStorageError extends Error {
  override readonly name: string = 'QZPayStorageError';

  constructor(message: string, options?: QZPayStorageErrorOptions) {
    // Passed as-is: the native constructor only defines `cause` when the key is present.
    super(message, options);
  }
}

/**
 * The row to update or delete does not exist (or is soft-deleted). Update-style methods must
 * reject rather than resolve `null`: core relies on it. Name kept from upstream DRZ.
 */
export class QZPayEntityNotFoundError extends QZPayStorageError {
  override readonly name = 'QZPayEntityNotFoundError' as const;
  readonly entityType: string;
  readonly entityId: string;

  constructor(entityType: string, entityId: string, options?: QZPayStorageErrorOptions) {
    super(`${entityType} not found: ${entityId}`, options);
    this.entityType = entityType;
    this.entityId = entityId;
  }
}

/**
 * A version-checked write lost: the stored version differs from the caller's, and nothing was
 * written. Versions are numbers on versioned tables and UUID strings on polling jobs;
 * `actualVersion` is `null` when the row is gone.
 */
export class QZPayOptimisticLockError extends QZPayStorageError {
  override readonly name = 'QZPayOptimisticLockError' as const;
  readonly entityType: string;
  readonly entityId: string;
  readonly expectedVersion: number | string;
  readonly actualVersion: number | string | null;

  constructor(
    entityType: string,
    entityId: string,
    expectedVersion: number | string,
    actualVersion: number | string | null,
    options?: QZPayStorageErrorOptions,
  ) {
    super(
      `${entityType} ${entityId} was modified concurrently: expected version ${String(expectedVersion)}, ` +
        `found ${actualVersion === null ? 'none' : String(actualVersion)}`,
      options,
    );
    this.entityType = entityType;
    this.entityId = entityId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

/** A unique constraint rejected a write. `constraint` is `null` when the driver does not name it. */
export class QZPayUniqueConstraintError extends QZPayStorageError {
  override readonly name = 'QZPayUniqueConstraintError' as const;
  readonly entityType: string;
  readonly constraint: string | null;

  constructor(entityType: string, constraint: string | null, options?: QZPayStorageErrorOptions) {
    super(`Duplicate ${entityType}${constraint === null ? '' : ` (constraint ${constraint})`}`, options);
    this.entityType = entityType;
    this.constraint = constraint;
  }
}

/** A referenced row is missing, or a restricting reference blocks the write. */
export class QZPayForeignKeyError extends QZPayStorageError {
  override readonly name = 'QZPayForeignKeyError' as const;
  readonly entityType: string;
  readonly constraint: string | null;

  constructor(entityType: string, constraint: string | null, options?: QZPayStorageErrorOptions) {
    super(`Foreign key violation on ${entityType}${constraint === null ? '' : ` (constraint ${constraint})`}`, options);
    this.entityType = entityType;
    this.constraint = constraint;
  }
}

/**
 * Bad input caught before it reaches SQL (unknown union value, a string longer than its column,
 * a missing polling-job provider, ...). `message` reads `Invalid <field>: <reason>`.
 */
export class QZPayValidationError extends QZPayStorageError {
  override readonly name = 'QZPayValidationError' as const;
  readonly field: string;
  /** The reason alone, without the `Invalid <field>:` prefix. */
  readonly reason: string;

  constructor(field: string, message: string, options?: QZPayStorageErrorOptions) {
    super(`Invalid ${field}: ${message}`, options);
    this.field = field;
    this.reason = message;
  }
}

/** Why `invoices.applyPayment` refused a payment (README "Applying payments to invoices"). */
export type QZPayPaymentNotApplicableReason =
  | 'payment_not_succeeded'
  | 'customer_mismatch'
  | 'livemode_mismatch'
  | 'currency_mismatch'
  | 'exceeds_available';

/**
 * `invoices.applyPayment` refused: the payment is not settled money of the invoice's customer,
 * mode and currency, or not enough of it is left unapplied and unrefunded. A validation error
 * (field `paymentId`, or `amount` for `exceeds_available`) with the reason as a stable `code`.
 */
export class QZPayPaymentNotApplicableError extends QZPayValidationError {
  readonly code: QZPayPaymentNotApplicableReason;

  constructor(code: QZPayPaymentNotApplicableReason, message: string, options?: QZPayStorageErrorOptions) {
    super(code === 'exceeds_available' ? 'amount' : 'paymentId', message, options);
    this.code = code;
  }
}

/** The database handle given to the factory is not a supported Drizzle driver. */
export class QZPayUnsupportedDriverError extends QZPayStorageError {
  override readonly name = 'QZPayUnsupportedDriverError' as const;
  /** A description of what was received (constructor name, dialect, ...). */
  readonly received: string;

  constructor(received: string, options?: QZPayStorageErrorOptions) {
    super(`Unsupported database driver: ${received}`, options);
    this.received = received;
  }
}

/** An idempotency key was reused with a different request fingerprint. */
export class QZPayIdempotencyMismatchError extends QZPayStorageError {
  override readonly name = 'QZPayIdempotencyMismatchError' as const;
  readonly key: string;

  constructor(key: string, options?: QZPayStorageErrorOptions) {
    super(`Idempotency key ${key} was already used for a different request`, options);
    this.key = key;
  }
}

export interface QZPayConnectionErrorOptions extends QZPayStorageErrorOptions {
  /** See `QZPayConnectionError.commitUnknown`; false when omitted. */
  commitUnknown?: boolean;
}

/** The connection was lost or timed out (translated from a driver error, kept as `cause`). */
export class QZPayConnectionError extends QZPayStorageError {
  override readonly name = 'QZPayConnectionError' as const;
  /**
   * True when the connection was lost while the database may have been committing this call's
   * writes: during or after a transaction's COMMIT, or during a single auto-committed write.
   * The writes may or may not exist; check before retrying. False means nothing was written
   * (the transaction died uncommitted, or the statement never reached the server): a retry is safe.
   */
  readonly commitUnknown: boolean;

  constructor(message: string, options?: QZPayConnectionErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.commitUnknown = options?.commitUnknown ?? false;
  }
}

/**
 * The database rolled this transaction back to break a deadlock or a serialization conflict.
 * Nothing of it was written and running it again is safe. The library already retries the
 * statements and internal transactions it owns; this reaches callers from inside their own
 * `transaction(fn)`, which only they can re-run.
 */
export class QZPayDeadlockError extends QZPayStorageError {
  override readonly name = 'QZPayDeadlockError' as const;
}

/**
 * A wait ran out: a lock wait or statement time limit of the database (another transaction held
 * the row too long, or the statement ran past `statementTimeoutMs`), or `maxWaitMs` while waiting
 * for a pool connection or the single-connection lock (then nothing of the call ran).
 */
export class QZPayLockTimeoutError extends QZPayStorageError {
  override readonly name = 'QZPayLockTimeoutError' as const;
}

/**
 * A `transaction(fn)` ran past its `transactionTimeoutMs`: it was rolled back (nothing of it was
 * written) and its connection given back or dropped. Any statement `fn` still issues afterwards
 * rejects with this same error and runs nowhere.
 */
export class QZPayTransactionTimeoutError extends QZPayStorageError {
  override readonly name = 'QZPayTransactionTimeoutError' as const;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: QZPayStorageErrorOptions) {
    super(`the transaction ran past its time limit of ${timeoutMs} ms and was rolled back`, options);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The database has no QZPay tables (or lacks a column of this version): it was never migrated,
 * or is behind. Nothing was written; run `migrate(db)` or `qzpay-drizzle migrate --url …` first.
 */
export class QZPaySchemaMissingError extends QZPayStorageError {
  override readonly name = 'QZPaySchemaMissingError' as const;
  /** The table (or `table.column`) the database reported missing, when it named one. */
  readonly missing: string | null;

  constructor(missing: string | null, options?: QZPayStorageErrorOptions) {
    super(
      `the database schema is missing ${missing ?? 'a QZPay table'}: run migrate() (or \`qzpay-drizzle migrate --url <database-url>\`) first`,
      options,
    );
    this.missing = missing;
  }
}

/**
 * The target refused a write because it is read-only: a PostgreSQL hot standby or read-only
 * transaction (SQLSTATE 25006), a MariaDB/MySQL read-only server or session, a SQLite file opened
 * read-only. Nothing was written. `retryable` is true on the server dialects: a standby and a
 * read-only session report the same code there, and after a failover (a new connection to the
 * new primary) the same call can succeed. On SQLite the file stays read-only: not retryable.
 */
export class QZPayReadOnlyError extends QZPayStorageError {
  override readonly name = 'QZPayReadOnlyError' as const;
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean, options?: QZPayStorageErrorOptions) {
    super(message, options);
    this.retryable = retryable;
  }
}

/** The database or its disk is full (SQLITE_FULL, PostgreSQL 53100, MySQL 1114/1021): nothing was written. */
export class QZPayStorageFullError extends QZPayStorageError {
  override readonly name = 'QZPayStorageFullError' as const;
}
