/**
 * SQL of the `audit_logs_append_only` migration: triggers that make the database itself reject
 * UPDATE and DELETE on `billing_audit_logs`, so the audit trail stays append-only even for code
 * (or people) that bypass the library. Statements are separated by drizzle's breakpoint line.
 *
 * - PostgreSQL: one plpgsql function raising an exception, a row trigger BEFORE UPDATE OR DELETE,
 *   and a statement trigger BEFORE TRUNCATE (row triggers do not fire on TRUNCATE).
 * - MySQL / MariaDB: BEFORE UPDATE and BEFORE DELETE triggers that SIGNAL SQLSTATE '45000'. Each
 *   body is a single statement, so no DELIMITER is needed. TRUNCATE fires no trigger on MySQL
 *   (it needs the DROP privilege, which the application user should not have). On a server with
 *   binary logging, creating triggers needs SUPER or `log_bin_trust_function_creators = 1`.
 * - SQLite: BEFORE UPDATE and BEFORE DELETE triggers with RAISE(ABORT); SQLite has no TRUNCATE and
 *   skips its "truncate optimisation" for tables with DELETE triggers.
 */
import type { DialectName } from '../../src/dialect/drivers/types.js';

const TABLE = 'billing_audit_logs';
const message = (op: string) => `${TABLE} is append-only: ${op} is not allowed`;
const BREAK = '\n--> statement-breakpoint\n';

export function auditLogsAppendOnly(dialect: DialectName): string {
  switch (dialect) {
    case 'pg':
      return [
        `CREATE FUNCTION "${TABLE}_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$\n` +
          `BEGIN\n` +
          `  RAISE EXCEPTION '${TABLE} is append-only: % is not allowed', TG_OP;\n` +
          `END;\n` +
          `$$;`,
        `CREATE TRIGGER "${TABLE}_no_update_delete" BEFORE UPDATE OR DELETE ON "${TABLE}" ` +
          `FOR EACH ROW EXECUTE FUNCTION "${TABLE}_append_only"();`,
        `CREATE TRIGGER "${TABLE}_no_truncate" BEFORE TRUNCATE ON "${TABLE}" ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION "${TABLE}_append_only"();`,
      ].join(BREAK) + '\n';
    case 'mysql':
      return [
        `CREATE TRIGGER \`${TABLE}_no_update\` BEFORE UPDATE ON \`${TABLE}\` FOR EACH ROW ` +
          `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${message('UPDATE')}';`,
        `CREATE TRIGGER \`${TABLE}_no_delete\` BEFORE DELETE ON \`${TABLE}\` FOR EACH ROW ` +
          `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${message('DELETE')}';`,
      ].join(BREAK) + '\n';
    case 'sqlite':
      return [
        `CREATE TRIGGER \`${TABLE}_no_update\` BEFORE UPDATE ON \`${TABLE}\` ` +
          `BEGIN SELECT RAISE(ABORT, '${message('UPDATE')}'); END;`,
        `CREATE TRIGGER \`${TABLE}_no_delete\` BEFORE DELETE ON \`${TABLE}\` ` +
          `BEGIN SELECT RAISE(ABORT, '${message('DELETE')}'); END;`,
      ].join(BREAK) + '\n';
  }
}
