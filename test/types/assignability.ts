/**
 * Type-level checks of the contract (no runtime code): `tsc --noEmit` fails if any assertion is
 * false. The important one: the library's full adapter type must stay assignable to the upstream
 * contract's `QZPayStorageAdapter`, which is what lets hosts pass it to `createQZPayBilling`.
 */
import type {
  QZPayAddOnStorage,
  QZPayCheckoutStorage,
  QZPayCustomer,
  QZPayCustomerStorage,
  QZPayDrizzleAddOnStorage,
  QZPayDrizzleCustomerStorage,
  QZPayDrizzleInvoiceStorage,
  QZPayDrizzlePaymentStorage,
  QZPayDrizzlePlanStorage,
  QZPayDrizzlePromoCodeStorage,
  QZPayDrizzleStorage,
  QZPayDrizzleSubscriptionStorage,
  QZPayDrizzleVendorStorage,
  QZPayEntitlementStorage,
  QZPayIdempotencyBeginResult,
  QZPayInvoice,
  QZPayInvoiceStorage,
  QZPayLimitStorage,
  QZPayPaymentMethodStorage,
  QZPayPaymentStorage,
  QZPayPlanStorage,
  QZPayPriceStorage,
  QZPayPromoCodeStorage,
  QZPayScheduledPlanChangeStatus,
  QZPayStorageAdapter,
  QZPayStoredInvoice,
  QZPaySubscription,
  QZPaySubscriptionAddOnStatus,
  QZPaySubscriptionPollingJobStatus,
  QZPaySubscriptionPollingJobStorage,
  QZPaySubscriptionStatus,
  QZPaySubscriptionStorage,
  QZPayVendorStorage,
  Versioned,
} from '../../src/contract/index.js';

type Assert<T extends true> = T;
type Not<T extends boolean> = T extends true ? false : true;
type IsAssignable<A, B> = [A] extends [B] ? true : false;
/** Exact type equality (distinguishes optional vs required, readonly, `any`). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type MethodCount<T> = keyof T extends infer K ? UnionLength<K> : never;
/** Number of members of a union of string literals (small unions only). */
type UnionLength<U, Acc extends unknown[] = []> = [U] extends [never]
  ? Acc['length']
  : LastOf<U> extends infer L
    ? UnionLength<Exclude<U, L>, [...Acc, L]>
    : never;
type LastOf<U> = (U extends unknown ? (x: () => U) => void : never) extends (x: infer I) => void
  ? I extends () => infer R
    ? R
    : never
  : never;

// ---- The full adapter is a contract adapter ----

export type DrizzleStorageIsAdapter = Assert<IsAssignable<QZPayDrizzleStorage, QZPayStorageAdapter>>;
// ...with polling jobs required (optional upstream).
export type PollingJobsRequired = Assert<
  Equals<QZPayDrizzleStorage['subscriptionPollingJobs'], QZPaySubscriptionPollingJobStorage>
>;
export type PollingJobsOptionalUpstream = Assert<
  IsAssignable<Omit<QZPayStorageAdapter, 'subscriptionPollingJobs'>, QZPayStorageAdapter>
>;
// The reverse must not hold: the library adds collections.
export type AdapterIsNotDrizzleStorage = Assert<Not<IsAssignable<QZPayStorageAdapter, QZPayDrizzleStorage>>>;

// ---- Each extended collection is its contract collection ----

export type CustomersOk = Assert<IsAssignable<QZPayDrizzleCustomerStorage, QZPayCustomerStorage>>;
export type SubscriptionsOk = Assert<IsAssignable<QZPayDrizzleSubscriptionStorage, QZPaySubscriptionStorage>>;
export type PaymentsOk = Assert<IsAssignable<QZPayDrizzlePaymentStorage, QZPayPaymentStorage>>;
export type InvoicesOk = Assert<IsAssignable<QZPayDrizzleInvoiceStorage, QZPayInvoiceStorage>>;
export type PlansOk = Assert<IsAssignable<QZPayDrizzlePlanStorage, QZPayPlanStorage>>;
export type PromoCodesOk = Assert<IsAssignable<QZPayDrizzlePromoCodeStorage, QZPayPromoCodeStorage>>;
export type VendorsOk = Assert<IsAssignable<QZPayDrizzleVendorStorage, QZPayVendorStorage>>;
export type AddOnsOk = Assert<IsAssignable<QZPayDrizzleAddOnStorage, QZPayAddOnStorage>>;

