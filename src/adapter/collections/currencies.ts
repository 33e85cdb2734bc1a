/** `currencies` (docs/contract.md §E2): the ISO 4217 reference table seeded by the migrations; read-only. */
import type { QZPayCurrencyInfo, QZPayCurrencyStorage } from '../../contract/index.js';
import { asc, eq } from '../../repositories/conditions.js';
import type { RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';

type Row = RowFor<'currencies'>;

export function toCurrencyInfo(row: Row): QZPayCurrencyInfo {
  return { code: row.code, name: row.name, minorUnits: row.minorUnits, symbol: row.symbol, active: row.active };
}

export function createCurrencies(env: CollectionEnv): QZPayCurrencyStorage {
  const repo = env.repos.currencies;

  return {
    /** Every row (inactive ones included, with `active: false`), by code. */
    async list() {
      return (await repo.findMany([], { orderBy: [asc('code')] })).map(toCurrencyInfo);
    },

    /** Codes are stored upper-case; `'clp'` finds CLP. */
    async findByCode(code) {
      const row = await repo.findOne([eq('code', code.toUpperCase())]);
      return row ? toCurrencyInfo(row) : null;
    },
  };
}
