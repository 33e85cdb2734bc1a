/**
 * Entity types of the QZPay storage contract (docs/contract.md §2.4, §3.1–3.6): what every
 * collection method resolves. The catalog side (§3.7–3.13) lives in `entities-catalog.ts` and is
 * re-exported at the bottom, so this module is the single import point for entity types.
 *
 * Notation, as in the spec: `T | null` = key always present; `key?: T` = key may be absent and,
 * under `exactOptionalPropertyTypes`, must then be omitted rather than set to `undefined`.
 */
import type {
  QZPayBankAccountType,
  QZPayBillingInterval,
  QZPayCardBrand,
  QZPayCardFunding,
  QZPayCurrency,
  QZPayInvoiceStatus,
  QZPayPaymentMethodStatus,
  QZPayPaymentMethodType,
  QZPayPaymentStatus,
  QZPayPollingResourceType,
  QZPayRefundStatus,
  QZPayScheduledPlanChangeStatus,
  QZPaySubscriptionPollingJobStatus,
  QZPaySubscriptionStatus,
} from './unions.js';

// ---- Metadata (§2.4) ----

/** `undefined` is allowed because core writes it to drop keys; such keys vanish on the JSON round trip. */
export type QZPayMetadataValue = string | number | boolean | null | undefined;

/** Free-form JSON bag. A supplied `metadata` on update replaces the stored one wholesale. */
export type QZPayMetadata = Record<string, QZPayMetadataValue>;

// ---- Customers (§3.1) ----

export interface QZPayCustomer {
  id: string;
  /** The host application's user id. Not unique in the contract. */
  externalId: string;
  email: string;
  name: string | null;
  phone: string | null;
  /** Keyed by provider name; `{}` when none. Core reads `providerCustomerIds[provider]`. */
  providerCustomerIds: Record<string, string>;
  /** Omitted (not `undefined`) until first set through `update`. */
  savedCards?: QZPaySavedCard[];
  metadata: QZPayMetadata;
  livemode: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Always `null` on returned rows: soft-deleted customers are hidden from every read. */
  deletedAt: Date | null;
}

export interface QZPaySavedCard {
  id: string;
  provider: string;
  lastFourDigits: string;
  firstSixDigits?: string;
  expirationMonth: number;
  expirationYear: number;
  cardholderName?: string;
  paymentMethodId?: string;
  paymentMethodName?: string;
  paymentMethodThumbnail?: string;
  isDefault?: boolean;
  createdAt: Date;
}

// ---- Subscriptions (§3.2) ----