// Versioned reads are still contract entities.
export type VersionedCustomerOk = Assert<IsAssignable<Versioned<QZPayCustomer>, QZPayCustomer>>;
export type VersionedSubscriptionOk = Assert<IsAssignable<Versioned<QZPaySubscription>, QZPaySubscription>>;
export type StoredInvoiceOk = Assert<IsAssignable<QZPayStoredInvoice, QZPayInvoice>>;
// `update` takes an optional trailing `{ expectedVersion }`.
export type UpdateTakesWriteOptions = Assert<
  Equals<Parameters<QZPayDrizzleCustomerStorage['update']>[2], { expectedVersion?: number } | undefined>
>;

// ---- Exact property and method names ----

export type AdapterKeys = Assert<
  Equals<
    keyof QZPayStorageAdapter,
    | 'customers'
    | 'subscriptions'
    | 'subscriptionPollingJobs'
    | 'payments'
    | 'paymentMethods'
    | 'invoices'
    | 'plans'
    | 'prices'
    | 'promoCodes'
    | 'vendors'
    | 'entitlements'
    | 'limits'
    | 'addons'
    | 'checkouts'
    | 'transaction'
  >
>;
export type AdapterKeyCount = Assert<Equals<MethodCount<QZPayStorageAdapter>, 15>>;

export type CustomerMethods = Assert<
  Equals<
    keyof QZPayCustomerStorage,
    'create' | 'update' | 'delete' | 'findById' | 'findByExternalId' | 'findByEmail' | 'list'
  >
>;
export type SubscriptionMethods = Assert<
  Equals<keyof QZPaySubscriptionStorage, 'create' | 'update' | 'delete' | 'findById' | 'findByCustomerId' | 'list'>
>;
export type PollingJobMethods = Assert<
  Equals<
    keyof QZPaySubscriptionPollingJobStorage,
    | 'create'
    | 'update'
    | 'findById'
    | 'findActiveByProviderResourceId'
    | 'findActiveBySubscriptionId'
    | 'findDuePending'
  >
>;
export type PaymentMethods = Assert<
  Equals<
    keyof QZPayPaymentStorage,
    | 'create'
    | 'update'
    | 'findById'
    | 'findByCustomerId'
    | 'list'
    | 'createRefund'
    | 'getTotalRefundedAmount'
    | 'hasRefundForProviderRefundId'
  >
>;
export type PaymentMethodMethods = Assert<
  Equals<
    keyof QZPayPaymentMethodStorage,
    | 'create'
    | 'update'
    | 'delete'
    | 'findById'
    | 'findByCustomerId'
    | 'findDefaultByCustomerId'
    | 'setDefault'
    | 'list'
  >
>;
export type InvoiceMethods = Assert<
  Equals<keyof QZPayInvoiceStorage, 'create' | 'update' | 'findById' | 'findByCustomerId' | 'list'>
>;
export type PlanMethods = Assert<Equals<keyof QZPayPlanStorage, 'create' | 'update' | 'delete' | 'findById' | 'list'>>;
export type PriceMethods = Assert<
  Equals<keyof QZPayPriceStorage, 'create' | 'update' | 'delete' | 'findById' | 'findByPlanId' | 'list'>
>;
export type PromoCodeMethods = Assert<
  Equals<
    keyof QZPayPromoCodeStorage,
    | 'create'
    | 'update'
    | 'delete'
    | 'findById'
    | 'findByCode'
    | 'incrementRedemptions'
    | 'atomicIncrementRedemptions'
    | 'list'
  >
>;
export type VendorMethods = Assert<
  Equals<
    keyof QZPayVendorStorage,
    'create' | 'update' | 'delete' | 'findById' | 'findByExternalId' | 'list' | 'createPayout' | 'findPayoutsByVendorId'
  >
>;
export type EntitlementMethods = Assert<
  Equals<
    keyof QZPayEntitlementStorage,
    | 'createDefinition'
    | 'findDefinitionByKey'
    | 'listDefinitions'
    | 'grant'
    | 'revoke'
    | 'revokeBySource'
    | 'findByCustomerId'
    | 'check'
  >
