/**
 * The bad-input catalogue (cases.ts), one table-driven test per dialect: every case's outcome
 * must be its documented one, the row counts of the tables it touches must not move when it is
 * rejected, and the three dialects must produce the very same outcome list (last suite).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QZPayStorageError, QZPayValidationError } from '../../src/contract/errors.js';
import { forEachDialect } from '../harness/index.js';
import {
  type Case,
  checkout,
  customerColumn,
  customerCreateCase,
  customerUpdateCase,
  dateCases,
  EMOJI,
  type Env,
  exactnessCases,
  ESCAPED_NUL_LOOKALIKE,
  HOSTILE,
  invoiceLineCase,
  LONE_SURROGATES,
  MEGABYTE,
  metadataCases,
  NUL,
  type Outcome,
  payment,
  paymentAmountCase,
  same,
  updateColumn,
} from './cases.js';
import { inputRuleCases } from './input-rules.js';

const ids = (page: { data: Array<{ id: string }> }): string[] => page.data.map((c) => c.id);

function listCases(): Case[] {
  const cases: Case[] = [];
  const C = ['billing_customers'];
  for (const p of HOSTILE) {
    cases.push({
      name: `customers.list orderBy=${JSON.stringify(p)}`,
      tables: C,
      expected: 'ok',
      async run({ storage }) {
        return same(ids(await storage.customers.list({ limit: 7 })), ids(await storage.customers.list({ limit: 7, orderBy: p })), 'default order');
      },
    });
    cases.push({
      name: `customers.list orderDirection=${JSON.stringify(p)}`,
      tables: C,
      expected: 'ok',
      async run({ storage }) {
        const direction = p as unknown as 'asc';
        return same(ids(await storage.customers.list({ limit: 7 })), ids(await storage.customers.list({ limit: 7, orderDirection: direction })), 'default order');
      },
    });
    cases.push({
      name: `customers.list filters key ${JSON.stringify(p)}`,
      tables: C,
      expected: 'ok',
      async run({ storage }) {
        const all = await storage.customers.list({ limit: 7 });
        const filtered = await storage.customers.list({ limit: 7, filters: { [p]: 'x' } });
        return same([all.total, ids(all)], [filtered.total, ids(filtered)], 'unknown key ignored');
      },
    });
    cases.push({
      name: `customers.list filters value ${JSON.stringify(p)}`,
      tables: C,
      expected: 'ok',
      async run({ storage }) {
        const externalId = `bf-${randomUUID()}`;
        const c = await storage.customers.create({ externalId, email: 'f@bad.io', name: p });
        const hit = await storage.customers.list({ filters: { name: p, externalId } });
        const miss = await storage.customers.list({ filters: { name: p, externalId: `${externalId}x` } });
        const verbatim = await storage.customers.list({ limit: 10_000, filters: { externalId: p } });
        if (!verbatim.data.every((row) => row.externalId === p) || verbatim.total !== verbatim.data.length) return 'mismatch:not verbatim';
        return same([hit.total, ids(hit), miss.total], [1, [c.id], 0], 'exact match');
      },
    });
  }
  for (const key of ['emailLower', 'metadata', '__proto__', 'constructor', 'toString']) {
    cases.push({
      name: `customers.list orderBy/filters on non-field ${key}`,
      tables: C,
      expected: 'ok',
      async run({ storage }) {
        const all = await storage.customers.list({ limit: 7 });
        const other = await storage.customers.list({ limit: 7, orderBy: key, filters: JSON.parse(`{"${key}":"x"}`) as Record<string, unknown> });
        return same([all.total, ids(all)], [other.total, ids(other)], 'ignored');
      },
    });
  }
  const badValues: Array<[string, Record<string, unknown>, Outcome]> = [
    ['object', { email: { $ne: null } }, 'invalid:filters.email'],
    ['array', { email: ['a', 'b'] }, 'invalid:filters.email'],
    ['NaN', { version: Number.NaN }, 'invalid:filters.version'],
    ['Infinity', { version: Number.POSITIVE_INFINITY }, 'invalid:filters.version'],
    ['function', { email: () => 'x' }, 'invalid:filters.email'],
  ];
  for (const [label, filters, expected] of badValues) {
    cases.push({ name: `customers.list filters value ${label}`, tables: C, expected, run: async ({ storage }) => (await storage.customers.list({ filters }), 'ok') });
  }
  return cases;
}

function idCases(): Case[] {
  const cases: Case[] = [];
  const lengths: Array<[string, string]> = [
    ['0', ''],
    ['36', randomUUID()],
    ['37', `${randomUUID()}x`],
    ['10000', 'x'.repeat(10_000)],
    ['hostile', HOSTILE[0]],
  ];
  for (const [label, id] of lengths) {
    cases.push({
      name: `findById/findByCustomerId with an id of length ${label}`,
      tables: [],
      expected: 'ok',
      async run({ storage: s }) {
        const found = await Promise.all([
          s.customers.findById(id), s.subscriptions.findById(id), s.payments.findById(id), s.invoices.findById(id),
          s.checkouts.findById(id), s.plans.findById(id), s.prices.findById(id), s.promoCodes.findById(id),
          s.vendors.findById(id), s.paymentMethods.findById(id),
        ]);
        const lists = await Promise.all([
          s.subscriptions.findByCustomerId(id), s.payments.findByCustomerId(id), s.invoices.findByCustomerId(id),
          s.checkouts.findByCustomerId(id), s.paymentMethods.findByCustomerId(id), s.prices.findByPlanId(id),
        ]);
        return same([found, lists], [found.map(() => null), lists.map(() => [])], 'nothing found');
      },
    });
    cases.push({
      name: `customers.update with an id of length ${label}`,
      tables: ['billing_customers'],
      expected: 'error:QZPayEntityNotFoundError',
      run: async ({ storage }) => (await storage.customers.update(id, { name: 'x' }), 'ok'),
    });
  }
  // An empty id is a string of at most 36 characters: stored verbatim like any other (§2.7.1).
  const creates: Array<[string, string, Outcome]> = [
    ['0', '', 'ok'],
    ['36', randomUUID(), 'ok'],
    ['37', `${randomUUID()}x`, 'invalid:id'],
    ['10000', 'y'.repeat(10_000), 'invalid:id'],
  ];
  for (const [label, id, expected] of creates) {
    cases.push(
      {
        name: `subscriptions.create id of length ${label}`,
        tables: ['billing_subscriptions'],
        expected,
        async run({ storage, customerId }) {
          const created = await storage.subscriptions.create({ id, customerId, planId: 'p' });
          return same(created, await storage.subscriptions.findById(id), 'findById');
        },
      },
      {
        name: `payments.create id of length ${label}`,
        tables: ['billing_payments'],
        expected,
        async run({ storage, customerId }) {
          const created = await storage.payments.create(payment(customerId, { id }));
          return same(created, await storage.payments.findById(id), 'findById');
        },
      },
      {
        name: `checkouts.create id of length ${label}`,
        tables: ['billing_checkouts'],
        expected,
        async run({ storage }) {
          const created = await storage.checkouts.create(checkout({ id }));
          return same(created, await storage.checkouts.findById(id), 'findById');
        },
      },
      {
        name: `plans.create id of length ${label}`,
        tables: ['billing_plans'],
        expected,
        async run({ storage }) {
          const created = await storage.plans.create({ id, name: 'plan' });
          return same(created, await storage.plans.findById(id), 'findById');
        },
      },
    );
  }
  return cases;
}

function catalogue(): Case[] {
  const cases: Case[] = [];
  const fields = ['externalId', 'email', 'name', 'phone', 'metadataValue', 'metadataKey'] as const;
  const updates = ['email', 'name', 'phone', 'metadataValue', 'metadataKey', 'providerId', 'providerKey', 'savedCard'] as const;
  for (const p of [...HOSTILE, EMOJI]) {
    for (const f of fields) cases.push(customerCreateCase(f, p, 'ok'));
    for (const f of updates) cases.push(customerUpdateCase(f, p, 'ok'));
  }
  for (const [value, label] of [[NUL, 'NUL'], ...LONE_SURROGATES.map((s, i) => [s, `lone surrogate ${i}`])] as Array<[string, string]>) {
    for (const f of fields) cases.push(customerCreateCase(f, value, `invalid:${customerColumn(f)}`, label));
    for (const f of updates) cases.push(customerUpdateCase(f, value, `invalid:${updateColumn(f)}`, label));
  }
  // Lengths count characters (code points), the same on every dialect.
  cases.push(customerCreateCase('name', '🧾'.repeat(255), 'ok', '255 emoji'));
  cases.push(customerCreateCase('name', '🧾'.repeat(256), 'invalid:name', '256 emoji'));
  cases.push(customerCreateCase('email', `${'e'.repeat(250)}@x.io`, 'ok', '255 chars'));
  cases.push(customerCreateCase('email', `${'e'.repeat(251)}@x.io`, 'invalid:email', '256 chars'));
  cases.push(customerCreateCase('name', ESCAPED_NUL_LOOKALIKE, 'ok'));
  cases.push(customerCreateCase('metadataValue', ESCAPED_NUL_LOOKALIKE, 'ok'));
  cases.push(customerCreateCase('metadataKey', ESCAPED_NUL_LOOKALIKE, 'ok'));
  cases.push(...listCases(), ...idCases(), ...exactnessCases());

  const amounts: Array<[string, number, boolean]> = [
    ['NaN', Number.NaN, false],
    ['Infinity', Number.POSITIVE_INFINITY, false],
    ['-Infinity', Number.NEGATIVE_INFINITY, false],
    ['-1', -1, false],
    ['1.5', 1.5, false],
    ['2^53', 2 ** 53, false],
    ['2^53-1', Number.MAX_SAFE_INTEGER, true],
    ['0', 0, true],
  ];
  for (const [label, value, valid] of amounts) {
    cases.push(paymentAmountCase(label, value, valid ? 'ok' : 'invalid:amount'));
    cases.push(invoiceLineCase('unitAmount', label, value, valid && label !== '2^53-1' ? 'ok' : label === '2^53-1' ? 'ok' : 'invalid:lines[0].unitAmount'));
    cases.push(invoiceLineCase('quantity', label, value, valid ? 'ok' : 'invalid:lines[0].quantity'));
  }

  cases.push(...dateCases('invalid', new Date('x'), 'invalid:createdAt', 'invalid:dueDate'));
  cases.push(...dateCases('9999-12-31T23:59:59.999Z', new Date('9999-12-31T23:59:59.999Z'), 'ok', 'ok'));
  cases.push(...dateCases('0001-01-01T00:00:00.000Z', new Date('0001-01-01T00:00:00.000Z'), 'ok', 'ok'));
  cases.push(...dateCases('+010000-01-01', new Date('+010000-01-01T00:00:00.000Z'), 'invalid:createdAt', 'invalid:dueDate'));
  cases.push(...dateCases('0000-12-31', new Date('0000-12-31T23:59:59.999Z'), 'invalid:createdAt', 'invalid:dueDate'));

  const cycle = (): unknown => {
    const o: Record<string, unknown> = { a: 1 };
    o['self'] = o;
    return o;
  };
  cases.push(...metadataCases('BigInt', () => ({ n: 10n }), 'invalid:metadata'));
  cases.push(...metadataCases('function', () => ({ f: () => 1 }), 'invalid:metadata'));
  cases.push(...metadataCases('symbol', () => ({ s: Symbol('s') }), 'invalid:metadata'));
  cases.push(...metadataCases('cycle', cycle, 'invalid:metadata'));
  cases.push(...metadataCases('array', () => ['a'], 'invalid:metadata'));
  cases.push(...metadataCases('NaN', () => ({ n: Number.NaN }), 'invalid:metadata'));
  cases.push(...metadataCases('1 MB string', () => ({ big: MEGABYTE }), 'ok'));
  cases.push(...metadataCases('emoji', () => ({ [EMOJI]: EMOJI }), 'ok'));
  cases.push(...inputRuleCases());
  return cases;
}

async function outcomeOf(c: Case, env: Env, prepared: unknown): Promise<Outcome> {
  try {
    return await c.run(env, prepared);
  } catch (error) {
    if (error instanceof QZPayValidationError) return `invalid:${error.field}`;
    if (error instanceof QZPayStorageError) return `error:${error.name}`;
    return `raw:${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
  }
}

const observed = new Map<string, Record<string, Outcome>>();
const CASES = catalogue();

forEachDialect('bad-input catalogue', (ctx) => {
  let env: Env;
  beforeAll(async () => {
    const { storage } = ctx();
    const customer = await storage.customers.create({ externalId: `bad-input-${randomUUID()}`, email: 'fixture@bad.io' });
    env = { storage, customerId: customer.id };
  });

  it(`every case has its documented outcome and rejected cases write nothing`, async () => {
    const { count, dialect } = ctx();
    const actual: Record<string, Outcome> = {};
    const expected: Record<string, Outcome> = {};
    for (const c of CASES) {
      expect(expected[c.name], `duplicate case name ${c.name}`).toBeUndefined();
      expected[c.name] = c.expected;
      const prepared = await c.prepare?.(env);
      const before = await Promise.all(c.tables.map((t) => count(t)));
      let outcome = await outcomeOf(c, env, prepared);
      if (!outcome.startsWith('ok')) {
        const after = await Promise.all(c.tables.map((t) => count(t)));
        if (!outcome.startsWith('error:') && after.join() !== before.join()) outcome += ` (rows ${before.join()} -> ${after.join()})`;
      }
      actual[c.name] = outcome;
    }
    observed.set(dialect, actual);
    console.log(`[${dialect}] bad-input cases: ${CASES.length}`);
    // The tables survived every injection attempt.
    expect(await count('billing_customers')).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });
});

describe('bad-input catalogue: identical outcomes on every dialect', () => {
  afterAll(() => observed.clear());
  it('the dialects that ran produced the same outcome for every case', () => {
    const [first, ...others] = [...observed.entries()];
    expect(first).toBeDefined();
    for (const [dialect, outcomes] of others) expect({ dialect, outcomes }).toEqual({ dialect, outcomes: first?.[1] });
  });
});
