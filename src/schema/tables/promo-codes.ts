/** Promo codes (contract §3.8); deactivated, never hidden; livemode stamped internally. */
import type {
  QZPayCurrency,
  QZPayDiscountStackingMode,
  QZPayDiscountType,
  QZPayMetadata,
  QZPayPromoCodeCondition,
} from '../../contract/index.js';
import { c, defineTable } from '../describe.js';

export const promoCodes = defineTable(
  'billing_promo_codes',
  {
    id: c.id().primaryKey(),
    code: c.string(64),
    // Case-insensitive lookup and uniqueness: "SUMMER" and "summer" must be one code on every dialect.
    codeLower: c.string(64).lowerOf('code'),
    discountType: c.enumString<QZPayDiscountType>(32),
    discountValue: c.integer(),
    currency: c.enumString<QZPayCurrency>(3).nullable(),
    stackingMode: c.enumString<QZPayDiscountStackingMode>(32),
    conditions: c.json<QZPayPromoCodeCondition[]>(),
    maxRedemptions: c.integer().nullable(),
    currentRedemptions: c.integer(),
    maxRedemptionsPerCustomer: c.integer().nullable(),
    validFrom: c.timestamp().nullable(),
    validUntil: c.timestamp().nullable(),
    applicablePlanIds: c.json<string[]>(),
    applicableProductIds: c.json<string[]>(),
    active: c.boolean(),
    metadata: c.json<QZPayMetadata>(),
    livemode: c.boolean(),
    createdAt: c.timestamp(),
    updatedAt: c.timestamp(),
    // Part of the entity type; delete only deactivates, so this stays null.
    deletedAt: c.timestamp().nullable(),
  },
  {
    indexes: [
      // Two concurrent creates of the same code (any case) in one livemode yield one row.
      { name: 'billing_promo_codes_code_lower_livemode_uq', columns: ['codeLower', 'livemode'], unique: true },
      { name: 'billing_promo_codes_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
