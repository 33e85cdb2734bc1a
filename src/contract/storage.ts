/**
 * Collection interfaces of the QZPay storage contract (docs/contract.md §1, §4): 14 collections,
 * 101 methods, plus the adapter type. Names, parameter order and types are upstream's; the
 * adapter must stay structurally assignable to upstream core's `QZPayStorageAdapter`.
 *
 * Conventions that apply throughout (details in the spec):
 * - `update`-style methods on a missing or soft-deleted row reject (never resolve `null`).
 * - `findBy*` never throw for unknown or malformed ids; they resolve `null` / `[]`.
 * - `list` follows §2.3 (livemode-scoped, newest first, default limit 20, no clamping).
 */
import type {
  QZPayAddOn,
  QZPayCheckoutSession,
  QZPayCustomer,
  QZPayCustomerEntitlement,
  QZPayCustomerLimit,
  QZPayEntitlement,
  QZPayInvoice,
  QZPayLimit,
  QZPayPayment,
  QZPayPaymentMethod,
  QZPayPlan,
  QZPayPrice,
  QZPayPromoCode,
  QZPaySubscription,
  QZPaySubscriptionAddOn,
  QZPaySubscriptionPollingJob,
  QZPayUsageRecord,
  QZPayVendor,
  QZPayVendorPayout,
} from './entities.js';
import type {
  QZPayAddToSubscriptionInput,
  QZPayCreateAddOnInput,
  QZPayCreateCustomerInput,
  QZPayCreateInvoiceInput,
  QZPayCreatePaymentMethodInput,
  QZPayCreatePlanInput,
  QZPayCreatePriceInput,
  QZPayCreatePromoCodeInput,
  QZPayCreateRefundInput,
  QZPayCreateSubscriptionInput,
  QZPayCreateVendorInput,
  QZPayGrantEntitlementInput,
  QZPayIncrementLimitInput,
  QZPayListOptions,
  QZPayPaginatedResult,
  QZPaySchedulePollingInput,
  QZPaySetLimitInput,
  QZPayUpdateAddOnInput,
  QZPayUpdateCustomerInput,
  QZPayUpdatePaymentMethodInput,
  QZPayUpdatePollingJobInput,
  QZPayUpdateSubscriptionInput,
  QZPayUpdateVendorInput,
} from './inputs.js';
import type { QZPaySourceType } from './unions.js';

/** §4.1 — 7 methods. Soft delete; storage generates the UUID id. */
export interface QZPayCustomerStorage {
  create(input: QZPayCreateCustomerInput): Promise<QZPayCustomer>;
  update(id: string, input: QZPayUpdateCustomerInput): Promise<QZPayCustomer>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPayCustomer | null>;
  /** Scoped to the adapter's livemode. */
  findByExternalId(externalId: string): Promise<QZPayCustomer | null>;
  /** Case-insensitive; scoped to the adapter's livemode. */
  findByEmail(email: string): Promise<QZPayCustomer | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayCustomer>>;
}

/** §4.2 — 6 methods. Soft delete; id supplied by core. */
export interface QZPaySubscriptionStorage {
  create(input: QZPayCreateSubscriptionInput & { id: string }): Promise<QZPaySubscription>;
  update(id: string, input: QZPayUpdateSubscriptionInput): Promise<QZPaySubscription>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPaySubscription | null>;
  findByCustomerId(customerId: string): Promise<QZPaySubscription[]>;
  /** Must serve `limit: 10000` (core's metrics and lifecycle jobs read every row this way). */
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPaySubscription>>;
}

/**
 * §4.3 — 6 methods. Core never calls it; hosts reach it through `billing.getStorage()` to run a
 * poller. Not livemode-aware.
 */
export interface QZPaySubscriptionPollingJobStorage {
  /** Resolves `null` (no error) when a `pending` job already exists for `(provider, providerResourceId)`. */
  create(input: QZPaySchedulePollingInput): Promise<QZPaySubscriptionPollingJob | null>;
  /** Version-checked write; resolves `null` on an unknown id or a stale `expectedVersion`. */
  update(input: QZPayUpdatePollingJobInput): Promise<QZPaySubscriptionPollingJob | null>;
  findById(id: string): Promise<QZPaySubscriptionPollingJob | null>;
  findActiveByProviderResourceId(
    provider: string,
    providerResourceId: string,
  ): Promise<QZPaySubscriptionPollingJob | null>;
  /** The oldest pending job (`createdAt` asc, then `id` asc). */
  findActiveBySubscriptionId(subscriptionId: string): Promise<QZPaySubscriptionPollingJob | null>;
  /** Pending jobs with `nextPollAt <= now`, by `nextPollAt` asc, at most `limit` (clamped 1..200). */
  findDuePending(now: Date, limit: number): Promise<QZPaySubscriptionPollingJob[]>;
}

