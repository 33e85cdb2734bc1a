/**
 * The library's additions to the QZPay storage contract (docs/contract.md §E). Everything here is
 * additive: extended collections only add optional trailing parameters, narrow return types and
 * add methods, so a `QZPayDrizzleStorage` stays assignable to the contract's `QZPayStorageAdapter`
 * (checked in `test/types/assignability.ts`).
 */
import type {
  QZPayAddOn,
  QZPayCheckoutSession,
  QZPayCustomer,
  QZPayCustomerLimit,
  QZPayInvoice,
  QZPayPayment,
  QZPayPaymentMethod,
  QZPayPlan,
  QZPayPrice,
  QZPayPromoCode,
  QZPaySubscription,
  QZPayVendor,
} from './entities.js';
import type {
  QZPayCreateAddOnInput,
  QZPayCreateCustomerInput,
  QZPayCreateInvoiceInput,
  QZPayCreatePlanInput,
  QZPayCreateSubscriptionInput,
  QZPayCreateVendorInput,
  QZPayIncrementLimitInput,
  QZPayListOptions,
  QZPayPaginatedResult,
  QZPayUpdateAddOnInput,
  QZPayUpdateCustomerInput,
  QZPayUpdateSubscriptionInput,
  QZPayUpdateVendorInput,
} from './inputs.js';
import type {
  QZPayAddOnStorage,
  QZPayCheckoutStorage,
  QZPayCustomerStorage,
  QZPayInvoiceStorage,
  QZPayLimitStorage,
  QZPayPaymentMethodStorage,
  QZPayPaymentStorage,
  QZPayPlanStorage,
  QZPayPriceStorage,
  QZPayPromoCodeStorage,
  QZPayStorageAdapter,
  QZPaySubscriptionPollingJobStorage,
  QZPaySubscriptionStorage,
  QZPayVendorStorage,
} from './storage.js';
import type {
  QZPayCurrency,
  QZPayOrderDirection,
} from './unions.js';

// ---- Optimistic locking and invoice numbers ----

/**
 * Optional last argument of `update` on versioned collections. A mismatch rejects with
 * `QZPayOptimisticLockError` and writes nothing; omitted = unconditional write.
 */
export type QZPayWriteOptions = { expectedVersion?: number };

/**
 * An entity of a versioned table (customers, subscriptions, payments, invoices, vendors, plans,
 * add-ons) with its integer version, raised by every write. Polling jobs are not `Versioned`:
 * they keep the contract's own string token.
 */
export type Versioned<T> = T & { version: number };

/** Invoices are versioned and carry a gap-free number, unique per livemode. */
export type QZPayStoredInvoice = QZPayInvoice & { version: number; number: string };

// ---- Extended contract collections. Parameter types stay the contract's; only returns narrow. ----

export interface QZPayDrizzleCustomerStorage extends QZPayCustomerStorage {
  create(input: QZPayCreateCustomerInput): Promise<Versioned<QZPayCustomer>>;
  update(id: string, input: QZPayUpdateCustomerInput, options?: QZPayWriteOptions): Promise<Versioned<QZPayCustomer>>;
  findById(id: string): Promise<Versioned<QZPayCustomer> | null>;
  findByExternalId(externalId: string): Promise<Versioned<QZPayCustomer> | null>;
  findByEmail(email: string): Promise<Versioned<QZPayCustomer> | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<Versioned<QZPayCustomer>>>;
}

