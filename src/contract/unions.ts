/**
 * Union literal types of the QZPay storage contract (docs/contract.md §2.6).
 *
 * Each union is derived from a readonly array so that the same list of values can be used at
 * runtime (input validation, CHECK constraints, enum columns) without ever drifting from the type.
 * Literal values are copied exactly from upstream; do not "fix" spellings.
 */

/** Billing period unit of subscriptions and prices. */
export const QZPAY_BILLING_INTERVALS = ['day', 'week', 'month', 'year'] as const;
export type QZPayBillingInterval = (typeof QZPAY_BILLING_INTERVALS)[number];

/** Subscription status. `canceled` is spelled with one L here (plan changes and polling jobs use `cancelled`). */
export const QZPAY_SUBSCRIPTION_STATUSES = [
  'active',
  'trialing',
  'past_due',
  'paused',
  'canceled',
  'unpaid',
  'incomplete',
  'incomplete_expired',
] as const;
export type QZPaySubscriptionStatus = (typeof QZPAY_SUBSCRIPTION_STATUSES)[number];

/** Payment status; `refunded` / `partially_refunded` are derived by core from the refund ledger total. */
export const QZPAY_PAYMENT_STATUSES = [
  'pending',
  'processing',
  'succeeded',
  'failed',
  'canceled',
  'refunded',
  'partially_refunded',
  'disputed',
] as const;
export type QZPayPaymentStatus = (typeof QZPAY_PAYMENT_STATUSES)[number];

export const QZPAY_INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type QZPayInvoiceStatus = (typeof QZPAY_INVOICE_STATUSES)[number];

/** Upper-case ISO 4217 codes; upstream DRZ's lower-case `'usd'` is not a valid value. */
export const QZPAY_CURRENCIES = ['USD', 'EUR', 'GBP', 'ARS', 'BRL', 'MXN', 'CLP', 'COP', 'PEN', 'UYU'] as const;
export type QZPayCurrency = (typeof QZPAY_CURRENCIES)[number];

export const QZPAY_CHECKOUT_MODES = ['payment', 'subscription', 'setup'] as const;
export type QZPayCheckoutMode = (typeof QZPAY_CHECKOUT_MODES)[number];

export const QZPAY_DISCOUNT_TYPES = ['percentage', 'fixed_amount', 'free_trial'] as const;
export type QZPayDiscountType = (typeof QZPAY_DISCOUNT_TYPES)[number];

export const QZPAY_DISCOUNT_STACKING_MODES = ['none', 'additive', 'multiplicative', 'best'] as const;
export type QZPayDiscountStackingMode = (typeof QZPAY_DISCOUNT_STACKING_MODES)[number];

export const QZPAY_DISCOUNT_CONDITIONS = [
  'first_purchase',
  'min_amount',
  'min_quantity',
  'specific_plans',
  'specific_products',
  'date_range',
  'customer_tag',
] as const;
export type QZPayDiscountCondition = (typeof QZPAY_DISCOUNT_CONDITIONS)[number];

export const QZPAY_VENDOR_STATUSES = ['pending', 'active', 'suspended', 'rejected'] as const;
export type QZPayVendorStatus = (typeof QZPAY_VENDOR_STATUSES)[number];

/** Provider-facing only: accepted on subscription update, never stored. */
export const QZPAY_PRORATION_BEHAVIORS = ['create_prorations', 'none', 'always_invoice'] as const;
export type QZPayProrationBehavior = (typeof QZPAY_PRORATION_BEHAVIORS)[number];

/**
 * Known providers. Informative only: provider-id maps are `Record<string, string>` and must
 * round-trip keys for any other provider too.
 */
export const QZPAY_PAYMENT_PROVIDERS = ['stripe', 'mercadopago'] as const;
export type QZPayPaymentProvider = (typeof QZPAY_PAYMENT_PROVIDERS)[number];

export const QZPAY_PAYMENT_METHOD_TYPES = ['card', 'bank_account', 'sepa_debit', 'ideal', 'other'] as const;
export type QZPayPaymentMethodType = (typeof QZPAY_PAYMENT_METHOD_TYPES)[number];

export const QZPAY_CARD_BRANDS = [
  'visa',
  'mastercard',
  'amex',
  'discover',
  'diners',
  'jcb',
  'unionpay',
  'unknown',
] as const;
export type QZPayCardBrand = (typeof QZPAY_CARD_BRANDS)[number];

export const QZPAY_PAYMENT_METHOD_STATUSES = ['active', 'expired', 'invalid'] as const;
export type QZPayPaymentMethodStatus = (typeof QZPAY_PAYMENT_METHOD_STATUSES)[number];

/** `cancelled` with two Ls, unlike subscription status `canceled`. */
export const QZPAY_SCHEDULED_PLAN_CHANGE_STATUSES = ['pending', 'applied', 'cancelled', 'failed'] as const;
export type QZPayScheduledPlanChangeStatus = (typeof QZPAY_SCHEDULED_PLAN_CHANGE_STATUSES)[number];

