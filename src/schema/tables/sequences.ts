/** Named counters (e.g. one invoice-number sequence per livemode), advanced by one conditional statement. */
import { c, defineTable } from '../describe.js';

export const sequences = defineTable('billing_sequences', {
  name: c.string(64).primaryKey(),
  // Last value handed out; advanced inside the transaction that uses it, so numbers have no gaps.
  value: c.integer(),
});
