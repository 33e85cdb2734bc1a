/**
 * Before the best-SQL baseline is timed, each of its operations is run once against the adapter
 * on the same database and must be equivalent to it: the rows it writes read back through the
 * adapter as the adapter's own would, its reads find what the adapter finds, its increments add
 * exactly one, its invoice numbers continue the adapter's without a gap, and its refunds and
 * webhook records are idempotent. A baseline that did less work would flatter nobody but itself.
 */
import { randomUUID } from 'node:crypto';
import type { Collections } from '../src/adapter/collections/index.js';
import { type BestSql, invoiceOf, type RawRow } from './best.js';
import { ENTITLEMENT_KEY, INVOICE_LINES, LIMIT_KEY } from './ops.js';
import type { Fixtures } from './setup.js';

function expectSame(what: string, best: unknown, adapter: unknown): void {
  const a = JSON.stringify(best);
  const b = JSON.stringify(adapter);
  if (a !== b) throw new Error(`best SQL differs from the adapter on ${what}: best ${a}, adapter ${b}`);
}

/** A column of a raw row as a number (PostgreSQL bigint arrives as text, SQLite booleans as 0/1). */
const num = (row: RawRow | null | undefined, column: string): number => Number(row?.[column]);

/** A text column of a raw row (MySQL's varbinary text columns arrive as Buffers of UTF-8). */
const text = (row: RawRow | null | undefined, column: string): unknown => {
  const value = row?.[column];
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
};

async function rejects(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch {
    return;
  }
  throw new Error(`best SQL ${what} resolved where the adapter rejects`);
}