export interface QZPaySubscription {
  id: string;
  customerId: string;
  /** Free-form: plans may live only in the billing config, so there is no foreign key. */
  planId: string;
  status: QZPaySubscriptionStatus;
  interval: QZPayBillingInterval;
  intervalCount: number;
  quantity: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  trialStart: Date | null;
  trialEnd: Date | null;
  cancelAt: Date | null;
  canceledAt: Date | null;
  cancelAtPeriodEnd: boolean;
  providerSubscriptionIds: Record<string, string>;
  /**
   * Optional on the upstream type, but this library always emits it (`null` when none):
   * core counts per-customer promo redemptions from it.
   */
  promoCodeId?: string | null;
  metadata: QZPayMetadata;
  /** `null` when nothing is queued. */
  scheduledPlanChange: QZPayScheduledPlanChange | null;
  livemode: boolean;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** Stored as one JSON value; the host's scheduler owns its lifecycle, so timestamps are ISO strings. */
export interface QZPayScheduledPlanChange {
  newPlanId: string;
  newPriceId: string;
  /** Major currency units (not minor units like every other amount). */
  targetTransactionAmountMajor: number;
  applyAt: string;
  requestedAt: string;
  requestedBy?: string;
  status: QZPayScheduledPlanChangeStatus;
  attemptCount: number;
  lastAttemptAt?: string;
  resolvedAt?: string;
  lastError?: string;
  metadata?: QZPayMetadata;
}

// ---- Subscription polling jobs (§3.3) ----

/** Not livemode-aware and has no `livemode` field. */
export interface QZPaySubscriptionPollingJob {
  id: string;
  subscriptionId: string;
  provider: string;
  /** Preapproval id, preference id, ... At most one `pending` job per `(provider, providerResourceId)`. */
  providerResourceId: string;
  resourceType: QZPayPollingResourceType;
  status: QZPaySubscriptionPollingJobStatus;
  attempts: number;
  maxAttempts: number;
  nextPollAt: Date;
  lastPolledAt: Date | null;
  lastProviderStatus: string | null;
  lastError: string | null;
  metadata: QZPayMetadata;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  /** Optimistic-lock token (a UUID string, rotated on every update) — not the integer `version` of versioned tables. */
  version: string;
}

// ---- Payments and refunds (§3.4) ----

/** No `deletedAt`: payments are never deleted. `livemode` is the caller's, not the adapter's. */
export interface QZPayPayment {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  invoiceId: string | null;
  /** Minor units. */
  amount: number;
  currency: QZPayCurrency;
  status: QZPayPaymentStatus;
  paymentMethodId: string | null;
  providerPaymentIds: Record<string, string>;
  failureCode: string | null;
  failureMessage: string | null;
  metadata: QZPayMetadata;
  livemode: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Informative: no storage method returns it (the in-memory adapter uses it as its ledger row).
 * Kept for completeness of the upstream type surface.
 */
export interface QZPayRefund {
  id: string;
  paymentId: string;
  amount: number;
  currency: QZPayCurrency;
  reason: string | null;
  status: QZPayRefundStatus;
  providerRefundIds: Record<string, string>;
  createdAt: Date;
}

// ---- Payment methods (§3.5) ----

export interface QZPayPaymentMethod {
  id: string;
  customerId: string;
  type: QZPayPaymentMethodType;
  status: QZPayPaymentMethodStatus;
  isDefault: boolean;
  card: QZPayCardDetails | null;
  bankAccount: QZPayBankAccountDetails | null;
  /** Always complete when present: partial input is normalised with `null` for missing keys. */
  billingDetails: QZPayBillingDetails | null;
  providerPaymentMethodIds: Record<string, string>;
  metadata: QZPayMetadata;
  livemode: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface QZPayCardDetails {
  brand: QZPayCardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  funding: QZPayCardFunding;
  country: string | null;
}

export interface QZPayBankAccountDetails {
  bankName: string | null;
  last4: string;
  accountType: QZPayBankAccountType;
  country: string | null;
}

export interface QZPayBillingDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: QZPayBillingAddress | null;
}

export interface QZPayBillingAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

// ---- Invoices (§3.6) ----

/** No `deletedAt`. All amounts in minor units. Always returned with its lines. */
export interface QZPayInvoice {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  status: QZPayInvoiceStatus;
  currency: QZPayCurrency;
  subtotal: number;
  tax: number;
  discount: number;
  total: number;
  amountPaid: number;
  amountDue: number;
  dueDate: Date | null;
  paidAt: Date | null;
  voidedAt: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  /** In creation (input) order. */
  lines: QZPayInvoiceLine[];
  providerInvoiceIds: Record<string, string>;
  metadata: QZPayMetadata;
  livemode: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface QZPayInvoiceLine {
  id: string;
  invoiceId: string;
  description: string;
  quantity: number;
  unitAmount: number;
  /** `quantity × unitAmount`. */
  amount: number;
  priceId: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  metadata: QZPayMetadata;
}

// ---- Catalog side (plans, prices, promo codes, vendors, entitlements, limits, add-ons, checkouts) ----

export type {
  QZPayAddOn,
  QZPayAddOnLimit,
  QZPayCheckoutLineItem,
  QZPayCheckoutSession,
  QZPayCustomerEntitlement,
  QZPayCustomerLimit,
  QZPayEntitlement,
  QZPayLimit,
  QZPayPayoutSchedule,
  QZPayPlan,
  QZPayPlanFeature,
  QZPayPrice,
  QZPayPromoCode,
  QZPayPromoCodeCondition,
  QZPaySubscriptionAddOn,
  QZPayUsageRecord,
  QZPayVendor,
  QZPayVendorPayout,
} from './entities-catalog.js';
