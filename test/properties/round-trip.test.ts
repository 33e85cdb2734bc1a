/**
 * Property-based round trips (fast-check): arbitrary valid inputs of each entity are written
 * through the adapter and read back; the read must deep-equal (strictly: no extra `undefined`
 * keys, same classes) both the entity the write returned and what the input says was stored.
 *
 * Every dialect runs the same seeded sequence of inputs with the same injected clock, so their
 * read-backs are comparable: the last suite asserts the three produced identical JSON (Dates as
 * ISO strings, object keys sorted — jsonb orders keys its own way — and the ids the storage
 * generates itself replaced by their order of appearance).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import type { QZPayCheckoutSession, QZPayPayment } from '../../src/contract/index.js';
import { forEachDialect } from '../harness/index.js';
import * as arb from './arbitraries.js';

/**
 * Fixed by default so CI runs the same inputs every time; `QZPAY_PROPERTY_SEED=random` (or a
 * number) explores others; the seed is printed, and fast-check reports it with any failure.
 */
const SEED_SETTING = process.env['QZPAY_PROPERTY_SEED'] ?? '20261125';
const SEED = SEED_SETTING === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_SETTING);
const RUNS = Number(process.env['QZPAY_PROPERTY_RUNS'] ?? 100);

/** Deterministic ids: same sequence on every dialect, never colliding within a run. */
function idMaker(prefix: number): () => string {
  let n = 0;
  return () => `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${(n++).toString(16).padStart(12, '0')}`;
}

/** What a JSON column gives back: keys holding `undefined` are gone. */
function stored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Canonical JSON: sorted keys, Dates as ISO strings. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * The first place where two values differ (strictly: own keys holding `undefined`, prototypes,
 * Dates by time, numbers by Object.is), or null; a readable failure for deeply nested entities.
 */
