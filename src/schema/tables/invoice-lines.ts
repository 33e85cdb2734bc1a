/** Invoice lines (contract §3.6), written with their invoice in one transaction. */
import type { QZPayMetadata } from '../../contract/entities.js';
import { c, defineTable } from '../describe.js';
import { invoices } from './invoices.js';

export const invoiceLines = defineTable(
  'billing_invoice_lines',
  {
    id: c.id().primaryKey(),
    invoiceId: c.id().references(() => invoices, 'cascade'),
    // Lines must come back in input order; ids are random UUIDs and a line has no timestamp.
    position: c.integer(),
    description: c.text(),
    quantity: c.integer(),
    unitAmount: c.integer().min(0),
    amount: c.integer().min(0),
    // No FK: prices are hard-deleted and may live only in the billing config; a line is history.
    priceId: c.string(191).nullable(),
    periodStart: c.timestamp().nullable(),
    periodEnd: c.timestamp().nullable(),
    metadata: c.json<QZPayMetadata>('object'),
  },
  {
    indexes: [
      { name: 'billing_invoice_lines_invoice_position_uq', columns: ['invoiceId', 'position'], unique: true },
    ],
  },
);
