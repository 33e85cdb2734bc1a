/** Typed failures of the migrator, so a deploy script can tell a conflict from an outage. */

/** A table the migrations would create already exists and was not created by them. */
export class MigrationConflictError extends Error {
  override readonly name = 'MigrationConflictError';
  constructor(
    readonly tag: string,
    readonly table: string,
  ) {
    super(`migration ${tag} would create table ${table}, which already exists and was not created by qzpay-drizzle; nothing was changed`);
  }
}

/** An applied migration's file differs from the one recorded in the journal. */
export class MigrationHashMismatchError extends Error {
  override readonly name = 'MigrationHashMismatchError';
  constructor(readonly tag: string) {
    super(`migration ${tag} was changed after it was applied (hash mismatch)`);
  }
}

/**
 * The database holds the library's tables without its journal (the host's own drizzle-kit route),
 * but lacks something a fresh `migrate()` would have created; nothing was changed.
 */
export class MigrationAdoptionError extends Error {
  override readonly name = 'MigrationAdoptionError';
  constructor(readonly differences: readonly string[]) {
    super(
      `the qzpay-drizzle tables were created without qzpay-drizzle's migrations and differ from them: ${differences.join('; ')}. ` +
        'Add the SQL of `qzpay-drizzle host-sql --dialect <dialect>` as a custom drizzle-kit migration (docs/migrations.md); nothing was changed',
    );
  }
}

/** Another migrator held the migration lock for longer than the wait allowed; nothing was changed. */
export class MigrationLockTimeoutError extends Error {
  override readonly name = 'MigrationLockTimeoutError';
  constructor(
    readonly waitedMs: number,
    /** The holder as recorded in the lock row: `server:port/session id`. */
    readonly holder: string,
  ) {
    super(`another migrator (${holder || 'unknown'}) held the migration lock for more than ${waitedMs} ms; nothing was changed`);
  }
}

/**
 * The migration lease could not be renewed and another migrator took it; this run stopped before
 * its next statement (the next run resumes where it stopped).
 */
export class MigrationLockLostError extends Error {
  override readonly name = 'MigrationLockLostError';
  constructor(readonly leaseMs: number) {
    super(`the migration lock (a ${leaseMs} ms lease) was lost to another migrator; stopped before the next statement`);
  }
}

/**
 * A data step of a migration found rows it cannot change without breaking a unique key (e.g. two
 * promo codes that full case folding makes one); it stopped before writing anything.
 */
export class MigrationDataConflictError extends Error {
  override readonly name = 'MigrationDataConflictError';
  constructor(
    readonly tag: string,
    /** Each group: values that would become one key. */
    readonly conflicts: ReadonlyArray<readonly string[]>,
  ) {
    super(
      `migration ${tag} would make these values one key: ${conflicts.map((c) => c.map((v) => JSON.stringify(v)).join(' = ')).join('; ')}. ` +
        'Rename or delete all but one of each, then run migrate again; nothing was changed',
    );
  }
}
