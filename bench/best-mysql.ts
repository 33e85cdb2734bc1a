/**
 * Best SQL on MySQL/MariaDB (mysql2 pool `execute`, prepared per connection). What a careful
 * engineer writes by hand:
 * - `select *`: the driver parses DATETIME and returns JSON columns as text, no casts;
 * - no `UPDATE … RETURNING` here, so an update that must answer with its row is UPDATE then
 *   SELECT in one transaction (the fewest statements that return the row this call wrote);
 * - the invoice counter is `value = LAST_INSERT_ID(value + 1)`: the new value comes back in the
 *   update's own OK packet, no re-select; the lines go in one multi-row insert;
 * - the refund keeps the payment row lock the adapter takes: without it, replays of one refund in
 *   host transactions deadlock on InnoDB's duplicate-key gap locks (measured, payments.ts).
 */
import mysql from 'mysql2/promise';
import type { BestInvoice, BestSql, RawRow } from './best.js';
import { inTransaction, rows } from './raw-mysql.js';

type Conn = mysql.Pool | mysql.PoolConnection;
type Params = Parameters<mysql.Pool['execute']>[1];

const DUPLICATE_KEY = 1062;
const LINE_COLUMNS = '(id, invoice_id, position, description, quantity, unit_amount, amount, metadata)';

async function header(on: Conn, text: string, params: Params): Promise<mysql.ResultSetHeader> {
  const [result] = await on.execute(text, params);
  return result as mysql.ResultSetHeader;
}

const isDuplicate = (error: unknown): boolean => (error as { errno?: number }).errno === DUPLICATE_KEY;

export function bestMysql(url: string, poolSize: number): BestSql & { fill(): Promise<unknown> } {
  const pool = mysql.createPool({ uri: url, connectionLimit: poolSize, timezone: 'Z', charset: 'utf8mb4' });
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
  });

  const atomic = <T>(fn: (conn: mysql.PoolConnection) => Promise<T>) => inTransaction(pool, fn);

  /** UPDATE then SELECT of the same row in one transaction; null when the update matched nothing. */
  const updateAndRead = (update: string, params: Params, select: string, key: Params) =>
    atomic(async (conn) => ((await header(conn, update, params)).affectedRows === 0 ? null : ((await rows(conn, select, key))[0] ?? null)));

  return {
    fill: () => Promise.all(Array.from({ length: poolSize }, () => pool.query('select 1'))),
    async createCustomer(c) {
      await pool.execute(
        `insert into billing_customers (id, external_id, email, email_lower, name, provider_customer_ids, metadata, livemode, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, '{}', '{}', true, 1, ?, ?)`,
        [c.id, c.externalId, c.email, c.email.toLowerCase(), c.name, c.now, c.now],
      );
    },
    findCustomer: async (id) => (await rows(pool, 'select * from billing_customers where id = ? and deleted_at is null', [id]))[0] ?? null,
    renameCustomer: (id, name, now) =>
      updateAndRead(
        'update billing_customers set name = ?, version = version + 1, updated_at = ? where id = ? and deleted_at is null',
        [name, now, id],
        'select * from billing_customers where id = ?',
        [id],
      ),
    subscriptionsOf: (customerId) =>
      rows(pool, 'select * from billing_subscriptions where customer_id = ? and deleted_at is null order by created_at desc, id desc', [customerId]),
    redeemPromo: (id, now) =>
      updateAndRead(
        `update billing_promo_codes set current_redemptions = current_redemptions + 1, updated_at = ?
         where id = ? and (max_redemptions is null or current_redemptions < max_redemptions)`,
        [now, id],
        'select * from billing_promo_codes where id = ?',
        [id],
      ),
    createRefund: (r) =>
      atomic(async (conn) => {
        await rows(conn, 'select 1 from billing_payments where id = ? for update', [r.paymentId]);
        try {
          await conn.execute(
            `insert into billing_refunds (id, payment_id, amount, currency, status, provider_refund_id, livemode, metadata, created_at)
             values (?, ?, ?, 'USD', 'succeeded', ?, true, '{}', ?)`,
            [r.id, r.paymentId, r.amount, r.providerRefundId, r.now],
          );
        } catch (error) {
          if (!isDuplicate(error)) throw error;
        }
      }),
    createInvoice: (inv: BestInvoice) =>
      atomic(async (conn) => {
        const counter = await header(conn, "update billing_sequences set value = last_insert_id(value + 1) where name = 'invoice:live'", []);
        if (counter.affectedRows !== 1) throw new Error('best mysql invoices.create: the invoice counter row is missing');
        const number = `INV-${String(counter.insertId).padStart(6, '0')}`;
        await conn.execute(
          `insert into billing_invoices (id, number, customer_id, status, currency, subtotal, tax, discount, total, amount_paid, amount_due,
             provider_invoice_ids, metadata, livemode, version, created_at, updated_at)
           values (?, ?, ?, 'draft', ?, ?, 0, 0, ?, 0, ?, '{}', '{}', true, 1, ?, ?)`,
          [inv.id, number, inv.customerId, inv.currency, inv.subtotal, inv.subtotal, inv.subtotal, inv.now, inv.now],
        );
        await conn.execute(
          `insert into billing_invoice_lines ${LINE_COLUMNS} values ${inv.lines.map(() => "(?, ?, ?, ?, ?, ?, ?, '{}')").join(', ')}`,
          inv.lines.flatMap((l) => [l.id, inv.id, l.position, l.description, l.quantity, l.unitAmount, l.amount]),
        );
        return number;
      }),
    async listCustomers(limit, offset) {
      const [data, count] = await Promise.all([
        rows(pool, 'select * from billing_customers where livemode = true and deleted_at is null order by created_at desc, id desc limit ? offset ?', [limit, offset]),
        rows(pool, 'select count(*) as total from billing_customers where livemode = true and deleted_at is null', []),
      ]);
      return { data, total: Number(count[0]?.['total']) };
    },
    async hasEntitlement(customerId, key, now) {
      const [row] = await rows(
        pool,
        `select exists (select 1 from billing_customer_entitlements
           where customer_id = ? and entitlement_key = ? and (expires_at is null or expires_at > ?)) as held`,
        [customerId, key, now],
      );
      return Number(row?.['held']) === 1;
    },
    async incrementLimit(customerId, key, by, now) {
      const row = await updateAndRead(
        `update billing_customer_limits set current_value = current_value + ?, updated_at = ?
         where customer_id = ? and limit_key = ? and current_value <= ?`,
        [by, now, customerId, key, Number.MAX_SAFE_INTEGER - by],
        'select * from billing_customer_limits where customer_id = ? and limit_key = ?',
        [customerId, key],
      );
      if (!row) throw new Error(`limit ${customerId}/${key} not found`);
      return row;
    },
    async recordWebhook(e) {
      try {
        await pool.execute(
          `insert into billing_webhook_events (id, provider, provider_event_id, type, payload, status, attempts, received_at, livemode, created_at, updated_at)
           values (?, ?, ?, ?, ?, 'received', 0, ?, true, ?, ?)`,
          [e.id, e.provider, e.providerEventId, e.type, JSON.stringify(e.payload), e.now, e.now, e.now],
        );
        return { id: e.id, duplicate: false };
      } catch (error) {
        if (!isDuplicate(error)) throw error;
      }
      const [existing] = await rows(pool, 'select id from billing_webhook_events where provider = ? and provider_event_id = ?', [e.provider, e.providerEventId]);
      if (!existing) throw new Error('webhook event vanished');
      return { id: String(existing['id']), duplicate: true };
    },
    close: () => pool.end(),
  };
}
