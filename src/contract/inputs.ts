/**
 * Input types of the QZPay storage contract (docs/contract.md §2.1–2.2, §3) and the shared list
 * helpers. Several create inputs reach storage intersected with `{ id: string }` (core generates
 * the id); that intersection is written at the method signature in `storage.ts`, not here.
 *
 * Some inputs carry provider-facing keys that storage must accept but never store; they are
 * marked "not stored". Unknown keys on update inputs are ignored by storage (§2.7.9).
 */
import type {
  QZPayAddOnLimit,
  QZPayBillingDetails,
  QZPayMetadata,
  QZPayPayoutSchedule,
  QZPayPlanFeature,
  QZPayPromoCodeCondition,
  QZPaySavedCard,
  QZPayScheduledPlanChange,
} from './entities.js';
import type {
  QZPayAddOnBillingInterval,
  QZPayBillingInterval,
  QZPayCurrency,
  QZPayDiscountStackingMode,
  QZPayDiscountType,
  QZPayOrderDirection,
  QZPayPaymentMethodType,
  QZPayPollingResourceType,
  QZPayProrationBehavior,
  QZPayRefundStatus,
  QZPaySourceType,
  QZPaySubscriptionBillingIntervalLabel,
  QZPaySubscriptionCreateMode,
  QZPaySubscriptionPollingJobStatus,
  QZPaySubscriptionStatus,
} from './unions.js';

// ---- Lists (§2.1–2.3) ----

/** Offset pagination. Defaults: `limit` 20, `offset` 0, newest first. Large limits (10000) must work. */
export interface QZPayListOptions {
  limit?: number;
  offset?: number;
  /** A field name; unknown fields fall back to the default order. */
  orderBy?: string;
  orderDirection?: QZPayOrderDirection;
  /** Equality filters on top-level scalar fields; unknown keys are ignored. */
  filters?: Record<string, unknown>;
}

/** `limit`/`offset` echo the effective values; `hasMore` = `offset + data.length < total`. */
export interface QZPayPaginatedResult<T> {
  data: T[];
  total: number;
  limit: number;
  offset: number;
  hasMore: boolean;
}

// ---- Customers (§3.1) ----

export interface QZPayCreateCustomerInput {
  externalId: string;
  email: string;
  name?: string | null;
  phone?: string | null;
  metadata?: QZPayMetadata;
}

export interface QZPayUpdateCustomerInput {
  email?: string;
  /** `null` clears. */
  name?: string | null;
  /** `null` clears. */
  phone?: string | null;
  /** Replaces the stored metadata. */
  metadata?: QZPayMetadata;
  /** Merged by key into the stored map. */
  providerCustomerIds?: Record<string, string>;
  /** Replaces the stored array. */
  savedCards?: QZPaySavedCard[];
}

// ---- Subscriptions (§3.2) ----

export interface QZPayCreateSubscriptionInput {
  customerId: string;
  planId: string;
  /** Not stored: core uses it to pick a price. */
  priceId?: string;
  /** Default 1. */
  quantity?: number;
  /** `> 0` sets the trial window and (unless `mode` is `paid`) the `trialing` status. */
  trialDays?: number;
  metadata?: QZPayMetadata;
  promoCodeId?: string;
  /** Drives the initial status only: `paid` starts as `incomplete`. Not stored. */
  mode?: QZPaySubscriptionCreateMode;
  /** Provider label; not stored. */
  billingInterval?: QZPaySubscriptionBillingIntervalLabel;
  /** Not stored. */
  paymentMethodReturnUrl?: string;
  /** Not stored. */
  notificationUrl?: string;
  /** Provider-side trial; not stored. */
  freeTrialDays?: number;
  /** Not stored. */
  providerPriceId?: string;
  providerSubscriptionIds?: Record<string, string>;
}

