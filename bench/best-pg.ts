/**
 * Best SQL on PostgreSQL (postgres.js, `unsafe(text, params, { prepare: true })` on its own
 * client). What a careful engineer writes by hand:
 * - `select *` and `returning *`: the driver parses timestamptz and jsonb itself, no casts;
 * - the refund is one `insert … on conflict do nothing` (the unique index is the idempotency;
 *   PostgreSQL needs no row lock against the gap-lock deadlocks MySQL has);
 * - the invoice is ONE statement: a CTE takes the next number from the counter row, inserts the
 *   invoice and all its lines in a multi-row insert. One statement is atomic, and a failure rolls
 *   the counter back with it, so numbers stay gap-free;
 * - the webhook record is `insert … on conflict do nothing returning id`, reading the first
 *   event only on a replay.
 */
import postgres from 'postgres';
import type { BestInvoice, BestSql, RawRow } from './best.js';

type Param = postgres.ParameterOrJSON<never>;

const INVOICE = `
with n as (
  update billing_sequences set value = value + 1 where name = 'invoice:live' returning value
), inv as (
  insert into billing_invoices (id, number, customer_id, status, currency, subtotal, tax, discount, total, amount_paid,
    amount_due, provider_invoice_ids, metadata, livemode, version, created_at, updated_at)
  select $1::varchar, 'INV-' || lpad(n.value::text, greatest(6, length(n.value::text)), '0'), $2::varchar, 'draft', $3::varchar,
    $4::bigint, 0, 0, $4::bigint, 0, $4::bigint, '{}'::jsonb, '{}'::jsonb, true, 1, $5::timestamptz, $5::timestamptz from n
  returning id, number
)
insert into billing_invoice_lines (id, invoice_id, position, description, quantity, unit_amount, amount, metadata)
select l.id, inv.id, l.position, l.description, l.quantity, l.unit_amount, l.amount, '{}'::jsonb
from inv cross join (values
  ($6::varchar, $7::bigint, $8::text, $9::bigint, $10::bigint, $11::bigint),
  ($12, $13, $14, $15, $16, $17),
  ($18, $19, $20, $21, $22, $23)
) as l(id, position, description, quantity, unit_amount, amount)
returning (select number from inv) as number`;

export function bestPg(url: string, poolSize: number): BestSql & { fill(): Promise<unknown> } {
  const sql = postgres(url, { max: poolSize, onnotice: () => undefined });
  const q = (text: string, params: Param[]) => sql.unsafe<RawRow[]>(text, params, { prepare: true });
  const first = async (text: string, params: Param[]): Promise<RawRow | null> => (await q(text, params))[0] ?? null;

  return {
    fill: () => Promise.all(Array.from({ length: poolSize }, () => sql`select 1`)),
    async createCustomer(c) {
      await q(
        `insert into billing_customers (id, external_id, email, email_lower, name, provider_customer_ids, metadata, livemode, version, created_at, updated_at)
         values ($1, $2, $3, $4, $5, '{}', '{}', true, 1, $6, $6)`,
        [c.id, c.externalId, c.email, c.email.toLowerCase(), c.name, c.now],
      );
    },
    findCustomer: (id) => first('select * from billing_customers where id = $1 and deleted_at is null', [id]),
    renameCustomer: (id, name, now) =>
      first('update billing_customers set name = $1, version = version + 1, updated_at = $2 where id = $3 and deleted_at is null returning *', [name, now, id]),
    subscriptionsOf: (customerId) =>
      q('select * from billing_subscriptions where customer_id = $1 and deleted_at is null order by created_at desc, id desc', [customerId]),
    redeemPromo: (id, now) =>
      first(
        `update billing_promo_codes set current_redemptions = current_redemptions + 1, updated_at = $1
         where id = $2 and (max_redemptions is null or current_redemptions < max_redemptions) returning *`,
        [now, id],
      ),
    async createRefund(r) {
      await q(
        `insert into billing_refunds (id, payment_id, amount, currency, status, provider_refund_id, livemode, metadata, created_at)
         values ($1, $2, $3, 'USD', 'succeeded', $4, true, '{}', $5) on conflict (provider_refund_id) do nothing`,
        [r.id, r.paymentId, r.amount, r.providerRefundId, r.now],
      );
    },
    async createInvoice(inv: BestInvoice) {
      const params: Param[] = [inv.id, inv.customerId, inv.currency, inv.subtotal, inv.now];
      for (const l of inv.lines) params.push(l.id, l.position, l.description, l.quantity, l.unitAmount, l.amount);
      const [row] = await q(INVOICE, params);
      if (!row) throw new Error('best pg invoices.create: the invoice counter row is missing');
      return String(row['number']);
    },
    async listCustomers(limit, offset) {
      // Page and total at once on two pooled connections, as the adapter does.
      const [data, count] = await Promise.all([
        q('select * from billing_customers where livemode = true and deleted_at is null order by created_at desc, id desc limit $1 offset $2', [limit, offset]),
        q('select count(*)::int as total from billing_customers where livemode = true and deleted_at is null', []),
      ]);
      return { data, total: Number(count[0]?.['total']) };
    },
    async hasEntitlement(customerId, key, now) {
      const row = await first(
        `select exists (select 1 from billing_customer_entitlements
           where customer_id = $1 and entitlement_key = $2 and (expires_at is null or expires_at > $3)) as held`,
        [customerId, key, now],
      );
      return row?.['held'] === true;
    },
    async incrementLimit(customerId, key, by, now) {
      const row = await first(
        `update billing_customer_limits set current_value = current_value + $1, updated_at = $2
         where customer_id = $3 and limit_key = $4 and current_value <= $5 returning *`,
        [by, now, customerId, key, Number.MAX_SAFE_INTEGER - by],
      );
      if (!row) throw new Error(`limit ${customerId}/${key} not found`);
      return row;
    },
    async recordWebhook(e) {
      const inserted = await first(
        `insert into billing_webhook_events (id, provider, provider_event_id, type, payload, status, attempts, received_at, livemode, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'received', 0, $6, true, $6, $6) on conflict (provider, provider_event_id) do nothing returning id`,
        [e.id, e.provider, e.providerEventId, e.type, e.payload as Param, e.now],
      );
      if (inserted) return { id: String(inserted['id']), duplicate: false };
      const existing = await first('select id from billing_webhook_events where provider = $1 and provider_event_id = $2', [e.provider, e.providerEventId]);
      if (!existing) throw new Error('webhook event vanished');
      return { id: String(existing['id']), duplicate: true };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
