/**
 * The `field_fixes` migration (issues 11 §6, 12 §6, 12 §7). On PostgreSQL and MySQL its whole
 * content is drizzle-kit's schema diff (wider e-mail and provider-id columns, `COLLATE "C"` on
 * every PostgreSQL string column); SQLite declares no lengths or collations, so there the
 * migration carries only what the schema cannot say:
 *
 * - SQLite `INSERT OR REPLACE` (and `REPLACE INTO`) over an existing audit id deletes the old row
 *   and inserts the new one; the BEFORE DELETE trigger does not fire for that delete unless the
 *   connection turned `recursive_triggers` on. A BEFORE INSERT trigger runs before conflict
 *   resolution, so it refuses any insert whose id already exists. Its message keeps SQLite's
 *   own primary-key wording, so a plain duplicate `append` still surfaces as the same typed
 *   unique-constraint error as on PostgreSQL and MariaDB.
 */
import type { DialectName } from '../../src/dialect/drivers/types.js';

const TABLE = 'billing_audit_logs';

/** `null`: on that dialect the migration of this name is drizzle-kit's generated diff alone. */
export function fieldFixes(dialect: DialectName): string | null {
  if (dialect !== 'sqlite') return null;
  return (
    `CREATE TRIGGER \`${TABLE}_no_replace\` BEFORE INSERT ON \`${TABLE}\` ` +
    `WHEN EXISTS (SELECT 1 FROM \`${TABLE}\` WHERE \`id\` = NEW.\`id\`) ` +
    `BEGIN SELECT RAISE(ABORT, '${TABLE} is append-only: UNIQUE constraint failed: ${TABLE}.id'); END;\n`
  );
}
