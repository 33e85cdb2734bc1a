/** Invoices (contract §3.6); lines live in billing_invoice_lines; versioned; no delete. */
import type { QZPayMetadata } from '../../contract/entities.js';
import { QZPAY_CURRENCIES, QZPAY_INVOICE_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';
import { subscriptions } from './subscriptions.js';

export const invoices = defineTable(
  'billing_invoices',
  {
    id: c.id().primaryKey(),
    // Human-readable number from billing_sequences (docs/contract.md §E3); not a foreign key.
    number: c.string(32),
    customerId: c.id().references(() => customers, 'restrict'),
    subscriptionId: c.id().nullable().references(() => subscriptions, 'set null'),
    status: c.oneOf(QZPAY_INVOICE_STATUSES, 32),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    subtotal: c.integer().min(0),
    tax: c.integer().min(0),
    discount: c.integer().min(0),
    total: c.integer().min(0),
    amountPaid: c.integer().min(0),
    amountDue: c.integer().min(0),
    dueDate: c.timestamp().nullable(),
    paidAt: c.timestamp().nullable(),
    voidedAt: c.timestamp().nullable(),
    periodStart: c.timestamp().nullable(),
    periodEnd: c.timestamp().nullable(),
    providerInvoiceIds: c.json<Record<string, string>>('stringMap'),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    version: c.version(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [
      // Last line of defence against a duplicate number if the sequence is ever misused.
      { name: 'billing_invoices_livemode_number_uq', columns: ['livemode', 'number'], unique: true },
      { name: 'billing_invoices_customer_created_at_idx', columns: ['customerId', 'createdAt'] },
      { name: 'billing_invoices_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