export interface QZPayUpdateSubscriptionInput {
  planId?: string;
  quantity?: number;
  /** Provider-facing; not stored. */
  prorationBehavior?: QZPayProrationBehavior;
  /** Replaces the stored metadata. */
  metadata?: QZPayMetadata;
  status?: QZPaySubscriptionStatus;
  /** `null` clears (uncancel); absent leaves it untouched. */
  canceledAt?: Date | null;
  /** Not nullable upstream: there is no way to clear `cancelAt` through this type. */
  cancelAt?: Date;
  currentPeriodStart?: Date;
  currentPeriodEnd?: Date;
  /** `null` clears. */
  trialEnd?: Date | null;
  /** Provider-facing, major units; not stored. */
  transactionAmount?: number;
  /** Merged by key into the stored map. */
  providerSubscriptionIds?: Record<string, string>;
  /** `null` clears, an object replaces, absent leaves it untouched. */
  scheduledPlanChange?: QZPayScheduledPlanChange | null;
  /** Provider-facing; not stored. */
  externalReference?: string;
  /** Provider-facing; not stored. */
  reason?: string;
}

// ---- Subscription polling jobs (§3.3) ----

export interface QZPaySchedulePollingInput {
  subscriptionId: string;
  providerResourceId: string;
  /** Default `subscription`. */
  resourceType?: QZPayPollingResourceType;
  /** Optional on the type, but storage rejects a create without it: it cannot infer the provider. */
  provider?: string;
  /** Default 30000. */
  initialDelayMs?: number;
  /** Default 60. */
  maxAttempts?: number;
  metadata?: QZPayMetadata;
}

/** Version-checked write: resolves `null` when `id` is unknown or `expectedVersion` is stale. */
export interface QZPayUpdatePollingJobInput {
  id: string;
  /** The string `version` token the caller last read. */
  expectedVersion: string;
  status?: QZPaySubscriptionPollingJobStatus;
  /** Added to `attempts` in SQL. */
  incrementAttemptsBy?: number;
  lastPolledAt?: Date;
  lastProviderStatus?: string | null;
  lastError?: string | null;
  nextPollAt?: Date;
  completedAt?: Date | null;
}

// ---- Payments (§3.4) — payments are created from a full `QZPayPayment`, so only refunds have an input. ----

/** One refund event (one ledger row). */
export interface QZPayCreateRefundInput {
  paymentId: string;
  /** Minor units refunded by this event alone (not the running total). */
  amount: number;
  currency: QZPayCurrency;
  /** Core only writes `succeeded`. */
  status: QZPayRefundStatus;
  reason?: string;
  /** Idempotency key: a second event with the same id is silently ignored. */
  providerRefundId?: string;
  /** Core passes the payment's livemode. */
  livemode: boolean;
  metadata?: QZPayMetadata;
}

// ---- Payment methods (§3.5) ----

export interface QZPayCreatePaymentMethodInput {
  customerId: string;
  type: QZPayPaymentMethodType;
  providerPaymentMethodId: string;
  provider: string;
  /** Sets this row's flag only; core calls `setDefault` afterwards to clear the others. */
  setAsDefault?: boolean;
  /** Normalised to a complete `QZPayBillingDetails` (missing keys `null`). */
  billingDetails?: Partial<QZPayBillingDetails>;
  metadata?: QZPayMetadata;
}

export interface QZPayUpdatePaymentMethodInput {
  /** Merged key by key into the stored details; an explicit `null` overwrites. */
  billingDetails?: Partial<QZPayBillingDetails>;
  metadata?: QZPayMetadata;
}

// ---- Invoices (§3.6) ----

/** No currency field: invoices are created in `USD`. */
export interface QZPayCreateInvoiceInput {
  customerId: string;
  subscriptionId?: string;
  dueDate?: Date;
  lines: QZPayCreateInvoiceLineInput[];
  metadata?: QZPayMetadata;
}

export interface QZPayCreateInvoiceLineInput {
  description: string;
  quantity: number;
  unitAmount: number;
  priceId?: string;
}

// ---- Plans and prices (§3.7) — updates take `Partial<QZPayPlan>` / `Partial<QZPayPrice>`. ----

export interface QZPayCreatePlanInput {
  name: string;
  description?: string;
  features?: QZPayPlanFeature[];
  entitlements?: string[];
  limits?: Record<string, number>;
  metadata?: QZPayMetadata;
}

