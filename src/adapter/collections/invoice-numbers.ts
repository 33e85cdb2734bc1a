/**
 * Invoice numbers (docs/contract.md §E3): one named counter per livemode in `billing_sequences`
 * (`invoice:live`, `invoice:test`), advanced by a single `value = value + 1` statement inside
 * the transaction that writes the invoice. The counter row stays locked until that transaction
 * ends, so concurrent creates queue on it: numbers are unique per livemode, and a rolled-back
 * invoice rolls its increment back too, leaving no gap.
 *
 * Format: `INV-` followed by the counter, zero-padded to at least six digits
 * (`INV-000001`, ..., `INV-999999`, `INV-1000000`). Test and live invoices use the same format;
 * their counters are independent, so both modes start at `INV-000001`.
 */
import { eq, increment } from '../../repositories/conditions.js';
import type { CollectionEnv } from '../env.js';

export const INVOICE_NUMBER_PREFIX = 'INV-';
const MIN_DIGITS = 6;

export function invoiceSequenceName(livemode: boolean): string {
  return livemode ? 'invoice:live' : 'invoice:test';
}

export function formatInvoiceNumber(value: number): string {
  return `${INVOICE_NUMBER_PREFIX}${String(value).padStart(MIN_DIGITS, '0')}`;
}

/** The counter value inside a formatted number (`INV-000042` -> 42), or null if it is not one. */
export function parseInvoiceNumber(number: string): number | null {
  const match = /^INV-(\d+)$/.exec(number);
  return match?.[1] === undefined ? null : Number(match[1]);
}

export interface InvoiceNumberAllocator {
  /**
   * Makes sure the counter row exists. Call it BEFORE opening the invoice transaction: outside a
   * transaction the insert commits at once, so racing first creates never hold locks on it.
   * (On MySQL a duplicate-key insert inside a transaction keeps a shared lock on the row until
   * commit; two such holders both upgrading to write the counter would deadlock.)
   */
  prepare(): Promise<void>;
  /** Advances the counter and returns the formatted number. Must run inside the invoice transaction. */
  next(): Promise<string>;
}

export function createInvoiceNumberAllocator(env: CollectionEnv): InvoiceNumberAllocator {
  const repo = env.repos.sequences;
  const name = invoiceSequenceName(env.livemode);
  const key = [eq('name', name)];
  // Counter rows are never deleted, so once seen they need no further check from this storage.
  let known = false;

  const createRow = async (): Promise<boolean> => (await repo.insertIgnoringConflict({ name, value: 0 }, 'primary')) !== null;

  return {
    async prepare() {
      if (known) return;
      if (env.executor.inTransaction()) {
        // Inside a caller's transaction: read first so an existing row is never touched by an
        // insert (see above); only the very first invoice of a database gets here to insert.
        if (!(await repo.findOne(key))) await createRow();
      } else {
        await createRow();
      }
      known = true;
    },

    async next() {
      let row = await repo.updateOne(key, [], { value: increment(1) });
      if (!row) {
        // The row was created in a transaction that later rolled back: create it again here.
        await createRow();
        row = await repo.updateOne(key, [], { value: increment(1) });
      }
      if (!row) throw new Error(`sequence ${name} could not be advanced`);
      known = true;
      return formatInvoiceNumber(row.value);
    },
  };
}
