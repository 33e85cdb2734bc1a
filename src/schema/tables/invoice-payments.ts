/** Which payment paid how much of which invoice (docs/contract.md §E1, `invoices.applyPayment`). */
import { QZPAY_CURRENCIES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { invoices } from './invoices.js';
import { payments } from './payments.js';

export const invoicePayments = defineTable(
  'billing_invoice_payments',
  {
    id: c.id().primaryKey(),
    invoiceId: c.id().references(() => invoices, 'cascade'),
    // Restrict: a payment that settled an invoice must not disappear from its history.
    paymentId: c.id().references(() => payments, 'restrict'),
    amountApplied: c.integer().min(0),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    appliedAt: c.timestamp(),
    livemode: c.livemode(),
  },
  {
    indexes: [{ name: 'billing_invoice_payments_invoice_idx', columns: ['invoiceId'] }],
  },
);
