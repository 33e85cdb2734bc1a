/**
 * Issue 11 §6: e-mail addresses, external ids and provider ids hold 255 characters on every
 * dialect (RFC 5321 addresses are at most 254), 4-byte characters included (MariaDB stores
 * strings as UTF-8 bytes), and one character more is the same typed error everywhere, with
 * nothing written — never truncation. Outcomes are written as in the bad-input catalogue
 * (`ok`, `invalid:<field>`, anything else is a mismatch) and compared across dialects.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { connect } from '../../src/connect.js';
import { QZPayValidationError } from '../../src/contract/errors.js';
import { migrate } from '../../src/migrate/index.js';
import { createEmptyDatabase } from '../harness/database.js';
import { migrationsBefore } from '../harness/earlier-migrations.js';
import { forEachDialect } from '../harness/index.js';

/** `length` characters ending in `tail`, with `fill` (one code point, maybe 4 bytes) before it. */
const ofLength = (length: number, tail: string, fill = 'a'): string => fill.repeat(length - [...tail].length) + tail;
/** A 254-character address: 64-character local part, as long a domain as RFC 5321 allows. */
const EMAIL_254 = `${'l'.repeat(64)}@${`${'d'.repeat(63)}.`.repeat(2)}${'e'.repeat(58)}.io`;
const FOUR_BYTE = '𝄞';

