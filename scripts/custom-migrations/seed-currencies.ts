/** SQL of the `seed_currencies` migration: the ISO 4217 reference rows, per dialect. */
import { isoCurrencies } from '../../src/schema/seed/currencies.js';
import type { DialectName } from '../../src/dialect/drivers/types.js';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function seedCurrencies(dialect: DialectName): string {
  const ident = (s: string) => (dialect === 'mysql' ? `\`${s}\`` : `"${s}"`);
  const yes = dialect === 'pg' ? 'true' : '1';
  const rows = isoCurrencies.map(
    (c) => `(${quote(c.code)}, ${quote(c.name)}, ${c.minorUnits}, ${c.symbol === null ? 'NULL' : quote(c.symbol)}, ${yes})`,
  );
  const columns = ['code', 'name', 'minor_units', 'symbol', 'active'].map(ident).join(', ');
  return `INSERT INTO ${ident('billing_currencies')} (${columns}) VALUES\n${rows.join(',\n')};\n`;
}