/** §4.4 — 8 methods, including the refund ledger. Payments are never deleted. */
export interface QZPayPaymentStorage {
  /** Inserts the caller's full payment as-is (its own id, livemode and maps). */
  create(payment: QZPayPayment): Promise<QZPayPayment>;
  update(id: string, payment: Partial<QZPayPayment>): Promise<QZPayPayment>;
  findById(id: string): Promise<QZPayPayment | null>;
  findByCustomerId(customerId: string): Promise<QZPayPayment[]>;
  /** Must serve `limit: 10000`. */
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayPayment>>;
  /** One ledger row per event; idempotent on `providerRefundId` (a repeat inserts nothing, no error). */
  createRefund(input: QZPayCreateRefundInput): Promise<void>;
  /** Sum over `succeeded` ledger rows of the payment; 0 when none. */
  getTotalRefundedAmount(paymentId: string): Promise<number>;
  /** Across all payments and statuses. */
  hasRefundForProviderRefundId(providerRefundId: string): Promise<boolean>;
}

/** §4.5 — 8 methods. Soft delete. */
export interface QZPayPaymentMethodStorage {
  create(input: QZPayCreatePaymentMethodInput & { id: string }): Promise<QZPayPaymentMethod>;
  update(id: string, input: QZPayUpdatePaymentMethodInput): Promise<QZPayPaymentMethod>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPayPaymentMethod | null>;
  findByCustomerId(customerId: string): Promise<QZPayPaymentMethod[]>;
  findDefaultByCustomerId(customerId: string): Promise<QZPayPaymentMethod | null>;
  /** Atomic: a missing target rejects with no change applied. */
  setDefault(customerId: string, paymentMethodId: string): Promise<void>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayPaymentMethod>>;
}