export interface QZPayCreatePriceInput {
  planId: string;
  nickname?: string;
  currency: QZPayCurrency;
  unitAmount: number;
  billingInterval: QZPayBillingInterval;
  /** Default 1. */
  intervalCount?: number;
  trialDays?: number;
  metadata?: QZPayMetadata;
  /** Provider-only redirect URL; not stored. */
  backUrl?: string;
}

// ---- Promo codes (§3.8) — updates take `Partial<QZPayPromoCode>`. ----

export interface QZPayCreatePromoCodeInput {
  code: string;
  discountType: QZPayDiscountType;
  discountValue: number;
  currency?: QZPayCurrency;
  /** Default `none`. */
  stackingMode?: QZPayDiscountStackingMode;
  conditions?: QZPayPromoCodeCondition[];
  maxRedemptions?: number;
  maxRedemptionsPerCustomer?: number;
  validFrom?: Date;
  validUntil?: Date;
  applicablePlanIds?: string[];
  applicableProductIds?: string[];
  metadata?: QZPayMetadata;
}

// ---- Vendors (§3.9) ----

export interface QZPayCreateVendorInput {
  externalId: string;
  name: string;
  email: string;
  /** Default 0. */
  commissionRate?: number;
  /** Default `{ interval: 'weekly', dayOfWeek: 1 }`. */
  payoutSchedule?: QZPayPayoutSchedule;
  metadata?: QZPayMetadata;
}

/** `status` and `providerAccountIds` are not updatable through the contract. */
export interface QZPayUpdateVendorInput {
  name?: string;
  email?: string;
  commissionRate?: number;
  /** Replaces the stored schedule. */
  payoutSchedule?: QZPayPayoutSchedule;
  metadata?: QZPayMetadata;
}

// ---- Entitlements and limits (§3.10–3.11) ----

export interface QZPayGrantEntitlementInput {
  customerId: string;
  entitlementKey: string;
  /** Absent = never expires. */
  expiresAt?: Date;
  /** Default `manual`. */
  source?: QZPaySourceType;
  sourceId?: string;
}

export interface QZPaySetLimitInput {
  customerId: string;
  limitKey: string;
  maxValue: number;
  resetAt?: Date;
  /** Default `manual`. */
  source?: QZPaySourceType;
  sourceId?: string;
}

export interface QZPayIncrementLimitInput {
  customerId: string;
  limitKey: string;
  /** Default 1. */
  incrementBy?: number;
}

// ---- Add-ons (§3.12) ----

/** `id` is optional on the type, but storage receives `& { id: string }`. */
export interface QZPayCreateAddOnInput {
  id?: string;
  name: string;
  description?: string;
  unitAmount: number;
  /** Plain string, not `QZPayCurrency`. */
  currency: string;
  billingInterval: QZPayAddOnBillingInterval;
  /** Default 1. */
  billingIntervalCount?: number;
  compatiblePlanIds?: string[];
  /** Default `false`. */
  allowMultiple?: boolean;
  maxQuantity?: number;
  entitlements?: string[];
  limits?: QZPayAddOnLimit[];
  metadata?: QZPayMetadata;
}

/**
 * Currency and billing interval are not updatable; `description` and `maxQuantity` cannot be
 * set back to `null` through this type.
 */
export interface QZPayUpdateAddOnInput {
  name?: string;
  description?: string;
  unitAmount?: number;
  active?: boolean;
  compatiblePlanIds?: string[];
  allowMultiple?: boolean;
  maxQuantity?: number;
  entitlements?: string[];
  limits?: QZPayAddOnLimit[];
  metadata?: QZPayMetadata;
}

/** Inline upstream (parameter of `addons.addToSubscription`); named here. */
export interface QZPayAddToSubscriptionInput {
  id: string;
  subscriptionId: string;
  addOnId: string;
  quantity: number;
  unitAmount: number;
  currency: string;
  /** `Record<string, unknown>` upstream here, not `QZPayMetadata`. */
  metadata?: Record<string, unknown>;
}