function firstDifference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (Object.is(actual, expected)) return null;
  const show = (v: unknown): string => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? JSON.stringify(v).slice(0, 80) : String(v));
  if (actual instanceof Date || expected instanceof Date) {
    return actual instanceof Date && expected instanceof Date && actual.getTime() === expected.getTime() ? null : `${path}: ${show(actual)} != ${show(expected)}`;
  }
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return `${path}: ${show(actual)} != ${show(expected)}`;
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return `${path}: different prototypes`;
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    if (Object.hasOwn(a, key) !== Object.hasOwn(e, key)) return `${path}.${key}: ${Object.hasOwn(a, key) ? 'unexpected key' : 'missing key'} (${show(a[key] ?? e[key])})`;
    const found = firstDifference(a[key], e[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** `actual` strictly equals `expected`; on failure the message names the first differing path. */
function same(actual: unknown, expected: unknown, what: string): void {
  expect(firstDifference(actual, expected), what).toBeNull();
}

const observed = new Map<string, Map<string, unknown[]>>();

forEachDialect('property round-trips', (ctx) => {
  let s: QZPayDrizzleStorageHandle;
  let customerId: string;
  let planId: string;
  const recorded = new Map<string, unknown[]>();
  /** Ids the storage generated, numbered in order of appearance (they differ per dialect). */
  const generated = new Map<string, string>();

  beforeAll(async () => {
    let t = Date.parse('2031-02-03T04:05:06.007Z');
    s = await ctx().open({ now: () => new Date((t += 1)) });
    customerId = (await s.customers.create({ externalId: 'property-fixture', email: 'p@x.io' })).id;
    planId = (await s.plans.create({ id: '00000000-0000-4000-8000-00000000f1a0', name: 'fixture' })).id;
    observed.set(ctx().dialect, recorded);
    console.log(`[${ctx().dialect}] property seed ${SEED}, ${RUNS} runs per entity`);
  });

  function record(entity: string, value: unknown, generatedIds: string[] = []): void {
    for (const id of generatedIds) if (!generated.has(id)) generated.set(id, `<generated ${generated.size}>`);
    let json = JSON.stringify(canonical(value));
    for (const [id, label] of generated) json = json.split(id).join(label);
    recorded.set(entity, [...(recorded.get(entity) ?? []), json]);
  }

  async function check<T>(entity: string, arbitrary: fc.Arbitrary<T>, property: (input: T) => Promise<void>): Promise<void> {
    await fc.assert(fc.asyncProperty(arbitrary, property), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    expect(recorded.get(entity)?.length).toBe(RUNS);
  }

  it('customers: create and update read back equal', async () => {
    await check('customers', fc.tuple(arb.customerInput, arb.customerPatch), async ([input, patch]) => {
      const created = await s.customers.create(input);
      expect(created).toMatchObject({ externalId: input.externalId, email: input.email, name: input.name ?? null, phone: input.phone ?? null });
      same(created.metadata, stored(input.metadata ?? {}), 'returned metadata vs input metadata as JSON stores it');
      same(await s.customers.findById(created.id), created, 'read-back vs what create returned');
      const updated = await s.customers.update(created.id, patch);
      const read = await s.customers.findById(created.id);
      same(read, updated, 'read-back vs what update returned');
      same(read?.providerCustomerIds, stored(patch.providerCustomerIds ?? {}), 'provider ids vs the patch');
      record('customers', read, [created.id]);
    });
  });

  it('subscriptions: create and update read back equal', async () => {
    const id = idMaker(2);
    await check('subscriptions', fc.tuple(arb.subscriptionInput, arb.subscriptionPatch), async ([input, patch]) => {
      const created = await s.subscriptions.create({ ...input, id: id(), customerId });
      expect(created).toMatchObject({ planId: input.planId, quantity: input.quantity ?? 1, promoCodeId: null });
      same(created.metadata, stored(input.metadata ?? {}), 'returned metadata vs input metadata as JSON stores it');
      same(await s.subscriptions.findById(created.id), created, 'read-back vs what create returned');
      const updated = await s.subscriptions.update(created.id, patch);
      const read = await s.subscriptions.findById(created.id);
      same(read, updated, 'read-back vs what update returned');
      if (patch.scheduledPlanChange !== undefined) same(read?.scheduledPlanChange, stored(patch.scheduledPlanChange), 'scheduledPlanChange vs the patch');
      record('subscriptions', read, [customerId]);
    });
  });

  it('payments: the caller\'s whole payment reads back equal', async () => {
    const id = idMaker(3);
    await check('payments', arb.paymentBody, async (body) => {
      const payment: QZPayPayment = { ...body, id: id(), customerId, subscriptionId: null, invoiceId: null };
      const created = await s.payments.create(payment);
      const read = await s.payments.findById(payment.id);
      same(read, created, 'read-back vs what create returned');
      expect(read).toMatchObject({ ...stored(payment), createdAt: payment.createdAt, updatedAt: payment.updatedAt });
      record('payments', read, [customerId]);
    });
  });

  it('checkouts: the caller\'s whole session reads back equal', async () => {
    const id = idMaker(4);
    await check('checkouts', arb.checkoutBody, async ({ withCustomer, ...body }) => {
      const session: QZPayCheckoutSession = { ...body, id: id(), customerId: withCustomer ? customerId : null, paymentId: null, subscriptionId: null };
      const created = await s.checkouts.create(session);
      const read = await s.checkouts.findById(session.id);
      same(read, created, 'read-back vs what create returned');
      same(read, { ...stored(session), expiresAt: session.expiresAt, createdAt: session.createdAt, completedAt: session.completedAt }, 'read-back vs the session as stored');
      record('checkouts', read, [customerId]);
    });
  });

  it('invoices: the invoice and its lines read back equal', async () => {
    const id = idMaker(5);
    await check('invoices', arb.invoiceBody, async (body) => {
      const created = await s.invoices.create({ ...body, id: id(), customerId });
      const read = await s.invoices.findById(created.id);
      same(read, created, 'read-back vs what create returned');
      same(
        read?.lines.map((l) => [l.description, l.quantity, l.unitAmount, l.amount, l.priceId]),
        body.lines.map((l) => [l.description, l.quantity, l.unitAmount, l.quantity * l.unitAmount, l.priceId ?? null]),
        'lines vs the input lines',
      );
      expect(read?.total).toBe(body.lines.reduce((sum, l) => sum + l.quantity * l.unitAmount, 0));
      record('invoices', read, [customerId, ...(read?.lines.map((l) => l.id) ?? [])]);
    });
  });

  it('plans: read back equal', async () => {
    const id = idMaker(6);
    await check('plans', arb.planBody, async (body) => {
      const created = await s.plans.create({ ...body, id: id() });
      const read = await s.plans.findById(created.id);
      same(read, created, 'read-back vs what create returned');
      expect(read).toMatchObject(stored({ name: body.name, features: body.features ?? [], entitlements: body.entitlements ?? [], limits: body.limits ?? {} }));
      record('plans', read);
    });
  });

  it('prices: read back equal', async () => {
    const id = idMaker(7);
    await check('prices', arb.priceBody, async (body) => {
      const created = await s.prices.create({ ...body, id: id(), planId });
      const read = await s.prices.findById(created.id);
      same(read, created, 'read-back vs what create returned');
      expect(read).toMatchObject({ unitAmount: body.unitAmount, currency: body.currency, intervalCount: body.intervalCount ?? 1, trialDays: body.trialDays ?? null });
      record('prices', read);
    });
  });

  it('promo codes: read back equal', async () => {
    const id = idMaker(8);
    let n = 0;
    await check('promoCodes', arb.promoBody, async (body) => {
      const code = `${body.code}#${n++}`;
      const created = await s.promoCodes.create({ ...body, code, id: id() });
      const read = await s.promoCodes.findById(created.id);
      same(read, created, 'read-back vs what create returned');
      expect(read).toMatchObject(stored({ code, conditions: body.conditions ?? [], applicablePlanIds: body.applicablePlanIds ?? [] }));
      // Case-insensitive as a customer types it: ASCII letters in the other case, and the whole
      // code upper- and lower-cased (full case folding; dotless 'ı' upper-cases to 'I', another letter).
      const typed = code.replace(/[a-zA-Z]/g, (ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()));
      same(await s.promoCodes.findByCode(typed), read, 'findByCode (other case) vs findById');
      same(await s.promoCodes.findByCode(code.replace(/[^\u0131]+/g, (part) => part.toUpperCase())), read, 'findByCode (upper case) vs findById');
      same(await s.promoCodes.findByCode(code.toLowerCase()), read, 'findByCode (lower case) vs findById');
      record('promoCodes', read);
    });
  });

  it('vendors: read back equal', async () => {
    const id = idMaker(9);
    let n = 0;
    await check('vendors', arb.vendorBody, async (body) => {
      const externalId = `${body.externalId}#${n++}`;
      const created = await s.vendors.create({ ...body, externalId, id: id() });
      const read = await s.vendors.findById(created.id);
      same(read, created, 'read-back vs what create returned');
      expect(read).toMatchObject({ externalId, commissionRate: body.commissionRate ?? 0 });
      same(await s.vendors.findByExternalId(externalId), read, 'findByExternalId vs findById');
      record('vendors', read);
    });
  });
});

describe('property round-trips: identical read-backs on every dialect', () => {
  it('each entity produced the same JSON on each dialect for the seeded inputs', () => {
    const [first, ...others] = [...observed.entries()];
    expect(first).toBeDefined();
    for (const [dialect, entities] of others) {
      for (const [entity, values] of first?.[1] ?? []) {
        same({ dialect, entity, values: entities.get(entity) }, { dialect, entity, values }, 'same JSON as the first dialect');
      }
    }
  });
});