/** §4.6 — 5 methods. No delete; every read includes the lines. */
export interface QZPayInvoiceStorage {
  create(input: QZPayCreateInvoiceInput & { id: string }): Promise<QZPayInvoice>;
  update(id: string, invoice: Partial<QZPayInvoice>): Promise<QZPayInvoice>;
  findById(id: string): Promise<QZPayInvoice | null>;
  findByCustomerId(customerId: string): Promise<QZPayInvoice[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayInvoice>>;
}

/** §4.7 — 5 methods. Soft delete also sets `active = false`; reads populate `prices`. */
export interface QZPayPlanStorage {
  create(input: QZPayCreatePlanInput & { id: string }): Promise<QZPayPlan>;
  update(id: string, plan: Partial<QZPayPlan>): Promise<QZPayPlan>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPayPlan | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayPlan>>;
}

/** §4.8 — 6 methods. Hard delete. */
export interface QZPayPriceStorage {
  create(input: QZPayCreatePriceInput & { id: string }): Promise<QZPayPrice>;
  update(id: string, price: Partial<QZPayPrice>): Promise<QZPayPrice>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPayPrice | null>;
  /** Active prices only, cheapest first: core treats `[0]` as the plan's default price. */
  findByPlanId(planId: string): Promise<QZPayPrice[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayPrice>>;
}

/** §4.9 — 8 methods. `delete` deactivates instead of hiding. */
export interface QZPayPromoCodeStorage {
  create(input: QZPayCreatePromoCodeInput & { id: string }): Promise<QZPayPromoCode>;
  update(id: string, promoCode: Partial<QZPayPromoCode>): Promise<QZPayPromoCode>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPayPromoCode | null>;
  /** Case-insensitive; scoped to the adapter's livemode; returns inactive/expired codes too. */
  findByCode(code: string): Promise<QZPayPromoCode | null>;
  /** @deprecated Unconditional increment; use `atomicIncrementRedemptions`. */
  incrementRedemptions(id: string): Promise<void>;
  /** Single conditional update; resolves `null` at `maxRedemptions` (or for an unknown id). */
  atomicIncrementRedemptions(id: string): Promise<QZPayPromoCode | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayPromoCode>>;
}

/** §4.10 — 8 methods, including payouts. Soft delete. */
export interface QZPayVendorStorage {
  create(input: QZPayCreateVendorInput & { id: string }): Promise<QZPayVendor>;
  update(id: string, input: QZPayUpdateVendorInput): Promise<QZPayVendor>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPayVendor | null>;
  /** Scoped to the adapter's livemode. */
  findByExternalId(externalId: string): Promise<QZPayVendor | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayVendor>>;
  createPayout(payout: QZPayVendorPayout): Promise<QZPayVendorPayout>;
  findPayoutsByVendorId(vendorId: string): Promise<QZPayVendorPayout[]>;
}

/** §4.11 — 8 methods. Definitions and grants are independent (no FK between them). */
export interface QZPayEntitlementStorage {
  createDefinition(entitlement: QZPayEntitlement): Promise<QZPayEntitlement>;
  findDefinitionByKey(key: string): Promise<QZPayEntitlement | null>;
  listDefinitions(): Promise<QZPayEntitlement[]>;
  /** Extend-only upsert on an active grant for the same (customer, key). */
  grant(input: QZPayGrantEntitlementInput): Promise<QZPayCustomerEntitlement>;
  revoke(customerId: string, entitlementKey: string): Promise<void>;
  /** Resolves the number of grants deleted. */
  revokeBySource(source: QZPaySourceType, sourceId: string): Promise<number>;
  /** Non-expired grants only, by `entitlementKey` asc. */
  findByCustomerId(customerId: string): Promise<QZPayCustomerEntitlement[]>;
  check(customerId: string, entitlementKey: string): Promise<boolean>;
}

/** §4.12 — 10 methods, including usage records. */
export interface QZPayLimitStorage {
  createDefinition(limit: QZPayLimit): Promise<QZPayLimit>;
  findDefinitionByKey(key: string): Promise<QZPayLimit | null>;
  listDefinitions(): Promise<QZPayLimit[]>;
  /** Upsert on (customer, key); an existing row keeps its `currentValue`. */
  set(input: QZPaySetLimitInput): Promise<QZPayCustomerLimit>;
  /** Idempotent. */
  delete(customerId: string, limitKey: string): Promise<void>;
  /** Resolves the number of limits deleted. */
  deleteBySource(source: QZPaySourceType, sourceId: string): Promise<number>;
  /** Atomic SQL increment; rejects when the row does not exist. */
  increment(input: QZPayIncrementLimitInput): Promise<QZPayCustomerLimit>;
  findByCustomerId(customerId: string): Promise<QZPayCustomerLimit[]>;
  check(customerId: string, limitKey: string): Promise<QZPayCustomerLimit | null>;
  /** Appends only; never changes a limit's `currentValue`. */
  recordUsage(record: QZPayUsageRecord): Promise<QZPayUsageRecord>;
}

/** §4.13 — 11 methods, including subscription add-ons. Soft delete also sets `active = false`. */
export interface QZPayAddOnStorage {
  create(input: QZPayCreateAddOnInput & { id: string }): Promise<QZPayAddOn>;
  update(id: string, input: QZPayUpdateAddOnInput): Promise<QZPayAddOn>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<QZPayAddOn | null>;
  /** Active add-ons whose `compatiblePlanIds` is empty or contains `planId`, by name. */
  findByPlanId(planId: string): Promise<QZPayAddOn[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayAddOn>>;
  addToSubscription(input: QZPayAddToSubscriptionInput): Promise<QZPaySubscriptionAddOn>;
  /** Marks the pair's active attachments `canceled`; rejects when none is active. */
  removeFromSubscription(subscriptionId: string, addOnId: string): Promise<void>;
  updateSubscriptionAddOn(
    subscriptionId: string,
    addOnId: string,
    input: Partial<QZPaySubscriptionAddOn>,
  ): Promise<QZPaySubscriptionAddOn>;
  /** Every attachment, canceled ones included, by `addedAt` asc. */
  findBySubscriptionId(subscriptionId: string): Promise<QZPaySubscriptionAddOn[]>;
  /** The active attachment of the pair, or `null`. */
  findSubscriptionAddOn(subscriptionId: string, addOnId: string): Promise<QZPaySubscriptionAddOn | null>;
}

/** §4.14 — 5 methods. Deliberately no `delete`: sessions only move `open` -> `complete` | `expired`. */
export interface QZPayCheckoutStorage {
  /** Persists the session exactly as supplied (no defaults filled in). */
  create(session: QZPayCheckoutSession): Promise<QZPayCheckoutSession>;
  update(id: string, input: Partial<QZPayCheckoutSession>): Promise<QZPayCheckoutSession>;
  findById(id: string): Promise<QZPayCheckoutSession | null>;
  findByCustomerId(customerId: string): Promise<QZPayCheckoutSession[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayCheckoutSession>>;
}

/** §1.1 — 13 required collections, 1 optional collection and `transaction`. */
export interface QZPayStorageAdapter {
  customers: QZPayCustomerStorage;
  subscriptions: QZPaySubscriptionStorage;
  /** Optional upstream (absent = polling disabled); this library always provides it. */
  subscriptionPollingJobs?: QZPaySubscriptionPollingJobStorage;
  payments: QZPayPaymentStorage;
  paymentMethods: QZPayPaymentMethodStorage;
  invoices: QZPayInvoiceStorage;
  plans: QZPayPlanStorage;
  prices: QZPayPriceStorage;
  promoCodes: QZPayPromoCodeStorage;
  vendors: QZPayVendorStorage;
  entitlements: QZPayEntitlementStorage;
  limits: QZPayLimitStorage;
  addons: QZPayAddOnStorage;
  checkouts: QZPayCheckoutStorage;
  /**
   * `fn` receives no handle: the active transaction is propagated implicitly (async context) to
   * every collection method called inside it. Resolves with `fn`'s value; rejects with `fn`'s
   * own error (unwrapped) after rolling back. Nested calls join / use a savepoint.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}
