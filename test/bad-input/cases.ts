/**
 * The bad-input catalogue: every case is one call with one hostile value, the tables it touches,
 * and the documented outcome, written as a short string so the three dialects' results can be
 * compared verbatim:
 * - `ok`          stored and read back equal (the case checks the read-back itself);
 * - `null` / `[]` a lookup that matches nothing;
 * - `invalid:<f>` rejected with QZPayValidationError naming field `<f>`, nothing written.
 * Anything else a run produces (`raw:<message>` for an untyped error such as a SQL syntax error,
 * `error:<class>`, `mismatch:<detail>`) differs from the documented outcome and fails the test.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import type { QZPayCheckoutSession, QZPayPayment } from '../../src/contract/index.js';

export type Outcome = string;

export interface Env {
  readonly storage: QZPayDrizzleStorageHandle;
  /** A live customer every case may reference. */
  readonly customerId: string;
}

export interface Case {
  readonly name: string;
  /** Tables whose row counts must not move when the case is rejected. */
  readonly tables: readonly string[];
  readonly expected: Outcome;
  /** Set-up writes made before the row counts are taken (e.g. the customer an update targets). */
  prepare?(env: Env): Promise<unknown>;
  run(env: Env, prepared: unknown): Promise<Outcome>;
}

/** SQL meta-characters and injection attempts: none may be executed or break a statement. */
export const HOSTILE = [
  `'; DROP TABLE billing_customers; --`,
  `" OR 1=1 --`,
  `' OR '1'='1`,
  '`; DROP TABLE billing_customers; --',
  `\\`,
  `\\'`,
  `\\"`,
  `%`,
  `_`,
  `%_%`,
  `$1`,
  `?`,
  `:name`,
  `/* c */`,
  `-- c`,
  `\\x00 \\0`,
  `a\nb\r\tc`,
] as const;

export const NUL = 'a\u0000b';
export const LONE_SURROGATES = ['\uD800', '\uDC00', 'x\uD83Dy'] as const;
export const EMOJI = '🧾💳🏦👨‍👩‍👧 𝄞';
export const MEGABYTE = 'é'.repeat(512 * 1024);
/** Six ordinary characters that merely look like a JSON NUL escape. */
export const ESCAPED_NUL_LOOKALIKE = '\\u0000';

const C = ['billing_customers'];
const P = ['billing_payments'];
const I = ['billing_invoices', 'billing_invoice_lines', 'billing_sequences'];

/** Compares what a call returned with what a read gives back; returns `ok` or a mismatch. */
export function same(written: unknown, read: unknown, what: string): Outcome {
  return isDeepStrictEqual(written, read) ? 'ok' : `mismatch:${what}`;
}

