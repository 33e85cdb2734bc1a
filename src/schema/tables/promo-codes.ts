/** Promo codes (contract §3.8); deactivated, never hidden; livemode stamped internally. */
import type { QZPayMetadata, QZPayPromoCodeCondition } from '../../contract/index.js';
import { QZPAY_CURRENCIES, QZPAY_DISCOUNT_STACKING_MODES, QZPAY_DISCOUNT_TYPES } from '../../contract/unions.js';
import { c, defineTable } from '../describe.js';

export const promoCodes = defineTable(
  'billing_promo_codes',
  {
    id: c.id().primaryKey(),
    code: c.string(64),
    // Case-insensitive lookup and uniqueness: "SUMMER" and "summer" must be one code on every dialect.
    // Full case folding can triple a character ('ﬃ' -> 'ffi'), hence 3 x 64.
    codeLower: c.string(192).lowerOf('code'),
    discountType: c.oneOf(QZPAY_DISCOUNT_TYPES, 32),
    discountValue: c.integer().min(0),
    currency: c.oneOf(QZPAY_CURRENCIES, 3).nullable(),
    stackingMode: c.oneOf(QZPAY_DISCOUNT_STACKING_MODES, 32),
    conditions: c.json<QZPayPromoCodeCondition[]>('array'),
    maxRedemptions: c.integer().min(0).nullable(),
    currentRedemptions: c.integer().min(0),
    maxRedemptionsPerCustomer: c.integer().min(0).nullable(),
    validFrom: c.timestamp().nullable(),
    validUntil: c.timestamp().nullable(),
    applicablePlanIds: c.json<string[]>('stringArray'),
    applicableProductIds: c.json<string[]>('stringArray'),
    active: c.boolean(),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    // Part of the entity type; delete only deactivates, so this stays null.
    deletedAt: c.deletedAt(),
  },
  {
    indexes: [
      // Two concurrent creates of the same code (any case) in one livemode yield one row.
      { name: 'billing_promo_codes_code_lower_livemode_uq', columns: ['codeLower', 'livemode'], unique: true },
      { name: 'billing_promo_codes_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
