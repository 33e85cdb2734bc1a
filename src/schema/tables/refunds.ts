/** Refund ledger (contract §3.4, §4.4): one append-only row per settled refund event. */
import type { QZPayMetadata } from '../../contract/index.js';
import { QZPAY_CURRENCIES, QZPAY_REFUND_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { payments } from './payments.js';

export const refunds = defineTable(
  'billing_refunds',
  {
    id: c.id().primaryKey(),
    paymentId: c.id().references(() => payments, 'restrict'),
    amount: c.integer().min(0),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    status: c.oneOf(QZPAY_REFUND_STATUSES, 32),
    reason: c.text().nullable(),
    providerRefundId: c.string(255).nullable(),
    livemode: c.livemode(),
    metadata: c.json<QZPayMetadata>('object'),
    createdAt: c.createdAt(),
  },
  {
    indexes: [
      // A replayed provider refund (webhook + API response racing) must not be counted twice;
      // NULL ids (local-only refunds) may repeat on every dialect.
      { name: 'billing_refunds_provider_refund_id_uq', columns: ['providerRefundId'], unique: true },
      // getTotalRefundedAmount sums succeeded rows of one payment.
      { name: 'billing_refunds_payment_status_idx', columns: ['paymentId', 'status'] },
    ],
  },
);