export function payment(customerId: string, overrides: Partial<QZPayPayment> = {}): QZPayPayment {
  const now = new Date('2030-01-02T03:04:05.678Z');
  return {
    id: randomUUID(),
    customerId,
    subscriptionId: null,
    invoiceId: null,
    amount: 100,
    currency: 'USD',
    status: 'pending',
    paymentMethodId: null,
    providerPaymentIds: {},
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: true,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function checkout(overrides: Partial<QZPayCheckoutSession> = {}): QZPayCheckoutSession {
  return {
    id: randomUUID(),
    customerId: null,
    customerEmail: null,
    mode: 'payment',
    status: 'open',
    currency: 'USD',
    lineItems: [{ quantity: 1 }],
    successUrl: 'https://x.io/ok',
    cancelUrl: 'https://x.io/cancel',
    expiresAt: new Date('2030-01-02T03:04:05.678Z'),
    paymentId: null,
    subscriptionId: null,
    providerSessionIds: {},
    metadata: {},
    livemode: true,
    createdAt: new Date('2030-01-01T00:00:00.000Z'),
    completedAt: null,
    ...overrides,
  };
}

type CustomerField = 'externalId' | 'email' | 'name' | 'phone' | 'metadataValue' | 'metadataKey';

function customerInput(field: CustomerField, value: string) {
  const input = { externalId: `bi-${randomUUID()}`, email: `${randomUUID()}@bad.io`, name: 'n', phone: '1', metadata: {} as Record<string, string> };
  if (field === 'metadataValue') input.metadata = { k: value };
  else if (field === 'metadataKey') input.metadata = { [value]: 'v' };
  else input[field] = value;
  return input;
}

const column = (field: CustomerField): string => (field.startsWith('metadata') ? 'metadata' : field);

/** customers.create with `value` in one string field, read back by id (and by the looked-up field). */
export function customerCreateCase(field: CustomerField, value: string, expected: Outcome, label = JSON.stringify(value)): Case {
  return {
    name: `customers.create ${field}=${label}`,
    tables: C,
    expected,
    async run({ storage }) {
      const created = await storage.customers.create(customerInput(field, value));
      const byId = same(created, await storage.customers.findById(created.id), 'findById');
      if (byId !== 'ok') return byId;
      if (field === 'externalId') return same(created, await storage.customers.findByExternalId(value), 'findByExternalId');
      if (field === 'email') return same(created, await storage.customers.findByEmail(value), 'findByEmail');
      return 'ok';
    },
  };
}

type UpdateField = 'email' | 'name' | 'phone' | 'metadataValue' | 'metadataKey' | 'providerId' | 'providerKey' | 'savedCard';

/** customers.update with `value` in one string field of an existing customer. */
export function customerUpdateCase(field: UpdateField, value: string, expected: Outcome, label = JSON.stringify(value)): Case {
  return {
    name: `customers.update ${field}=${label}`,
    tables: C,
    expected,
    prepare: ({ storage }) => storage.customers.create({ externalId: `bu-${randomUUID()}`, email: `${randomUUID()}@bad.io` }),
    async run({ storage }, prepared) {
      const c = prepared as Awaited<ReturnType<typeof storage.customers.create>>;
      const patch =
        field === 'metadataValue' ? { metadata: { k: value } }
        : field === 'metadataKey' ? { metadata: { [value]: 'v' } }
        : field === 'providerId' ? { providerCustomerIds: { stripe: value } }
        : field === 'providerKey' ? { providerCustomerIds: { [value]: 'id' } }
        : field === 'savedCard'
          ? { savedCards: [{ id: value, provider: value, lastFourDigits: '4242', expirationMonth: 1, expirationYear: 2030, cardholderName: value, createdAt: new Date('2030-01-01T00:00:00.000Z') }] }
          : { [field]: value };
      try {
        const updated = await storage.customers.update(c.id, patch);
        return same(updated, await storage.customers.findById(c.id), 'findById');
      } catch (error) {
        // The customer must be untouched by a rejected update.
        const after = await storage.customers.findById(c.id);
        if (!isDeepStrictEqual(after, c)) return `mismatch:partial update (${String(error)})`;
        throw error;
      }
    },
  };
}

export const updateColumn = (field: UpdateField): string =>
  field.startsWith('metadata') ? 'metadata'
  : field.startsWith('provider') ? 'providerCustomerIds'
  : field === 'savedCard' ? 'savedCards'
  : field;

export { column as customerColumn };

/** payments.create with one amount, read back by id. */
export function paymentAmountCase(label: string, amount: number, expected: Outcome): Case {
  return {
    name: `payments.create amount=${label}`,
    tables: P,
    expected,
    async run({ storage, customerId }) {
      const created = await storage.payments.create(payment(customerId, { amount }));
      return same(created, await storage.payments.findById(created.id), 'findById');
    },
  };
}

/** invoices.create with one hostile number in the line's `field`. */
export function invoiceLineCase(field: 'quantity' | 'unitAmount', label: string, value: number, expected: Outcome): Case {
  return {
    name: `invoices.create lines[0].${field}=${label}`,
    tables: I,
    expected,
    async run({ storage, customerId }) {
      const line = { description: 'line', quantity: 1, unitAmount: 1, [field]: value };
      const created = await storage.invoices.create({ id: randomUUID(), customerId, lines: [line] });
      return same(created, await storage.invoices.findById(created.id), 'findById');
    },
  };
}

/** A timestamp written through payments.create (createdAt) and invoices.create (dueDate). */
export function dateCases(label: string, date: Date, expectedPayment: Outcome, expectedInvoice: Outcome): Case[] {
  return [
    {
      name: `payments.create createdAt=${label}`,
      tables: P,
      expected: expectedPayment,
      async run({ storage, customerId }) {
        const created = await storage.payments.create(payment(customerId, { createdAt: date, updatedAt: date }));
        return same(created, await storage.payments.findById(created.id), 'findById');
      },
    },
    {
      name: `invoices.create dueDate=${label}`,
      tables: I,
      expected: expectedInvoice,
      async run({ storage, customerId }) {
        const created = await storage.invoices.create({ id: randomUUID(), customerId, dueDate: date, lines: [] });
        return same(created, await storage.invoices.findById(created.id), 'findById');
      },
    },
  ];
}

/** A metadata value written through customers.create and payments.create. */
export function metadataCases(label: string, metadata: () => unknown, expected: Outcome): Case[] {
  return [
    {
      name: `customers.create metadata=${label}`,
      tables: C,
      expected,
      async run({ storage }) {
        const created = await storage.customers.create({ externalId: `bm-${randomUUID()}`, email: 'm@bad.io', metadata: metadata() as Record<string, string> });
        return same(created, await storage.customers.findById(created.id), 'findById');
      },
    },
    {
      name: `payments.create metadata=${label}`,
      tables: P,
      expected,
      async run({ storage, customerId }) {
        const created = await storage.payments.create(payment(customerId, { metadata: metadata() as Record<string, string> }));
        return same(created, await storage.payments.findById(created.id), 'findById');
      },
    },
  ];
}

/**
 * Values that differ only by trailing spaces or by case-mapping length are different values: an
 * exact lookup or a unique key must tell them apart on every dialect (MariaDB's PAD SPACE
 * collations compare 'a' and 'a ' as equal), and a lower-cased lookup twin must not overflow.
 */
export function exactnessCases(): Case[] {
  const cases: Case[] = [
    {
      name: 'customers.findByExternalId / findByEmail / filters with an extra trailing space',
      tables: C,
      expected: 'ok',
      async run({ storage }) {
        const externalId = `ts-${randomUUID()}`;
        const email = `${randomUUID()}@ts.io`;
        await storage.customers.create({ externalId, email });
        const found = [
          await storage.customers.findByExternalId(`${externalId} `),
          await storage.customers.findByEmail(`${email} `),
          (await storage.customers.list({ filters: { externalId: `${externalId} ` } })).total,
        ];
        return same(found, [null, null, 0], 'no match');
      },
    },
    {
      name: 'promoCodes.create two codes that differ by a trailing space',
      tables: ['billing_promo_codes'],
      expected: 'ok',
      async run({ storage }) {
        const code = `TS${randomUUID().slice(0, 8)}`;
        const a = await storage.promoCodes.create({ id: randomUUID(), code, discountType: 'percentage', discountValue: 10 });
        const b = await storage.promoCodes.create({ id: randomUUID(), code: `${code} `, discountType: 'percentage', discountValue: 20 });
        return same([await storage.promoCodes.findByCode(code), await storage.promoCodes.findByCode(`${code} `)], [a, b], 'both found');
      },
    },
    {
      name: 'vendors.create two externalIds that differ by a trailing space',
      tables: ['billing_vendors'],
      expected: 'ok',
      async run({ storage }) {
        const externalId = `ts-${randomUUID()}`;
        const a = await storage.vendors.create({ id: randomUUID(), externalId, name: 'a', email: 'a@ts.io' });
        const b = await storage.vendors.create({ id: randomUUID(), externalId: `${externalId} `, name: 'b', email: 'b@ts.io' });
        return same([await storage.vendors.findByExternalId(externalId), await storage.vendors.findByExternalId(`${externalId} `)], [a, b], 'both found');
      },
    },
    {
      name: 'webhookEvents.record two provider event ids that differ by a trailing space',
      tables: ['billing_webhook_events'],
      expected: 'ok',
      async run({ storage }) {
        const id = `evt_${randomUUID()}`;
        const a = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: id, type: 't', payload: {} });
        const b = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: `${id} `, type: 't', payload: {} });
        return same([a.duplicate, b.duplicate, b.event.providerEventId], [false, false, `${id} `], 'two events');
      },
    },
  ];
  // 'İ' lower-cases to two code points: a short input must not overflow the lower-cased twin.
  cases.push(customerCreateCase('email', `${'İ'.repeat(100)}@x.io`, 'ok', "105 chars with 100 'İ'"));
  cases.push({
    name: "promoCodes.create code of 40 'İ'",
    tables: ['billing_promo_codes'],
    expected: 'ok',
    async run({ storage }) {
      const created = await storage.promoCodes.create({ id: randomUUID(), code: 'İ'.repeat(40), discountType: 'percentage', discountValue: 1 });
      return same(created, await storage.promoCodes.findById(created.id), 'findById');
    },
  });
  return cases;
}
