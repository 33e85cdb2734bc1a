/** Vendor payouts (contract §3.9), stored verbatim; livemode stamped internally. */
import { QZPAY_CURRENCIES, QZPAY_VENDOR_PAYOUT_STATUSES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { vendors } from './vendors.js';

export const vendorPayouts = defineTable(
  'billing_vendor_payouts',
  {
    id: c.id().primaryKey(),
    vendorId: c.id().references(() => vendors, 'restrict'),
    amount: c.integer().min(0),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    status: c.oneOf(QZPAY_VENDOR_PAYOUT_STATUSES, 32),
    periodStart: c.timestamp(),
    periodEnd: c.timestamp(),
    providerPayoutIds: c.json<Record<string, string>>('stringMap'),
    paidAt: c.timestamp().nullable(),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
  },
  {
    indexes: [{ name: 'billing_vendor_payouts_vendor_created_at_idx', columns: ['vendorId', 'createdAt'] }],
  },
);