async function outcome(run: () => Promise<boolean>): Promise<string> {
  try {
    return (await run()) ? 'ok' : 'mismatch:read back differs';
  } catch (error) {
    if (error instanceof QZPayValidationError) return `invalid:${error.field}`;
    return `raw:${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

interface WidthCase {
  readonly name: string;
  readonly tables: readonly string[];
  readonly expected: string;
  run(storage: QZPayDrizzleStorageHandle): Promise<boolean>;
}

function cases(): WidthCase[] {
  const out: WidthCase[] = [];
  const C = ['billing_customers'];
  const customer = (externalId: string, email: string) => async (s: QZPayDrizzleStorageHandle) => {
    const created = await s.customers.create({ externalId, email });
    const found = await s.customers.findByEmail(email.toUpperCase());
    const byExternal = await s.customers.findByExternalId(externalId);
    return created.email === email && found?.id === created.id && byExternal?.id === created.id && byExternal.externalId === externalId;
  };
  out.push({ name: 'customer e-mail of 254 characters round-trips and is found case-insensitively', tables: C, expected: 'ok', run: customer(randomUUID(), EMAIL_254) });
  out.push({ name: 'customer e-mail of 255', tables: C, expected: 'ok', run: customer(randomUUID(), ofLength(255, `${randomUUID()}@x.io`)) });
  out.push({ name: 'customer e-mail of 256', tables: C, expected: 'invalid:email', run: customer(randomUUID(), ofLength(256, `${randomUUID()}@x.io`)) });
  out.push({ name: 'customer e-mail of 255 four-byte characters', tables: C, expected: 'ok', run: customer(randomUUID(), ofLength(255, `${randomUUID()}@x.io`, FOUR_BYTE)) });
  out.push({ name: 'customer externalId of 255', tables: C, expected: 'ok', run: customer(ofLength(255, randomUUID()), `${randomUUID()}@x.io`) });
  out.push({ name: 'customer externalId of 255 four-byte characters', tables: C, expected: 'ok', run: customer(ofLength(255, randomUUID(), FOUR_BYTE), `${randomUUID()}@x.io`) });
  out.push({ name: 'customer externalId of 256', tables: C, expected: 'invalid:externalId', run: customer(ofLength(256, randomUUID()), `${randomUUID()}@x.io`) });

  const V = ['billing_vendors'];
  const vendor = (externalId: string, email: string) => async (s: QZPayDrizzleStorageHandle) => {
    const created = await s.vendors.create({ id: randomUUID(), externalId, name: 'V', email });
    const found = await s.vendors.findByExternalId(externalId);
    return found?.id === created.id && found.email === email && found.externalId === externalId;
  };
  out.push({ name: 'vendor e-mail of 254', tables: V, expected: 'ok', run: vendor(randomUUID(), EMAIL_254) });
  out.push({ name: 'vendor e-mail of 256', tables: V, expected: 'invalid:email', run: vendor(randomUUID(), ofLength(256, '@x.io')) });
  out.push({ name: 'vendor externalId of 255 four-byte characters', tables: V, expected: 'ok', run: vendor(ofLength(255, randomUUID(), FOUR_BYTE), 'v@x.io') });
  out.push({ name: 'vendor externalId of 256', tables: V, expected: 'invalid:externalId', run: vendor(ofLength(256, randomUUID()), 'v@x.io') });

  const R = ['billing_refunds'];
  const refund = (providerRefundId: string) => async (s: QZPayDrizzleStorageHandle) => {
    const key = randomUUID();
    const c = await s.customers.create({ externalId: key, email: `${key}@x.io` });
    const now = new Date();
    const payment = await s.payments.create({
      id: randomUUID(), customerId: c.id, subscriptionId: null, invoiceId: null, amount: 1000, currency: 'USD',
      status: 'succeeded', paymentMethodId: null, providerPaymentIds: {}, failureCode: null, failureMessage: null,
      metadata: {}, livemode: true, createdAt: now, updatedAt: now,
    });
    await s.payments.createRefund({ paymentId: payment.id, amount: 100, currency: 'USD', status: 'succeeded', livemode: true, providerRefundId });
    return (await s.payments.hasRefundForProviderRefundId(providerRefundId)) && (await s.payments.getTotalRefundedAmount(payment.id)) === 100;
  };
  out.push({ name: 'providerRefundId of 255', tables: R, expected: 'ok', run: refund(ofLength(255, randomUUID())) });
  out.push({ name: 'providerRefundId of 255 four-byte characters', tables: R, expected: 'ok', run: refund(ofLength(255, randomUUID(), FOUR_BYTE)) });
  out.push({ name: 'providerRefundId of 256', tables: R, expected: 'invalid:providerRefundId', run: refund(ofLength(256, randomUUID())) });

  const W = ['billing_webhook_events'];
  const webhook = (providerEventId: string) => async (s: QZPayDrizzleStorageHandle) => {
    const first = await s.webhookEvents.record({ provider: 'stripe', providerEventId, type: 't', payload: {} });
    const again = await s.webhookEvents.record({ provider: 'stripe', providerEventId, type: 't', payload: {} });
    return first.event.providerEventId === providerEventId && !first.duplicate && again.duplicate && again.event.id === first.event.id;
  };
  out.push({ name: 'webhook providerEventId of 255 four-byte characters (unique key still holds)', tables: W, expected: 'ok', run: webhook(ofLength(255, randomUUID(), FOUR_BYTE)) });
  out.push({ name: 'webhook providerEventId of 256', tables: W, expected: 'invalid:providerEventId', run: webhook(ofLength(256, randomUUID())) });

  const K = ['billing_checkouts'];
  const checkout = (customerEmail: string) => async (s: QZPayDrizzleStorageHandle) => {
    const now = new Date();
    const session = await s.checkouts.create({
      id: randomUUID(), customerId: null, customerEmail, mode: 'payment', status: 'open', currency: 'USD', lineItems: [],
      successUrl: 'https://x.io/ok', cancelUrl: 'https://x.io/no', expiresAt: now, paymentId: null, subscriptionId: null,
      providerSessionIds: {}, metadata: {}, livemode: true, createdAt: now, completedAt: null,
    });
    return (await s.checkouts.findById(session.id))?.customerEmail === customerEmail;
  };
  out.push({ name: 'checkout customerEmail of 254', tables: K, expected: 'ok', run: checkout(EMAIL_254) });
  out.push({ name: 'checkout customerEmail of 256', tables: K, expected: 'invalid:customerEmail', run: checkout(ofLength(256, '@x.io')) });
  return out;
}

const observed = new Map<string, string[]>();

forEachDialect('widths', (ctx) => {
  it('every width case has its documented outcome; rejected ones write nothing', async () => {
    expect([EMAIL_254.length, [...ofLength(255, 'x@y', FOUR_BYTE)].length]).toEqual([254, 255]);
    const { storage, count } = ctx();
    const got: string[] = [];
    for (const c of cases()) {
      const before = await Promise.all(c.tables.map((t) => count(t)));
      const result = await outcome(() => c.run(storage));
      got.push(`${c.name}: ${result}`);
      if (result !== 'ok') expect(await Promise.all(c.tables.map((t) => count(t))), c.name).toEqual(before);
    }
    expect(got).toEqual(cases().map((c) => `${c.name}: ${c.expected}`));
    observed.set(ctx().dialect, got);
  });

  it('the upgrade migration widens a database built by the previous migrations and keeps its rows', async () => {
    const { dialect, target } = ctx();
    const previous = migrationsBefore(dialect, '0004_field_fixes');
    const empty = await createEmptyDatabase(target);
    try {
      const db = await connect(empty.url, { poolSize: 1 });
      try {
        expect(await migrate(db.db, { folder: previous.folder })).toEqual(previous.tags);
        const old = await db.storage.customers.create({ externalId: 'old-one', email: 'Old@Example.io' });
        expect(await migrate(db.db)).toEqual(['0004_field_fixes', '0005_full_case_folding']);
        expect(await db.storage.customers.findByEmail('old@example.io')).toEqual(old);
        const wide = await db.storage.customers.create({ externalId: ofLength(255, 'w'), email: EMAIL_254 });
        expect((await db.storage.customers.findByEmail(EMAIL_254))?.id).toBe(wide.id);
      } finally {
        await db.close();
      }
    } finally {
      await empty.drop();
      previous.remove();
    }
  });
});

describe('widths: identical outcomes on every dialect', () => {
  afterAll(() => observed.clear());
  it('the dialects that ran produced the same outcome for every case', () => {
    const [first, ...others] = [...observed.entries()];
    expect(first).toBeDefined();
    for (const [dialect, outcomes] of others) expect({ dialect, outcomes }).toEqual({ dialect, outcomes: first?.[1] });
  });
});
