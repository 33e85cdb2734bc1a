/**
 * Best SQL on SQLite (better-sqlite3 on the adapter's own handle, each statement prepared once).
 * What a careful engineer writes by hand:
 * - `select *` and `returning *`, rows as the driver gives them (epoch-ms integers, JSON text);
 * - single statements outside any transaction (each is atomic by itself); the refund is one
 *   `insert … on conflict do nothing` (SQLite serialises writers, no row lock to take);
 * - the invoice is one IMMEDIATE transaction: the counter's `update … returning`, the invoice
 *   and one multi-row insert for its lines.
 */
import type Database from 'better-sqlite3';
import type { BestInvoice, BestSql, RawRow } from './best.js';

type Row = RawRow | undefined;

export function bestSqlite(db: Database.Database): BestSql {
  const insertCustomer = db.prepare(
    `insert into billing_customers (id, external_id, email, email_lower, name, provider_customer_ids, metadata, livemode, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, '{}', '{}', 1, 1, ?, ?)`,
  );
  const findCustomer = db.prepare('select * from billing_customers where id = ? and deleted_at is null');
  const renameCustomer = db.prepare('update billing_customers set name = ?, version = version + 1, updated_at = ? where id = ? and deleted_at is null returning *');
  const subscriptionsOf = db.prepare('select * from billing_subscriptions where customer_id = ? and deleted_at is null order by created_at desc, id desc');
  const redeemPromo = db.prepare(
    `update billing_promo_codes set current_redemptions = current_redemptions + 1, updated_at = ?
     where id = ? and (max_redemptions is null or current_redemptions < max_redemptions) returning *`,
  );
  const insertRefund = db.prepare(
    `insert into billing_refunds (id, payment_id, amount, currency, status, provider_refund_id, livemode, metadata, created_at)
     values (?, ?, ?, 'USD', 'succeeded', ?, 1, '{}', ?) on conflict (provider_refund_id) do nothing`,
  );
  const nextNumber = db.prepare("update billing_sequences set value = value + 1 where name = 'invoice:live' returning value").pluck();
  const insertInvoice = db.prepare(
    `insert into billing_invoices (id, number, customer_id, status, currency, subtotal, tax, discount, total, amount_paid, amount_due,
       provider_invoice_ids, metadata, livemode, version, created_at, updated_at)
     values (?, ?, ?, 'draft', ?, ?, 0, 0, ?, 0, ?, '{}', '{}', 1, 1, ?, ?)`,
  );
  const lineStatements = new Map<number, Database.Statement>();
  const insertLines = (count: number): Database.Statement => {
    let statement = lineStatements.get(count);
    if (!statement) {
      const values = Array.from({ length: count }, () => "(?, ?, ?, ?, ?, ?, ?, '{}')").join(', ');
      statement = db.prepare(`insert into billing_invoice_lines (id, invoice_id, position, description, quantity, unit_amount, amount, metadata) values ${values}`);
      lineStatements.set(count, statement);
    }
    return statement;
  };
  const listPage = db.prepare('select * from billing_customers where livemode = 1 and deleted_at is null order by created_at desc, id desc limit ? offset ?');
  const countLive = db.prepare('select count(*) from billing_customers where livemode = 1 and deleted_at is null').pluck();
  const hasEntitlement = db
    .prepare(
      `select exists (select 1 from billing_customer_entitlements
         where customer_id = ? and entitlement_key = ? and (expires_at is null or expires_at > ?))`,
    )
    .pluck();
  const incrementLimit = db.prepare(
    `update billing_customer_limits set current_value = current_value + ?, updated_at = ?
     where customer_id = ? and limit_key = ? and current_value <= ? returning *`,
  );
  const insertWebhook = db.prepare(
    `insert into billing_webhook_events (id, provider, provider_event_id, type, payload, status, attempts, received_at, livemode, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'received', 0, ?, 1, ?, ?) on conflict (provider, provider_event_id) do nothing`,
  );
  const findWebhook = db.prepare('select id from billing_webhook_events where provider = ? and provider_event_id = ?').pluck();

  const invoice = db.transaction((inv: BestInvoice): string => {
    const value = nextNumber.get() as number | undefined;
    if (value === undefined) throw new Error('best sqlite invoices.create: the invoice counter row is missing');
    const number = `INV-${String(value).padStart(6, '0')}`;
    const now = inv.now.getTime();
    insertInvoice.run(inv.id, number, inv.customerId, inv.currency, inv.subtotal, inv.subtotal, inv.subtotal, now, now);
    insertLines(inv.lines.length).run(...inv.lines.flatMap((l) => [l.id, inv.id, l.position, l.description, l.quantity, l.unitAmount, l.amount]));
    return number;
  });

  return {
    async createCustomer(c) {
      const now = c.now.getTime();
      insertCustomer.run(c.id, c.externalId, c.email, c.email.toLowerCase(), c.name, now, now);
    },
    findCustomer: async (id) => (findCustomer.get(id) as Row) ?? null,
    renameCustomer: async (id, name, now) => (renameCustomer.get(name, now.getTime(), id) as Row) ?? null,
    subscriptionsOf: async (customerId) => subscriptionsOf.all(customerId) as RawRow[],
    redeemPromo: async (id, now) => (redeemPromo.get(now.getTime(), id) as Row) ?? null,
    async createRefund(r) {
      insertRefund.run(r.id, r.paymentId, r.amount, r.providerRefundId, r.now.getTime());
    },
    createInvoice: async (inv) => invoice.immediate(inv),
    async listCustomers(limit, offset) {
      return { data: listPage.all(limit, offset) as RawRow[], total: Number(countLive.get()) };
    },
    hasEntitlement: async (customerId, key, now) => hasEntitlement.get(customerId, key, now.getTime()) === 1,
    async incrementLimit(customerId, key, by, now) {
      const row = incrementLimit.get(by, now.getTime(), customerId, key, Number.MAX_SAFE_INTEGER - by) as Row;
      if (!row) throw new Error(`limit ${customerId}/${key} not found`);
      return row;
    },
    async recordWebhook(e) {
      const now = e.now.getTime();
      const inserted = insertWebhook.run(e.id, e.provider, e.providerEventId, e.type, JSON.stringify(e.payload), now, now, now);
      if (inserted.changes === 1) return { id: e.id, duplicate: false };
      const id = findWebhook.get(e.provider, e.providerEventId) as string | undefined;
      if (id === undefined) throw new Error('webhook event vanished');
      return { id, duplicate: true };
    },
    close: async () => undefined,
  };
}
