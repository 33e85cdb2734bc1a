/**
 * SQL of the `seed_sequences` migration: the invoice-number counters of both livemodes start at 0.
 * Present from the start, they are never inserted inside a caller's transaction, where two first
 * invoices racing on MySQL could deadlock on the counter row's insert locks.
 */
import type { DialectName } from '../../src/dialect/drivers/types.js';

export function seedSequences(dialect: DialectName): string {
  const q = (s: string) => (dialect === 'mysql' ? `\`${s}\`` : `"${s}"`);
  return `INSERT INTO ${q('billing_sequences')} (${q('name')}, ${q('value')}) VALUES ('invoice:live', 0), ('invoice:test', 0);\n`;
}
