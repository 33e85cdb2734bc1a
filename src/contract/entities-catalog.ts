/**
 * Entity types of the QZPay storage contract, catalog side (docs/contract.md §3.7–3.13).
 * Split out of `entities.ts` only to keep files short; import them from `entities.ts`.
 */
import type { QZPayMetadata } from './entities.js';
import type {
  QZPayAddOnBillingInterval,
  QZPayAddOnLimitAction,
  QZPayBillingInterval,
  QZPayCheckoutMode,
  QZPayCheckoutSessionStatus,
  QZPayCurrency,
  QZPayDiscountCondition,
  QZPayDiscountStackingMode,
  QZPayDiscountType,
  QZPayPayoutInterval,
  QZPaySourceType,
  QZPaySubscriptionAddOnStatus,
  QZPayUsageAction,
  QZPayVendorPayoutStatus,
  QZPayVendorStatus,
} from './unions.js';

// ---- Plans and prices (§3.7) ----

/** No `livemode` field (stamped internally). `prices` is populated as `prices.findByPlanId` returns them. */
export interface QZPayPlan {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  prices: QZPayPrice[];
  features: QZPayPlanFeature[];
  entitlements: string[];
  limits: Record<string, number>;
  metadata: QZPayMetadata;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface QZPayPlanFeature {
  name: string;
  description?: string;
  included: boolean;
}

/** No `livemode`, no `deletedAt`: prices are hard-deleted. */
export interface QZPayPrice {
  id: string;
  planId: string;
  nickname: string | null;
  currency: QZPayCurrency;
  /** Minor units. */
  unitAmount: number;
  billingInterval: QZPayBillingInterval;
  intervalCount: number;
  trialDays: number | null;
  active: boolean;
  providerPriceIds: Record<string, string>;
  metadata: QZPayMetadata;
  createdAt: Date;
  updatedAt: Date;
}

// ---- Promo codes (§3.8) ----

/** No `livemode` field. `delete` deactivates (`active = false`); `deletedAt` stays `null`. */
export interface QZPayPromoCode {
  id: string;
  code: string;
  discountType: QZPayDiscountType;
  discountValue: number;
  currency: QZPayCurrency | null;
  stackingMode: QZPayDiscountStackingMode;
  conditions: QZPayPromoCodeCondition[];
  /** `null` = unlimited. */
  maxRedemptions: number | null;
  currentRedemptions: number;
  maxRedemptionsPerCustomer: number | null;
  validFrom: Date | null;
  validUntil: Date | null;
  applicablePlanIds: string[];
  applicableProductIds: string[];
  active: boolean;
  metadata: QZPayMetadata;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface QZPayPromoCodeCondition {
  type: QZPayDiscountCondition;
  /** Any JSON value; its shape depends on `type` and is interpreted by core, not storage. */
  value: unknown;
}

// ---- Vendors and payouts (§3.9) ----

export interface QZPayVendor {
  id: string;
  externalId: string;
  name: string;
  email: string;
  status: QZPayVendorStatus;
  commissionRate: number;
  payoutSchedule: QZPayPayoutSchedule;
  providerAccountIds: Record<string, string>;
  metadata: QZPayMetadata;
  livemode: boolean;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface QZPayPayoutSchedule {
  interval: QZPayPayoutInterval;
  dayOfWeek?: number;
  dayOfMonth?: number;
}

/** Stored verbatim as supplied by the caller; no `updatedAt`, no `livemode` field. */
export interface QZPayVendorPayout {
  id: string;
  vendorId: string;
  amount: number;
  currency: QZPayCurrency;
  status: QZPayVendorPayoutStatus;
  periodStart: Date;
  periodEnd: Date;
  /** Must round-trip every key unchanged (upstream DRZ collapsed it to a `'provider'` key). */
  providerPayoutIds: Record<string, string>;
  paidAt: Date | null;
  createdAt: Date;
}

// ---- Entitlements (§3.10) ----

/** Entitlement definition. Definitions have no livemode and are independent from grants. */
export interface QZPayEntitlement {
  id: string;
  key: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A grant. It has no `id` in the contract (storage may keep an internal one). */
export interface QZPayCustomerEntitlement {
  customerId: string;
  entitlementKey: string;
  grantedAt: Date;
  /** `null` = never expires. */
  expiresAt: Date | null;
  source: QZPaySourceType;
  sourceId: string | null;
}

// ---- Limits and usage records (§3.11) ----

/** Limit definition (no livemode). */
export interface QZPayLimit {
  id: string;
  key: string;
  name: string;
  description: string | null;
  defaultValue: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One row per `(customerId, limitKey)`; no `id` in the contract. `currentValue` may exceed `maxValue`. */
export interface QZPayCustomerLimit {
  customerId: string;
  limitKey: string;
  maxValue: number;
  currentValue: number;
  resetAt: Date | null;
  source: QZPaySourceType;
  sourceId: string | null;
}

/**
 * Limit usage record of the contract (`limits.recordUsage`). Recording never changes a limit's
 * `currentValue`. Not to be confused with the library's metered `QZPayMeteredUsageRecord`.
 */
export interface QZPayUsageRecord {
  id: string;
  customerId: string;
  limitKey: string;
  quantity: number;
  action: QZPayUsageAction;
  timestamp: Date;
  metadata: QZPayMetadata;
}

// ---- Add-ons (§3.12) ----

/** No `livemode` and no `deletedAt` in the type (both kept internally). */
export interface QZPayAddOn {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  unitAmount: number;
  /** Plain string upstream, not `QZPayCurrency`. */
  currency: string;
  billingInterval: QZPayAddOnBillingInterval;
  billingIntervalCount: number;
  /** Empty array = compatible with every plan. */
  compatiblePlanIds: string[];
  allowMultiple: boolean;
  /** `null` = unlimited. */
  maxQuantity: number | null;
  entitlements: string[];
  limits: QZPayAddOnLimit[];
  metadata: QZPayMetadata;
  createdAt: Date;
  updatedAt: Date;
}

/** Inline in upstream's add-on types; named here. */
export interface QZPayAddOnLimit {
  key: string;
  value: number;
  action: QZPayAddOnLimitAction;
}

/** An add-on attached to a subscription. Removal marks it `canceled`; rows are kept. */
export interface QZPaySubscriptionAddOn {
  id: string;
  subscriptionId: string;
  addOnId: string;
  quantity: number;
  unitAmount: number;
  /** Plain string, like `QZPayAddOn.currency`. */
  currency: string;
  status: QZPaySubscriptionAddOnStatus;
  addedAt: Date;
  canceledAt: Date | null;
  expiresAt: Date | null;
  metadata: QZPayMetadata;
  createdAt: Date;
  updatedAt: Date;
}

// ---- Checkout sessions (§3.13) ----

/** Persisted exactly as core builds it. No `updatedAt`, no `deletedAt`. `livemode` is the caller's. */
export interface QZPayCheckoutSession {
  id: string;
  customerId: string | null;
  customerEmail: string | null;
  mode: QZPayCheckoutMode;
  status: QZPayCheckoutSessionStatus;
  currency: QZPayCurrency;
  lineItems: QZPayCheckoutLineItem[];
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
  paymentId: string | null;
  subscriptionId: string | null;
  providerSessionIds: Record<string, string>;
  metadata: QZPayMetadata;
  livemode: boolean;
  createdAt: Date;
  completedAt: Date | null;
}

/** Stored inside the session's JSON `lineItems`. */
export interface QZPayCheckoutLineItem {
  priceId?: string;
  quantity: number;
  unitAmount?: number;
  currency?: QZPayCurrency;
  title?: string;
  description?: string;
  categoryId?: string;
}