export async function verifyBest(best: BestSql, storage: Collections, fixtures: Fixtures): Promise<void> {
  // Two customers without subscriptions, grants or limits (the seed gives those to the first ones).
  const plain = fixtures.customerIds.filter((id) => !fixtures.subscribedCustomerIds.includes(id));
  const [customerId, otherId] = [plain[7]!, plain[8]!];
  const subscribedId = fixtures.subscribedCustomerIds[3]!;
  const now = new Date();

  // customers.create: the adapter reads the row back, found by case-folded email too.
  const created = { id: randomUUID(), externalId: `best_check_${now.getTime()}`, email: `Best_${now.getTime()}@Check.example`, name: 'Checked', now };
  await best.createCustomer(created);
  const stored = await storage.customers.findById(created.id);
  const byEmail = await storage.customers.findByEmail(created.email.toUpperCase());
  expectSame('customers.create', [stored?.externalId, stored?.email, stored?.name, stored?.version, stored?.metadata, stored?.providerCustomerIds, stored?.createdAt.getTime(), byEmail?.id], [created.externalId, created.email, 'Checked', 1, {}, {}, now.getTime(), created.id]);

  // customers.findById: the same customer, absent for an unknown id.
  const adapterCustomer = await storage.customers.findById(customerId);
  const bestCustomer = await best.findCustomer(customerId);
  expectSame('customers.findById', [text(bestCustomer, 'id'), text(bestCustomer, 'email'), num(bestCustomer, 'version')], [adapterCustomer?.id, adapterCustomer?.email, adapterCustomer?.version]);
  expectSame('customers.findById (unknown id)', await best.findCustomer(randomUUID()), null);

  // customers.update: one version step, the name written, the written row returned.
  const renamed = await best.renameCustomer(otherId, 'Best Renamed', new Date());
  const afterRename = await storage.customers.findById(otherId);
  expectSame('customers.update', [text(renamed, 'name'), num(renamed, 'version')], [afterRename?.name, afterRename?.version]);
  expectSame('customers.update (unknown id)', await best.renameCustomer(randomUUID(), 'x', new Date()), null);

  // subscriptions.findByCustomerId: the same rows in the same order.
  const subscriptions = await storage.subscriptions.findByCustomerId(subscribedId);
  expectSame('subscriptions.findByCustomerId', (await best.subscriptionsOf(subscribedId)).map((r) => text(r, 'id')), subscriptions.map((s) => s.id));

  // promoCodes.atomicIncrementRedemptions: +1, and refused once the cap is reached.
  const promoId = fixtures.promoIds[5]!;
  const promoBefore = await storage.promoCodes.findById(promoId);
  const redeemed = await best.redeemPromo(promoId, new Date());
  const promoAfter = await storage.promoCodes.findById(promoId);
  expectSame('promoCodes.atomicIncrementRedemptions', [num(redeemed, 'current_redemptions'), promoAfter?.currentRedemptions], [(promoBefore?.currentRedemptions ?? 0) + 1, (promoBefore?.currentRedemptions ?? 0) + 1]);
  const capped = await storage.promoCodes.create({ id: randomUUID(), code: `BESTCAP${now.getTime()}`, discountType: 'percentage', discountValue: 5, maxRedemptions: 1 });
  const firstUse = await best.redeemPromo(capped.id, new Date());
  expectSame('promoCodes.atomicIncrementRedemptions (cap)', [num(firstUse, 'current_redemptions'), await best.redeemPromo(capped.id, new Date())], [1, null]);

  // payments.createRefund: the ledger grows by the amount once, a replay adds nothing.
  const paymentId = fixtures.paymentIds[9]!;
  const refundedBefore = await storage.payments.getTotalRefundedAmount(paymentId);
  const refund = { id: randomUUID(), paymentId, amount: 7, providerRefundId: `re_best_check_${now.getTime()}`, now: new Date() };
  await best.createRefund(refund);
  await best.createRefund({ ...refund, id: randomUUID() });
  expectSame('payments.createRefund', await storage.payments.getTotalRefundedAmount(paymentId), refundedBefore + 7);

  // invoices.create: numbers continue the adapter's with no gap; the adapter reads lines and totals.
  const before = await storage.invoices.create({ id: randomUUID(), customerId, lines: INVOICE_LINES });
  const draft = invoiceOf(customerId);
  const number = await best.createInvoice(draft);
  const after = await storage.invoices.create({ id: randomUUID(), customerId, lines: INVOICE_LINES });
  const written = await storage.invoices.findById(draft.id);
  const counter = (n: string | null | undefined) => Number(/\d+$/.exec(n ?? '')?.[0]);
  expectSame('invoices.create (numbers)', [counter(number), counter(after.number)], [counter(before.number) + 1, counter(before.number) + 2]);
  expectSame(
    'invoices.create (invoice)',
    [written?.number, written?.total, written?.amountDue, written?.status, written?.lines.map((l) => [l.description, l.quantity, l.unitAmount, l.amount])],
    [number, before.total, before.amountDue, before.status, before.lines.map((l) => [l.description, l.quantity, l.unitAmount, l.amount])],
  );

  // customers.list: the same page and total.
  const page = await storage.customers.list({ limit: 20 });
  const bestPage = await best.listCustomers(20, 0);
  expectSame('customers.list', [bestPage.data.map((r) => text(r, 'id')), bestPage.total], [page.data.map((c) => c.id), page.total]);

  // entitlements.check: held, not held, and expired.
  const lapsed = await storage.customers.create({ externalId: `best_lapsed_${now.getTime()}`, email: `lapsed_${now.getTime()}@check.example` });
  await storage.entitlements.grant({ customerId: lapsed.id, entitlementKey: ENTITLEMENT_KEY, expiresAt: new Date(Date.now() + 50) });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const checks = [subscribedId, customerId, lapsed.id];
  const held = await Promise.all(checks.map((id) => best.hasEntitlement(id, ENTITLEMENT_KEY, new Date())));
  expectSame('entitlements.check', held, await Promise.all(checks.map((id) => storage.entitlements.check(id, ENTITLEMENT_KEY))));

  // limits.increment: +1 exactly, the row returned; a missing row rejects.
  const limitBefore = await storage.limits.check(subscribedId, LIMIT_KEY);
  const incremented = await best.incrementLimit(subscribedId, LIMIT_KEY, 1, new Date());
  const limitAfter = await storage.limits.check(subscribedId, LIMIT_KEY);
  expectSame('limits.increment', [num(incremented, 'current_value'), limitAfter?.currentValue], [(limitBefore?.currentValue ?? Number.NaN) + 1, (limitBefore?.currentValue ?? Number.NaN) + 1]);
  await rejects('limits.increment of a missing limit', () => best.incrementLimit(customerId, LIMIT_KEY, 1, new Date()));

  // webhookEvents.record: stored as the adapter reads it; a replay returns the first event.
  const event = { id: randomUUID(), provider: 'stripe', providerEventId: `evt_best_check_${now.getTime()}`, type: 'invoice.paid', payload: { a: 1 }, now: new Date() };
  const first = await best.recordWebhook(event);
  const replay = await best.recordWebhook({ ...event, id: randomUUID() });
  const recorded = await storage.webhookEvents.findByProviderEventId('stripe', event.providerEventId);
  expectSame('webhookEvents.record', [first, replay, recorded?.id, recorded?.status, recorded?.payload, recorded?.attempts], [
    { id: event.id, duplicate: false },
    { id: event.id, duplicate: true },
    event.id,
    'received',
    { a: 1 },
    0,
  ]);
}
