/**
 * Migrations drizzle-kit cannot derive from the tables (reference data, triggers). Each is
 * written as a drizzle-kit "custom" migration right after the initial one, so every dialect's
 * journal applies them in the same order.
 */
import type { DialectName } from '../../src/dialect/drivers/types.js';
import { auditLogsAppendOnly } from './audit-logs-append-only.js';
import { fieldFixes } from './field-fixes.js';
import { fullCaseFolding } from './full-case-folding.js';
import { seedCurrencies } from './seed-currencies.js';
import { seedSequences } from './seed-sequences.js';

export interface CustomMigration {
  /** drizzle-kit migration name (the file becomes `NNNN_<name>.sql`). */
  readonly name: string;
  /**
   * The migration's SQL, or `null` where drizzle-kit's schema diff of the same name is the whole
   * migration on that dialect (that migration is generated with `--name`, not written here).
   */
  sql(dialect: DialectName): string | null;
}

export const customMigrations: readonly CustomMigration[] = [
  { name: 'seed_currencies', sql: seedCurrencies },
  { name: 'audit_logs_append_only', sql: auditLogsAppendOnly },
  { name: 'seed_sequences', sql: seedSequences },
  { name: 'field_fixes', sql: fieldFixes },
  { name: 'full_case_folding', sql: fullCaseFolding },
];