>;
export type LimitMethods = Assert<
  Equals<
    keyof QZPayLimitStorage,
    | 'createDefinition'
    | 'findDefinitionByKey'
    | 'listDefinitions'
    | 'set'
    | 'delete'
    | 'deleteBySource'
    | 'increment'
    | 'findByCustomerId'
    | 'check'
    | 'recordUsage'
  >
>;
export type AddOnMethods = Assert<
  Equals<
    keyof QZPayAddOnStorage,
    | 'create'
    | 'update'
    | 'delete'
    | 'findById'
    | 'findByPlanId'
    | 'list'
    | 'addToSubscription'
    | 'removeFromSubscription'
    | 'updateSubscriptionAddOn'
    | 'findBySubscriptionId'
    | 'findSubscriptionAddOn'
  >
>;
export type CheckoutMethods = Assert<
  Equals<keyof QZPayCheckoutStorage, 'create' | 'update' | 'findById' | 'findByCustomerId' | 'list'>
>;

/** 7 + 6 + 6 + 8 + 8 + 5 + 5 + 6 + 8 + 8 + 8 + 10 + 11 + 5 = 101 collection methods (§1.1). */
export type MethodCounts = Assert<
  Equals<
    [
      MethodCount<QZPayCustomerStorage>,
      MethodCount<QZPaySubscriptionStorage>,
      MethodCount<QZPaySubscriptionPollingJobStorage>,
      MethodCount<QZPayPaymentStorage>,
      MethodCount<QZPayPaymentMethodStorage>,
      MethodCount<QZPayInvoiceStorage>,
      MethodCount<QZPayPlanStorage>,
      MethodCount<QZPayPriceStorage>,
      MethodCount<QZPayPromoCodeStorage>,
      MethodCount<QZPayVendorStorage>,
      MethodCount<QZPayEntitlementStorage>,
      MethodCount<QZPayLimitStorage>,
      MethodCount<QZPayAddOnStorage>,
      MethodCount<QZPayCheckoutStorage>,
    ],
    [7, 6, 6, 8, 8, 5, 5, 6, 8, 8, 8, 10, 11, 5]
  >
>;

// ---- Spellings that are easy to get wrong ----

export type CanceledOneL = Assert<Equals<Extract<QZPaySubscriptionStatus, `cancel${string}`>, 'canceled'>>;
export type AddOnCanceledOneL = Assert<Equals<Extract<QZPaySubscriptionAddOnStatus, `cancel${string}`>, 'canceled'>>;
export type PlanChangeCancelledTwoLs = Assert<
  Equals<Extract<QZPayScheduledPlanChangeStatus, `cancel${string}`>, 'cancelled'>
>;
export type PollingCancelledTwoLs = Assert<
  Equals<Extract<QZPaySubscriptionPollingJobStatus, `cancel${string}`>, 'cancelled'>
>;

// ---- exactOptionalPropertyTypes: optional keys must be omitted, not `undefined` ----

export type SavedCardsOmittedNotUndefined = Assert<
  Not<IsAssignable<Omit<QZPayCustomer, 'savedCards'> & { savedCards: undefined }, QZPayCustomer>>
>;
export type NullableKeysAreRequired = Assert<Not<IsAssignable<Omit<QZPaySubscription, 'trialEnd'>, QZPaySubscription>>>;

// ---- Idempotency results discriminate on `state` ----

export type CompletedCarriesResponse = Assert<
  Equals<
    Extract<QZPayIdempotencyBeginResult, { state: 'completed' }>,
    { state: 'completed'; response: unknown; statusCode: number | null }
  >
>;

// ---- The factory's actual return type (not only the declared interfaces) ----

type FactoryStorage = ReturnType<typeof import('../../src/adapter/factory.js').createQZPayDrizzleStorage>;
type _FactoryIsContractAdapter = Assert<IsAssignable<FactoryStorage, QZPayStorageAdapter>>;
type _FactoryHasPollingJobs = Assert<IsAssignable<FactoryStorage['subscriptionPollingJobs'], QZPaySubscriptionPollingJobStorage>>;
type _PollingJobsRequired = Assert<undefined extends FactoryStorage['subscriptionPollingJobs'] ? false : true>;
