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
