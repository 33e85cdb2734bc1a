/** One row per promo redemption (docs/contract.md §E1, `promoCodes.redeem`). */
import { QZPAY_CURRENCIES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';
import { customers } from './customers.js';
import { promoCodes } from './promo-codes.js';
import { subscriptions } from './subscriptions.js';

export const promoCodeUsage = defineTable(
  'billing_promo_code_usage',
  {
    id: c.id().primaryKey(),
    promoCodeId: c.id().references(() => promoCodes, 'restrict'),
    customerId: c.id().references(() => customers, 'cascade'),
    subscriptionId: c.id().nullable().references(() => subscriptions, 'set null'),
    discountAmount: c.integer().min(0),
    currency: c.oneOf(QZPAY_CURRENCIES, 3),
    usedAt: c.timestamp(),
    livemode: c.livemode(),
  },
  {
    indexes: [
      // redeem() counts this customer's uses of the code against maxRedemptionsPerCustomer.
      { name: 'billing_promo_code_usage_promo_customer_idx', columns: ['promoCodeId', 'customerId'] },
      // findUsage({ customerId }) newest first.
      { name: 'billing_promo_code_usage_customer_used_at_idx', columns: ['customerId', 'usedAt'] },
    ],
  },
);