/** `cancelled` with two Ls, unlike subscription status `canceled`. Only `pending` jobs are "active". */
export const QZPAY_SUBSCRIPTION_POLLING_JOB_STATUSES = [
  'pending',
  'succeeded',
  'failed',
  'timeout',
  'cancelled',
] as const;
export type QZPaySubscriptionPollingJobStatus = (typeof QZPAY_SUBSCRIPTION_POLLING_JOB_STATUSES)[number];

/** What a polling job polls; `subscription` is the default on create. */
export const QZPAY_POLLING_RESOURCE_TYPES = ['subscription', 'one_time_payment'] as const;
export type QZPayPollingResourceType = (typeof QZPAY_POLLING_RESOURCE_TYPES)[number];

/** Where an entitlement grant or customer limit came from; `manual` is the default on input. */
export const QZPAY_SOURCE_TYPES = ['subscription', 'purchase', 'manual', 'addon'] as const;
export type QZPaySourceType = (typeof QZPAY_SOURCE_TYPES)[number];

// ---- Unions that upstream writes inline in entity types; named here so they can be validated. ----

/** A session only moves `open` -> `complete` | `expired` (checkouts have no delete). */
export const QZPAY_CHECKOUT_SESSION_STATUSES = ['open', 'complete', 'expired'] as const;
export type QZPayCheckoutSessionStatus = (typeof QZPAY_CHECKOUT_SESSION_STATUSES)[number];

/** Status of one refund ledger event; only `succeeded` rows count towards the refunded total. */
export const QZPAY_REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type QZPayRefundStatus = (typeof QZPAY_REFUND_STATUSES)[number];

export const QZPAY_VENDOR_PAYOUT_STATUSES = ['pending', 'processing', 'paid', 'failed'] as const;
export type QZPayVendorPayoutStatus = (typeof QZPAY_VENDOR_PAYOUT_STATUSES)[number];

/** `canceled` with one L, like subscriptions; removal marks rows canceled instead of deleting them. */
export const QZPAY_SUBSCRIPTION_ADD_ON_STATUSES = ['active', 'canceled', 'pending'] as const;
export type QZPaySubscriptionAddOnStatus = (typeof QZPAY_SUBSCRIPTION_ADD_ON_STATUSES)[number];

/** Action of a usage record (contract limit usage and the library's metered usage). */
export const QZPAY_USAGE_ACTIONS = ['increment', 'decrement', 'set'] as const;
export type QZPayUsageAction = (typeof QZPAY_USAGE_ACTIONS)[number];

/** How an add-on's limit combines with the plan's limit. */
export const QZPAY_ADD_ON_LIMIT_ACTIONS = ['set', 'increment'] as const;
export type QZPayAddOnLimitAction = (typeof QZPAY_ADD_ON_LIMIT_ACTIONS)[number];

/** Add-ons may also be one-off charges, hence the extra `one_time`. */
export const QZPAY_ADD_ON_BILLING_INTERVALS = [...QZPAY_BILLING_INTERVALS, 'one_time'] as const;
export type QZPayAddOnBillingInterval = (typeof QZPAY_ADD_ON_BILLING_INTERVALS)[number];

/** Subscription create `mode`: drives the initial status only (`paid` starts as `incomplete`). */
export const QZPAY_SUBSCRIPTION_CREATE_MODES = ['trial', 'paid'] as const;
export type QZPaySubscriptionCreateMode = (typeof QZPAY_SUBSCRIPTION_CREATE_MODES)[number];

/** Provider-facing interval label on subscription create; never stored. */
export const QZPAY_SUBSCRIPTION_BILLING_INTERVAL_LABELS = ['monthly', 'annual'] as const;
export type QZPaySubscriptionBillingIntervalLabel = (typeof QZPAY_SUBSCRIPTION_BILLING_INTERVAL_LABELS)[number];

/** Vendor payout cadence (note: not the same words as `QZPayBillingInterval`). */
export const QZPAY_PAYOUT_INTERVALS = ['daily', 'weekly', 'monthly'] as const;
export type QZPayPayoutInterval = (typeof QZPAY_PAYOUT_INTERVALS)[number];

export const QZPAY_CARD_FUNDINGS = ['credit', 'debit', 'prepaid', 'unknown'] as const;
export type QZPayCardFunding = (typeof QZPAY_CARD_FUNDINGS)[number];

export const QZPAY_BANK_ACCOUNT_TYPES = ['checking', 'savings'] as const;
export type QZPayBankAccountType = (typeof QZPAY_BANK_ACCOUNT_TYPES)[number];

/** Sort direction of list options (offset and keyset pagination alike). */
export const QZPAY_ORDER_DIRECTIONS = ['asc', 'desc'] as const;
export type QZPayOrderDirection = (typeof QZPAY_ORDER_DIRECTIONS)[number];

// ---- Library extensions (docs/contract.md §E) — not part of upstream's contract. ----

/** Lifecycle of a received webhook event; `dead` = gave up after the configured number of attempts. */
export const QZPAY_WEBHOOK_EVENT_STATUSES = ['received', 'processing', 'processed', 'failed', 'dead'] as const;
export type QZPayWebhookEventStatus = (typeof QZPAY_WEBHOOK_EVENT_STATUSES)[number];
