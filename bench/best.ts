/**
 * The second baseline: each measured operation written by hand the way a careful engineer would
 * for one dialect — the fewest statements and round trips that keep the contract's guarantees
 * (atomicity, idempotency, gap-free invoice numbers) — on the same driver, prepared. Where the
 * same-SQL baseline (raw-*.ts) shows what the adapter's plumbing costs, this one shows what its
 * statement design costs. Each dialect's SQL is in best-pg.ts, best-mysql.ts and best-sqlite.ts;
 * best-check.ts proves every implementation equivalent to the adapter before anything is timed.
 */
import { randomUUID } from 'node:crypto';
import { ENTITLEMENT_KEY, INVOICE_LINES, LIMIT_KEY, type OpName, type Tag, WEBHOOK_PAYLOAD } from './ops.js';
import { type Fixtures, inputs } from './setup.js';
import type { Op } from './stats.js';

/** A row in the driver's default shape (column names as the table has them), unmapped. */
export type RawRow = Record<string, unknown>;

export interface BestInvoiceLine {
  readonly id: string;
  readonly position: number;
  readonly description: string;
  readonly quantity: number;
  readonly unitAmount: number;
  readonly amount: number;
}

export interface BestInvoice {
  readonly id: string;
  readonly customerId: string;
  readonly currency: string;
  readonly subtotal: number;
  readonly lines: readonly BestInvoiceLine[];
  readonly now: Date;
}

/** One dialect's hand-written implementation of each measured operation, inputs explicit. */
export interface BestSql {
  createCustomer(input: { id: string; externalId: string; email: string; name: string; now: Date }): Promise<void>;
  findCustomer(id: string): Promise<RawRow | null>;
  renameCustomer(id: string, name: string, now: Date): Promise<RawRow | null>;
  subscriptionsOf(customerId: string): Promise<RawRow[]>;
  /** The promo code after one more redemption, or null when it is absent or used up. */
  redeemPromo(id: string, now: Date): Promise<RawRow | null>;
  /** Idempotent on providerRefundId: a replay writes nothing. */
  createRefund(input: { id: string; paymentId: string; amount: number; providerRefundId: string; now: Date }): Promise<void>;
  /** Takes the next invoice number (gap-free) and writes the invoice with its lines atomically; resolves the number. */
  createInvoice(invoice: BestInvoice): Promise<string>;
  listCustomers(limit: number, offset: number): Promise<{ data: RawRow[]; total: number }>;
  hasEntitlement(customerId: string, key: string, now: Date): Promise<boolean>;
  /** The limit row after the increment; rejects when the (customer, key) row does not exist. */
  incrementLimit(customerId: string, key: string, by: number, now: Date): Promise<RawRow>;
  /** Idempotent on (provider, providerEventId): a replay returns the first event's id. */
  recordWebhook(input: { id: string; provider: string; providerEventId: string; type: string; payload: unknown; now: Date }): Promise<{ id: string; duplicate: boolean }>;
  close(): Promise<void>;
}

export function invoiceOf(customerId: string): BestInvoice {
  const lines = INVOICE_LINES.map((line, position) => ({ ...line, id: randomUUID(), position, amount: line.quantity * line.unitAmount }));
  return { id: randomUUID(), customerId, currency: 'USD', subtotal: lines.reduce((sum, l) => sum + l.amount, 0), lines, now: new Date() };
}

/** The benchmark's calls on a best-SQL implementation, with the inputs `adapterOps` uses. */
export function bestOps(best: BestSql, fixtures: Fixtures, tag: Tag = 'b'): Record<OpName, Op> {
  const { reader, writer, billed, subscribed, promo, payment, entitled, limited } = inputs(fixtures);
  let n = 0;
  return {
    'customers.create': () => {
      const key = `bench_${tag}_${n++}`;
      return best.createCustomer({ id: randomUUID(), externalId: key, email: `${key}@Bench.example`, name: 'Bench', now: new Date() });
    },
    'customers.findById': () => best.findCustomer(reader()),
    'customers.update': () => best.renameCustomer(writer(), n++ % 2 === 0 ? 'Renamed A' : 'Renamed B', new Date()),
    'subscriptions.findByCustomerId': () => best.subscriptionsOf(subscribed()),
    'promoCodes.atomicIncrementRedemptions': () => best.redeemPromo(promo(), new Date()),
    'payments.createRefund': () =>
      best.createRefund({ id: randomUUID(), paymentId: payment(), amount: 1, providerRefundId: `re_${tag}_${n++}`, now: new Date() }),
    'invoices.create': () => best.createInvoice(invoiceOf(billed())),
    'customers.list': () => best.listCustomers(20, 0),
    'entitlements.check': () => best.hasEntitlement(entitled(), ENTITLEMENT_KEY, new Date()),
    'limits.increment': () => best.incrementLimit(limited(), LIMIT_KEY, 1, new Date()),
    'webhookEvents.record': () =>
      best.recordWebhook({ id: randomUUID(), provider: 'stripe', providerEventId: `evt_${tag}_${n++}`, type: 'invoice.paid', payload: WEBHOOK_PAYLOAD, now: new Date() }),
  };
}
