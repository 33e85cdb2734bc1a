/** Vendor payouts (contract §3.9), stored verbatim; livemode stamped internally. */
import type { QZPayCurrency, QZPayVendorPayoutStatus } from '../../contract/index.js';
import { c, defineTable } from '../describe.js';

export const vendorPayouts = defineTable(
  'billing_vendor_payouts',
  {
    id: c.id().primaryKey(),
    vendorId: c.id().references('billing_vendors', 'restrict'),
    amount: c.integer(),
    currency: c.enumString<QZPayCurrency>(3),
    status: c.enumString<QZPayVendorPayoutStatus>(32),
    periodStart: c.timestamp(),
    periodEnd: c.timestamp(),
    providerPayoutIds: c.json<Record<string, string>>(),
    paidAt: c.timestamp().nullable(),
    livemode: c.boolean(),
    createdAt: c.timestamp(),
  },
  {
    indexes: [{ name: 'billing_vendor_payouts_vendor_created_at_idx', columns: ['vendorId', 'createdAt'] }],
  },
);
