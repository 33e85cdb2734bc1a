/** ISO 4217 reference table, filled by every dialect's initial migration from `seed/currencies.ts`. */
import { c, defineTable } from '../describe.js';

export const currencies = defineTable('billing_currencies', {
  code: c.string(3).primaryKey(),
  name: c.string(255),
  minorUnits: c.integer().min(0),
  symbol: c.string(8).nullable(),
  active: c.boolean(),
});
