/**
 * fast-check arbitraries of VALID inputs: any Unicode (4-byte code points included, no NUL, no
 * lone surrogate), strings up to their column's length in characters (sometimes exactly at it),
 * money up to 2^53-1, timestamps anywhere in the years 0001-9999, metadata with every value kind
 * the contract allows (`undefined` included: such keys must vanish on the way back).
 */
import fc from 'fast-check';
import {
  QZPAY_BILLING_INTERVALS,
  QZPAY_CHECKOUT_MODES,
  QZPAY_CHECKOUT_SESSION_STATUSES,
  QZPAY_CURRENCIES,
  QZPAY_DISCOUNT_CONDITIONS,
  QZPAY_DISCOUNT_STACKING_MODES,
  QZPAY_DISCOUNT_TYPES,
  QZPAY_PAYMENT_STATUSES,
  QZPAY_PAYOUT_INTERVALS,
  QZPAY_SCHEDULED_PLAN_CHANGE_STATUSES,
  QZPAY_SUBSCRIPTION_STATUSES,
} from '../../src/contract/index.js';

/** Any code point but NUL, `max` code points at most; now and then exactly `max`. */
export function text(max: number, min = 0): fc.Arbitrary<string> {
  const unit = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000');
  const any = fc.string({ unit, minLength: min, maxLength: Math.min(max, 24) });
  return max > 24 ? fc.oneof({ weight: 9, arbitrary: any }, { weight: 1, arbitrary: fc.string({ unit, minLength: max, maxLength: max }) }) : any;
}

/** Timestamps the three dialects all store: 0001-01-01 .. 9999-12-31, millisecond precision. */
export const instant = fc.oneof(
  fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
  fc.constantFrom(new Date('0001-01-01T00:00:00.000Z'), new Date('9999-12-31T23:59:59.999Z'), new Date('1970-01-01T00:00:00.000Z')),
);

/** Minor units: 0 .. 2^53-1, biased to the edges. */
export const money = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat(), fc.constant(Number.MAX_SAFE_INTEGER));

/** A JSON number that survives JSON (no -0, which JSON writes as 0). */
const jsonNumber = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

