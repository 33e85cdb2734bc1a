/**
 * The behavioural flows every topology runs (issue 13 §2): the smoke flow and the race tests,
 * written once. Calls are spread round-robin over `storages` — one storage for a single writer,
 * one per Galera node for writes spread over a cluster — and counts come straight from SQL.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { QZPayOptimisticLockError } from '../../src/contract/errors.js';

export interface FlowTarget {
  readonly storages: readonly QZPayDrizzleStorageHandle[];
  /** `select count(*)` of a table, optionally where `column` equals `value`, read where every write is visible. */
  count(table: string, where?: { column: string; value: string }): Promise<number>;
  /** One column of the row with this id, read where every write is visible. */
  field(table: string, column: string, id: string): Promise<unknown>;
}

const spread = <T>(target: FlowTarget, n: number, call: (storage: QZPayDrizzleStorageHandle, i: number) => Promise<T>): Promise<T>[] =>
  Array.from({ length: n }, (_, i) => call(target.storages[i % target.storages.length] as QZPayDrizzleStorageHandle, i));

const first = (target: FlowTarget) => target.storages[0] as QZPayDrizzleStorageHandle;

async function payment(storage: QZPayDrizzleStorageHandle, customerId: string, subscriptionId: string, amount: number) {
  const now = new Date();
  return storage.payments.create({
    id: randomUUID(), customerId, subscriptionId, invoiceId: null, amount, currency: 'USD', status: 'succeeded',
    paymentMethodId: null, providerPaymentIds: {}, failureCode: null, failureMessage: null, metadata: {}, livemode: true,
    createdAt: now, updatedAt: now,
  });
}

/** Customer, subscription, payment, two refunds (each delivered twice), invoice, a rolled-back transaction. */
export async function smokeFlow(target: FlowTarget): Promise<void> {
  const storage = first(target);
  const customer = await storage.customers.create({ externalId: randomUUID(), email: 'smoke@topology.io' });
  const linked = await storage.customers.update(customer.id, { providerCustomerIds: { stripe: 'cus_b' } }, { expectedVersion: customer.version });
  expect(linked.providerCustomerIds).toEqual({ stripe: 'cus_b' });
  expect(linked.version).toBe(customer.version + 1);
  const subscription = await storage.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-pro' });
  expect((await storage.subscriptions.findById(subscription.id))?.customerId).toBe(customer.id);
  const paid = await payment(storage, customer.id, subscription.id, 10_000);
  for (const refundId of ['re_1', 're_2']) {
    for (let delivery = 0; delivery < 2; delivery++) {
      await storage.payments.createRefund({ paymentId: paid.id, amount: 5_000, currency: 'USD', status: 'succeeded', providerRefundId: refundId, livemode: true });
    }
  }
  expect(await storage.payments.getTotalRefundedAmount(paid.id)).toBe(10_000);
  const invoice = await storage.invoices.create({
    id: randomUUID(), customerId: customer.id, subscriptionId: subscription.id,
    lines: [{ description: 'Pro', quantity: 1, unitAmount: 8_000 }, { description: 'Seats', quantity: 2, unitAmount: 1_000 }],
  });
  expect(invoice.total).toBe(10_000);
  expect(invoice.lines).toHaveLength(2);
  const customersBefore = await target.count('billing_customers');
  const paymentsBefore = await target.count('billing_payments');
  // Each topology's database is fresh and this flow writes its first payment: exactly the one above.
  expect(paymentsBefore).toBe(1);
  const boom = new Error('card declined');
  await expect(
    storage.transaction(async () => {
      await storage.customers.create({ externalId: randomUUID(), email: 'rollback@topology.io' });
      await payment(storage, customer.id, subscription.id, 1);
      throw boom;
    }),
  ).rejects.toBe(boom);
  expect(await target.count('billing_customers')).toBe(customersBefore);
  expect(await target.count('billing_payments')).toBe(paymentsBefore);
}

/** 20 concurrent redemptions by one customer of a code limited to 1 per customer: exactly 1. */
export async function promoRacePerCustomer(target: FlowTarget): Promise<void> {
  const storage = first(target);
  const code = await storage.promoCodes.create({ id: randomUUID(), code: `b-${randomUUID().slice(0, 12)}`, discountType: 'fixed_amount', discountValue: 5, maxRedemptionsPerCustomer: 1 });
  const customer = await storage.customers.create({ externalId: randomUUID(), email: 'promo@topology.io' });
  const results = await Promise.all(spread(target, 20, (s) => s.promoCodes.redeem({ promoCodeId: code.id, customerId: customer.id, discountAmount: 5, currency: 'USD' })));
  expect(results.filter((r) => r !== null)).toHaveLength(1);
  expect(await target.count('billing_promo_code_usage', { column: 'promo_code_id', value: code.id })).toBe(1);
  expect(Number(await target.field('billing_promo_codes', 'current_redemptions', code.id))).toBe(1);
}

/** 30 customers race for a code limited to 5: exactly 5 usage rows, counter 5. */
export async function promoRaceGlobal(target: FlowTarget): Promise<void> {
  const storage = first(target);
  const code = await storage.promoCodes.create({ id: randomUUID(), code: `g-${randomUUID().slice(0, 12)}`, discountType: 'fixed_amount', discountValue: 5, maxRedemptions: 5 });
  const customers = await Promise.all(Array.from({ length: 30 }, () => storage.customers.create({ externalId: randomUUID(), email: 'g@topology.io' })));
  const results = await Promise.all(spread(target, 30, (s, i) => s.promoCodes.redeem({ promoCodeId: code.id, customerId: (customers[i] as { id: string }).id, discountAmount: 5, currency: 'USD' })));
  expect(results.filter((r) => r !== null)).toHaveLength(5);
  expect(await target.count('billing_promo_code_usage', { column: 'promo_code_id', value: code.id })).toBe(5);
  expect(Number(await target.field('billing_promo_codes', 'current_redemptions', code.id))).toBe(5);
}

/** `n` concurrent invoices of one customer get n distinct, consecutive numbers. */
export async function invoiceRace(target: FlowTarget, n = 20): Promise<void> {
  const customer = await first(target).customers.create({ externalId: randomUUID(), email: 'inv@topology.io' });
  const invoices = await Promise.all(
    spread(target, n, (s, i) => s.invoices.create({ id: randomUUID(), customerId: customer.id, lines: [{ description: `#${i}`, quantity: 1, unitAmount: 1 }] })),
  );
  const numbers = invoices.map((i) => Number(/(\d+)$/.exec(i.number ?? '')?.[1])).sort((x, y) => x - y);
  expect(new Set(numbers).size).toBe(n);
  expect((numbers[n - 1] ?? 0) - (numbers[0] ?? 0)).toBe(n - 1);
}

/** 10 concurrent updates expecting the same version: exactly 1 wins, 9 QZPayOptimisticLockError. */
export async function optimisticRace(target: FlowTarget): Promise<void> {
  const storage = first(target);
  const customer = await storage.customers.create({ externalId: randomUUID(), email: 'lock@topology.io' });
  const outcomes = await Promise.allSettled(spread(target, 10, (s, i) => s.customers.update(customer.id, { name: `n${i}` }, { expectedVersion: customer.version })));
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(lost).toHaveLength(9);
  for (const o of lost) expect(o.reason).toBeInstanceOf(QZPayOptimisticLockError);
  expect(Number(await target.field('billing_customers', 'version', customer.id))).toBe(customer.version + 1);
}
