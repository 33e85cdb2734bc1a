/** `migrate(db)` and `migrationStatus(db)` for any supported Drizzle database. */
import { resolveDatabase } from '../dialect/index.js';
import type { DialectName } from '../dialect/drivers/types.js';
import { refoldCase } from './data-steps.js';
import { shippedMigrations } from './shipped.js';
import { hostMigrationSql as hostSqlOf } from './host-route.js';
import { type MigrateOptions, type MigrationStatus, migrationStatus as statusOf, readMigrations, runMigrations } from './migrator.js';
import type { QZPayDrizzleDatabase } from '../dialect/database.js';

export { MigrationAdoptionError, MigrationConflictError, MigrationDataConflictError, MigrationHashMismatchError } from './errors.js';
export type { MigrateOptions, MigrationStatus, StatementPhase } from './migrator.js';

/**
 * Applies the library's migrations for the database's dialect from the folder shipped in the
 * package, recorded in `qzpay_drizzle_migrations`. A no-op when up to date; safe to run from
 * several processes at once; an interrupted run is finished by the next one. Resolves the tags
 * applied by this call.
 */
export async function migrate(db: QZPayDrizzleDatabase, options: MigrateOptions & { prepare?: boolean } = {}): Promise<string[]> {
  // `prepare` as on the factory: the client's setting (PostgreSQL behind a transaction pooler).
  const { driver, strategy } = resolveDatabase(db, undefined, { prepare: options.prepare });
  return runMigrations(driver, strategy, options);
}

/** Read-only: creates nothing, also on an empty database. */
export async function migrationStatus(db: QZPayDrizzleDatabase, options: { folder?: string } = {}): Promise<MigrationStatus[]> {
  const { driver, strategy } = resolveDatabase(db);
  return statusOf(driver, strategy, options.folder);
}

/**
 * For a host whose own drizzle-kit creates the tables from `qzpay-drizzle/schema/<dialect>`: the
 * SQL drizzle-kit cannot derive (currency seed, append-only audit triggers, invoice counters), to
 * be pasted into a custom migration (`drizzle-kit generate --custom`). `migrate()` then adopts the
 * database instead of failing on "already exists" (docs/migrations.md).
 */
export function hostMigrationSql(dialect: DialectName, options: { folder?: string } = {}): string {
  return hostSqlOf(options.folder === undefined ? shippedMigrations(dialect) : readMigrations(options.folder));
}

/**
 * The data step of migration 0005 on its own: recomputes the folded e-mail and promo-code keys
 * with full case folding, in one transaction. For a host whose own drizzle-kit applies the
 * library's SQL (where that step is a no-op SELECT): run once after upgrading from a release
 * before 0005. Idempotent; MigrationDataConflictError (nothing written) when two promo codes
 * would become one.
 */
export async function refoldCaseKeys(db: QZPayDrizzleDatabase): Promise<void> {
  const { driver, strategy } = resolveDatabase(db);
  const conn = await driver.begin();
  try {
    await refoldCase(conn, strategy, driver.dialect);
    await conn.commit();
  } catch (error) {
    await conn.rollback().catch(() => undefined);
    throw error;
  }
}
