/**
 * The `full_case_folding` migration (issue 11 §5): the folded lookup keys of existing rows are
 * recomputed with full Unicode case folding. No SQL states that folding the same way on every
 * dialect, so the migration is one data-step statement the migrator runs in code
 * (src/migrate/data-steps.ts, `refold_case`); any other tool runs it as a harmless SELECT.
 */
import type { DialectName } from '../../src/dialect/drivers/types.js';

export function fullCaseFolding(_dialect: DialectName): string {
  return "SELECT 'qzpay-drizzle data step: refold_case';\n";
}