/** `QZPayMetadata`: string, number, boolean, null or undefined values. */
export const metadata = fc.dictionary(
  text(40),
  fc.oneof(text(60), jsonNumber, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  { maxKeys: 6, noNullPrototype: true },
);

export const stringMap = fc.dictionary(text(20, 1), text(60), { maxKeys: 4, noNullPrototype: true });

/** Any JSON value (promo condition values, free-form by contract). */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text(20),
    jsonNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text(10), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;

export const customerInput = fc.record(
  { externalId: text(191), email: text(191), name: fc.option(text(255), { nil: null }), phone: fc.option(text(64), { nil: null }), metadata },
  { requiredKeys: ['externalId', 'email'], noNullPrototype: true },
);

export const customerPatch = fc.record(
  { email: text(191), name: fc.option(text(255), { nil: null }), phone: fc.option(text(64), { nil: null }), metadata, providerCustomerIds: stringMap },
  { requiredKeys: [], noNullPrototype: true },
);

export const subscriptionInput = fc.record(
  {
    planId: text(191),
    quantity: fc.integer({ min: 0, max: 1_000_000 }),
    trialDays: fc.integer({ min: 0, max: 3650 }),
    metadata,
    mode: fc.constantFrom('trial' as const, 'paid' as const),
    providerSubscriptionIds: stringMap,
  },
  { requiredKeys: ['planId'], noNullPrototype: true },
);

const isoString = instant.map((d) => d.toISOString());

export const scheduledPlanChange = fc.record(
  {
    newPlanId: text(40),
    newPriceId: text(40),
    targetTransactionAmountMajor: jsonNumber,
    applyAt: isoString,
    requestedAt: isoString,
    requestedBy: text(40),
    status: fc.constantFrom(...QZPAY_SCHEDULED_PLAN_CHANGE_STATUSES),
    attemptCount: fc.nat(),
    lastAttemptAt: isoString,
    resolvedAt: isoString,
    lastError: text(100),
    metadata: metadata.map((m) => JSON.parse(JSON.stringify(m)) as typeof m),
  },
  { requiredKeys: ['newPlanId', 'newPriceId', 'targetTransactionAmountMajor', 'applyAt', 'requestedAt', 'status', 'attemptCount'], noNullPrototype: true },
);

export const subscriptionPatch = fc.record(
  {
    planId: text(191),
    quantity: fc.integer({ min: 0, max: 1_000_000 }),
    metadata,
    status: fc.constantFrom(...QZPAY_SUBSCRIPTION_STATUSES),
    canceledAt: fc.option(instant, { nil: null }),
    cancelAt: instant,
    currentPeriodStart: instant,
    currentPeriodEnd: instant,
    trialEnd: fc.option(instant, { nil: null }),
    providerSubscriptionIds: stringMap,
    scheduledPlanChange: fc.option(scheduledPlanChange, { nil: null }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** A payment minus the ids the test fills in (customer fixture, unique id). */
export const paymentBody = fc.record(
  {
  amount: money,
  currency: fc.constantFrom(...QZPAY_CURRENCIES),
  status: fc.constantFrom(...QZPAY_PAYMENT_STATUSES),
  paymentMethodId: fc.option(text(191), { nil: null }),
  providerPaymentIds: stringMap,
  failureCode: fc.option(text(191), { nil: null }),
  failureMessage: fc.option(text(500), { nil: null }),
  metadata,
  livemode: fc.boolean(),
  createdAt: instant,
  updatedAt: instant,
  },
  { noNullPrototype: true },
);

const lineItem = fc.record(
  { priceId: text(40), quantity: fc.nat(), unitAmount: money, currency: fc.constantFrom(...QZPAY_CURRENCIES), title: text(60), description: text(200), categoryId: text(40) },
  { requiredKeys: ['quantity'], noNullPrototype: true },
);

export const checkoutBody = fc.record(
  {
  customerEmail: fc.option(text(191), { nil: null }),
  mode: fc.constantFrom(...QZPAY_CHECKOUT_MODES),
  status: fc.constantFrom(...QZPAY_CHECKOUT_SESSION_STATUSES),
  currency: fc.constantFrom(...QZPAY_CURRENCIES),
  lineItems: fc.array(lineItem, { maxLength: 4 }),
  successUrl: text(2000),
  cancelUrl: text(2000),
  expiresAt: instant,
  providerSessionIds: stringMap,
  metadata: metadata.map((m) => JSON.parse(JSON.stringify(m)) as typeof m),
  livemode: fc.boolean(),
  createdAt: instant,
  completedAt: fc.option(instant, { nil: null }),
  withCustomer: fc.boolean(),
  },
  { noNullPrototype: true },
);

export const invoiceBody = fc.record(
  {
    dueDate: instant,
    metadata,
    lines: fc.array(
      fc.record(
        { description: text(500), quantity: fc.integer({ min: 0, max: 10_000 }), unitAmount: fc.integer({ min: 0, max: 100_000_000 }), priceId: text(191) },
        { requiredKeys: ['description', 'quantity', 'unitAmount'], noNullPrototype: true },
      ),
      { maxLength: 5 },
    ),
  },
  { requiredKeys: ['lines'], noNullPrototype: true },
);

export const planBody = fc.record(
  {
    name: text(255),
    description: text(2000),
    features: fc.array(fc.record({ name: text(60), description: text(200), included: fc.boolean() }, { requiredKeys: ['name', 'included'], noNullPrototype: true }), { maxLength: 4 }),
    entitlements: fc.array(text(40), { maxLength: 4 }),
    limits: fc.dictionary(text(20), jsonNumber, { maxKeys: 4, noNullPrototype: true }),
    metadata,
  },
  { requiredKeys: ['name'], noNullPrototype: true },
);

export const priceBody = fc.record(
  {
    nickname: text(255),
    currency: fc.constantFrom(...QZPAY_CURRENCIES),
    unitAmount: money,
    billingInterval: fc.constantFrom(...QZPAY_BILLING_INTERVALS),
    intervalCount: fc.integer({ min: 1, max: 1000 }),
    trialDays: fc.integer({ min: 0, max: 3650 }),
    metadata,
  },
  { requiredKeys: ['currency', 'unitAmount', 'billingInterval'], noNullPrototype: true },
);

export const promoBody = fc.record(
  {
    code: text(40, 1).filter((c) => c.trim() !== ''),
    discountType: fc.constantFrom(...QZPAY_DISCOUNT_TYPES),
    discountValue: money,
    currency: fc.constantFrom(...QZPAY_CURRENCIES),
    stackingMode: fc.constantFrom(...QZPAY_DISCOUNT_STACKING_MODES),
    conditions: fc.array(fc.record({ type: fc.constantFrom(...QZPAY_DISCOUNT_CONDITIONS), value: jsonValue }, { noNullPrototype: true }), { maxLength: 3 }),
    maxRedemptions: fc.nat(),
    maxRedemptionsPerCustomer: fc.nat(),
    validFrom: instant,
    validUntil: instant,
    applicablePlanIds: fc.array(text(40), { maxLength: 3 }),
    applicableProductIds: fc.array(text(40), { maxLength: 3 }),
    metadata,
  },
  { requiredKeys: ['code', 'discountType', 'discountValue'], noNullPrototype: true },
);

export const vendorBody = fc.record(
  {
    externalId: text(150, 1),
    name: text(255),
    email: text(191),
    commissionRate: fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
    payoutSchedule: fc.oneof(
      fc.record({ interval: fc.constant('weekly' as const), dayOfWeek: fc.integer({ min: 0, max: 6 }) }, { noNullPrototype: true }),
      fc.record({ interval: fc.constant('monthly' as const), dayOfMonth: fc.integer({ min: 1, max: 31 }) }, { noNullPrototype: true }),
      fc.record({ interval: fc.constantFrom(...QZPAY_PAYOUT_INTERVALS) }, { noNullPrototype: true }),
    ),
    metadata,
  },
  { requiredKeys: ['externalId', 'name', 'email'], noNullPrototype: true },
);