export interface QZPayDrizzleSubscriptionStorage extends QZPaySubscriptionStorage {
  create(input: QZPayCreateSubscriptionInput & { id: string }): Promise<Versioned<QZPaySubscription>>;
  update(
    id: string,
    input: QZPayUpdateSubscriptionInput,
    options?: QZPayWriteOptions,
  ): Promise<Versioned<QZPaySubscription>>;
  findById(id: string): Promise<Versioned<QZPaySubscription> | null>;
  findByCustomerId(customerId: string): Promise<Versioned<QZPaySubscription>[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<Versioned<QZPaySubscription>>>;
}

export interface QZPayDrizzlePaymentStorage extends QZPayPaymentStorage {
  create(payment: QZPayPayment): Promise<Versioned<QZPayPayment>>;
  update(id: string, payment: Partial<QZPayPayment>, options?: QZPayWriteOptions): Promise<Versioned<QZPayPayment>>;
  findById(id: string): Promise<Versioned<QZPayPayment> | null>;
  findByCustomerId(customerId: string): Promise<Versioned<QZPayPayment>[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<Versioned<QZPayPayment>>>;
}

export interface QZPayApplyInvoicePaymentInput {
  invoiceId: string;
  paymentId: string;
  /** Minor units; applying more than `amountDue` rejects. */
  amount: number;
}

export interface QZPayDrizzleInvoiceStorage extends QZPayInvoiceStorage {
  create(input: QZPayCreateInvoiceInput & { id: string }): Promise<QZPayStoredInvoice>;
  update(id: string, invoice: Partial<QZPayInvoice>, options?: QZPayWriteOptions): Promise<QZPayStoredInvoice>;
  findById(id: string): Promise<QZPayStoredInvoice | null>;
  findByCustomerId(customerId: string): Promise<QZPayStoredInvoice[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayStoredInvoice>>;
  /**
   * One transaction: records the application, raises `amountPaid`, lowers `amountDue`, and sets
   * `status: 'paid'` + `paidAt` when `amountDue` reaches 0.
   */
  applyPayment(input: QZPayApplyInvoicePaymentInput): Promise<QZPayStoredInvoice>;
  findPayments(invoiceId: string): Promise<QZPayInvoicePayment[]>;
}

export interface QZPayDrizzlePlanStorage extends QZPayPlanStorage {
  create(input: QZPayCreatePlanInput & { id: string }): Promise<Versioned<QZPayPlan>>;
  update(id: string, plan: Partial<QZPayPlan>, options?: QZPayWriteOptions): Promise<Versioned<QZPayPlan>>;
  findById(id: string): Promise<Versioned<QZPayPlan> | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<Versioned<QZPayPlan>>>;
}

export interface QZPayRedeemPromoCodeInput {
  promoCodeId: string;
  customerId: string;
  subscriptionId?: string;
  /** Minor units actually discounted by this redemption. */
  discountAmount: number;
  currency: QZPayCurrency;
}

export interface QZPayPromoCodeUsageQuery {
  promoCodeId?: string;
  customerId?: string;
}

/** Promo codes are not versioned; the extension only adds methods. */
export interface QZPayDrizzlePromoCodeStorage extends QZPayPromoCodeStorage {
  /**
   * One transaction: the atomic global increment, the per-customer limit check and the usage
   * row. Resolves `null` when either limit is reached; never over-redeems under concurrency.
   */
  redeem(input: QZPayRedeemPromoCodeInput): Promise<QZPayPromoCodeUsage | null>;
  /** Newest first. */
  findUsage(query: QZPayPromoCodeUsageQuery): Promise<QZPayPromoCodeUsage[]>;
}

export interface QZPayDrizzleVendorStorage extends QZPayVendorStorage {
  create(input: QZPayCreateVendorInput & { id: string }): Promise<Versioned<QZPayVendor>>;
  update(id: string, input: QZPayUpdateVendorInput, options?: QZPayWriteOptions): Promise<Versioned<QZPayVendor>>;
  findById(id: string): Promise<Versioned<QZPayVendor> | null>;
  findByExternalId(externalId: string): Promise<Versioned<QZPayVendor> | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<Versioned<QZPayVendor>>>;
}

export interface QZPayDrizzleAddOnStorage extends QZPayAddOnStorage {
  create(input: QZPayCreateAddOnInput & { id: string }): Promise<Versioned<QZPayAddOn>>;
  update(id: string, input: QZPayUpdateAddOnInput, options?: QZPayWriteOptions): Promise<Versioned<QZPayAddOn>>;
  findById(id: string): Promise<Versioned<QZPayAddOn> | null>;
  findByPlanId(planId: string): Promise<Versioned<QZPayAddOn>[]>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<Versioned<QZPayAddOn>>>;
}

// ---- Extra entities behind the extended methods ----

/** One row per redemption (`billing_promo_code_usage`); checked for `maxRedemptionsPerCustomer`. */
export interface QZPayPromoCodeUsage {
  id: string;
  promoCodeId: string;
  customerId: string;
  subscriptionId: string | null;
  discountAmount: number;
  currency: QZPayCurrency;
  usedAt: Date;
  livemode: boolean;
}

/** Which payment paid how much of which invoice (`billing_invoice_payments`). */
export interface QZPayInvoicePayment {
  id: string;
  invoiceId: string;
  paymentId: string;
  amountApplied: number;
  currency: QZPayCurrency;
  appliedAt: Date;
  livemode: boolean;
}

export * from './extension-collections.js';
import type {
  QZPayWebhookEvent,
  QZPayWebhookEventStorage,
  QZPayAuditLogStorage,
  QZPayUsageRecordStorage,
  QZPayIdempotencyKeyStorage,
  QZPayCurrencyStorage,
} from './extension-collections.js';

// ---- Keyset pagination ----

/** Cursor-based alternative to `QZPayListOptions`: `after` is the opaque `nextCursor` of the previous page. */
export type QZPayPageOptions = {
  after?: string;
  limit?: number;
  orderBy?: string;
  orderDirection?: QZPayOrderDirection;
  filters?: Record<string, unknown>;
};

/** `nextCursor` is `null` on the last page. */
export type QZPayPage<T> = { data: T[]; nextCursor: string | null };

/**
 * Keyset pagination on every collection that has `list`: rows strictly after `after` in a stable
 * (orderBy, id) order, with no count query (deep pages cost what the first page costs).
 */
export interface QZPayKeysetPaging<T> {
  listPage(options?: QZPayPageOptions): Promise<QZPayPage<T>>;
}

// ---- The full adapter ----

/**
 * What this library's factory returns: the contract adapter with the extended collections,
 * `subscriptionPollingJobs` always present, and the extra collections.
 */
/** `limits.incrementCapped`: `applied: false` = the increment would pass maxValue; nothing written. */
export interface QZPayCappedIncrementResult {
  readonly applied: boolean;
  /** The row after the increment, or as it stood when the increment was refused. */
  readonly limit: QZPayCustomerLimit;
}

export interface QZPayDrizzleLimitStorage extends QZPayLimitStorage {
  /**
   * Like `increment`, but never takes currentValue past maxValue: one conditional statement,
   * so N concurrent calls against room for M apply exactly M.
   */
  incrementCapped(input: QZPayIncrementLimitInput): Promise<QZPayCappedIncrementResult>;
}

export interface QZPayDrizzleStorage extends QZPayStorageAdapter {
  customers: QZPayDrizzleCustomerStorage & QZPayKeysetPaging<Versioned<QZPayCustomer>>;
  subscriptions: QZPayDrizzleSubscriptionStorage & QZPayKeysetPaging<Versioned<QZPaySubscription>>;
  subscriptionPollingJobs: QZPaySubscriptionPollingJobStorage;
  payments: QZPayDrizzlePaymentStorage & QZPayKeysetPaging<Versioned<QZPayPayment>>;
  paymentMethods: QZPayPaymentMethodStorage & QZPayKeysetPaging<QZPayPaymentMethod>;
  invoices: QZPayDrizzleInvoiceStorage & QZPayKeysetPaging<QZPayStoredInvoice>;
  plans: QZPayDrizzlePlanStorage & QZPayKeysetPaging<Versioned<QZPayPlan>>;
  prices: QZPayPriceStorage & QZPayKeysetPaging<QZPayPrice>;
  promoCodes: QZPayDrizzlePromoCodeStorage & QZPayKeysetPaging<QZPayPromoCode>;
  vendors: QZPayDrizzleVendorStorage & QZPayKeysetPaging<Versioned<QZPayVendor>>;
  addons: QZPayDrizzleAddOnStorage & QZPayKeysetPaging<Versioned<QZPayAddOn>>;
  checkouts: QZPayCheckoutStorage & QZPayKeysetPaging<QZPayCheckoutSession>;
  webhookEvents: QZPayWebhookEventStorage & QZPayKeysetPaging<QZPayWebhookEvent>;
  auditLogs: QZPayAuditLogStorage;
  usageRecords: QZPayUsageRecordStorage;
  limits: QZPayDrizzleLimitStorage;
  idempotencyKeys: QZPayIdempotencyKeyStorage;
  currencies: QZPayCurrencyStorage;
}
