/** Invoices (contract §3.6); lines live in billing_invoice_lines; versioned; no delete. */
import type { QZPayMetadata } from '../../contract/entities.js';
import type { QZPayCurrency, QZPayInvoiceStatus } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';

export const invoices = defineTable(
  'billing_invoices',
  {
    id: c.id().primaryKey(),
    // Human-readable number from billing_sequences (EXTENSIONS §3); not a foreign key.
    number: c.string(32),
    customerId: c.id().references('billing_customers', 'restrict'),
    subscriptionId: c.id().nullable().references('billing_subscriptions', 'set null'),
    status: c.enumString<QZPayInvoiceStatus>(32),
    currency: c.enumString<QZPayCurrency>(3),
    subtotal: c.integer(),
    tax: c.integer(),
    discount: c.integer(),
    total: c.integer(),
    amountPaid: c.integer(),
    amountDue: c.integer(),
    dueDate: c.timestamp().nullable(),
    paidAt: c.timestamp().nullable(),
    voidedAt: c.timestamp().nullable(),
    periodStart: c.timestamp().nullable(),
    periodEnd: c.timestamp().nullable(),
    providerInvoiceIds: c.json<Record<string, string>>(),
    metadata: c.json<QZPayMetadata>(),
    livemode: c.boolean(),
    version: c.integer().default(1),
    createdAt: c.timestamp(),
    updatedAt: c.timestamp(),
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
