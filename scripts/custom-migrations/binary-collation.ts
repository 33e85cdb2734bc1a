/**
 * MySQL/MariaDB compare strings case-insensitively under their default collations, so
 * `externalId = 'ABC'` would also find 'abc' there and nowhere else. Binary utf8mb4 collation on
 * every table makes string equality exact, as on PostgreSQL and SQLite (case-insensitive lookups
 * use the app-maintained lower-case columns instead). The other dialects need nothing.
 */
import type { DialectName } from '../../src/dialect/drivers/types.js';
import { tableDescriptions } from '../../src/schema/registry.js';

export function binaryCollation(dialect: DialectName): string {
  if (dialect !== 'mysql') return '-- nothing to do: string comparison is already exact on this dialect\nSELECT 1;\n';
  // Key columns change collation on both sides of each foreign key: checks are off meanwhile
  // (for this session only), and every table ends up converted, so the keys match again.
  const converts = Object.values(tableDescriptions)
    .map((t) => `ALTER TABLE \`${t.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;`)
    .sort();
  return ['SET FOREIGN_KEY_CHECKS = 0;', ...converts, 'SET FOREIGN_KEY_CHECKS = 1;'].join('\n--> statement-breakpoint\n').concat('\n');
}
