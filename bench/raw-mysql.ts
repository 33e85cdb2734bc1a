/**
 * The raw mysql2 baseline, on its own pool configured like the adapter's (UTC): the adapter's
 * statement texts through `execute` (mysql2 prepares each text once per connection and reuses
 * it), parameters as plain JS values (Date, boolean, JSON text), transactions on one pooled
 * connection with BEGIN ... COMMIT as text queries (MySQL refuses them as prepared statements).
 * Rows in the driver's default shape (objects); no mapping on top.
 */
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { ENTITLEMENT_KEY, expectShape, INVOICE_LINES, LIMIT_KEY, WEBHOOK_PAYLOAD, invoiceNumber, type OpName, type Tag, type Trace } from './ops.js';
import { type Fixtures, inputs } from './setup.js';
import type { Op } from './stats.js';

type Pool = mysql.Pool;
type Queryable = Pool | mysql.PoolConnection;
type Row = Record<string, unknown>;
type Params = Parameters<Pool['execute']>[1];

export function openRawMysql(url: string, poolSize: number): Pool {
  const pool = mysql.createPool({ uri: url, connectionLimit: poolSize, timezone: 'Z', charset: 'utf8mb4' });
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
  });
  return pool;
}

export async function rows(on: Queryable, text: string, params: Params): Promise<Row[]> {
  const [result] = await on.execute(text, params);
  return result as Row[];
}

async function affected(on: Queryable, text: string, params: Params): Promise<number> {
  const [result] = await on.execute(text, params);
  return (result as mysql.ResultSetHeader).affectedRows;
}

/** BEGIN … COMMIT on one pooled connection (text queries: MySQL refuses them prepared). */
export async function inTransaction<T>(pool: Pool, fn: (conn: mysql.PoolConnection) => Promise<T>): Promise<T> {
  const conn = await pool.getConnection();
  try {
    await conn.query('BEGIN');
    const result = await fn(conn);
    await conn.query('COMMIT');
    return result;
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
}

export function rawMysqlOps(pool: Pool, traces: Record<OpName, Trace>, fixtures: Fixtures, tag: Tag = 'r'): Record<OpName, Op> {
  const [insertCustomer] = expectShape(traces, 'customers.create', 1, false);
  const [findCustomer] = expectShape(traces, 'customers.findById', 1, false);
  // No UPDATE ... RETURNING on MariaDB: update, then re-select in the same transaction.
  const [updateCustomer, reselectCustomer] = expectShape(traces, 'customers.update', 2, true);
  const [findSubscriptions] = expectShape(traces, 'subscriptions.findByCustomerId', 1, false);
  const [incrementPromo, reselectPromo] = expectShape(traces, 'promoCodes.atomicIncrementRedemptions', 2, true);
  const [lockPayment, insertRefund] = expectShape(traces, 'payments.createRefund', 2, true);
  const [nextNumber, readNumber, insertInvoice, insertLines] = expectShape(traces, 'invoices.create', 4, true);
  const [listCustomers, countCustomers] = expectShape(traces, 'customers.list', 2, false);
  const [countGrants] = expectShape(traces, 'entitlements.check', 1, false);
  const [incrementLimit, reselectLimit] = expectShape(traces, 'limits.increment', 2, true);
  const [insertWebhook] = expectShape(traces, 'webhookEvents.record', 1, false);

  const { reader, writer, billed, subscribed, promo, payment, entitled, limited } = inputs(fixtures);
  let n = 0;

  return {
    'customers.create': async () => {
      const key = `bench_${tag}_${n++}`;
      const email = `${key}@Bench.example`;
      const now = new Date();
      const id = randomUUID();
      await pool.execute(insertCustomer!, [id, key, email, email.toLowerCase(), 'Bench', null, JSON.stringify({}), null, JSON.stringify({}), true, 1, now, now, null]);
      return id;
    },
    'customers.findById': async () => (await rows(pool, findCustomer!, [reader(), 1]))[0] ?? null,
    'customers.update': () => {
      const id = writer();
      const name = n++ % 2 === 0 ? 'Renamed A' : 'Renamed B';
      return inTransaction(pool, async (conn) => {
        if ((await affected(conn, updateCustomer!, [name, new Date(), id])) === 0) return null;
        return (await rows(conn, reselectCustomer!, [id, 1]))[0] ?? null;
      });
    },
    'subscriptions.findByCustomerId': () => rows(pool, findSubscriptions!, [subscribed()]),
    'promoCodes.atomicIncrementRedemptions': () => {
      const id = promo();
      return inTransaction(pool, async (conn) => {
        if ((await affected(conn, incrementPromo!, [1, new Date(), id])) === 0) return null;
        return (await rows(conn, reselectPromo!, [id, 1]))[0] ?? null;
      });
    },
    'payments.createRefund': () => {
      const paymentId = payment();
      return inTransaction(pool, async (conn) => {
        await rows(conn, lockPayment!, [paymentId]);
        try {
          await conn.execute(insertRefund!, [randomUUID(), paymentId, 1, 'USD', 'succeeded', null, `re_${tag}_${n++}`, true, JSON.stringify({}), new Date()]);
        } catch (error) {
          // Idempotent on the provider refund id, as the adapter: a duplicate is not an error.
          if ((error as { errno?: number }).errno !== 1062) throw error;
        }
      });
    },
    'invoices.create': () => {
      const customerId = billed();
      return inTransaction(pool, async (conn) => {
        await affected(conn, nextNumber!, [1, 'invoice:live']);
        const [counter] = await rows(conn, readNumber!, ['invoice:live', 1]);
        const now = new Date();
        const id = randomUUID();
        const amounts = INVOICE_LINES.map((l) => l.quantity * l.unitAmount);
        const subtotal = amounts.reduce((a, b) => a + b, 0);
        await conn.execute(insertInvoice!, [
          id, invoiceNumber(Number(counter!['value'])), customerId, null, 'draft', 'USD', subtotal, 0, 0, subtotal, 0, subtotal,
          null, null, null, null, null, JSON.stringify({}), JSON.stringify({}), true, 1, now, now,
        ]);
        await conn.execute(
          insertLines!,
          INVOICE_LINES.flatMap((line, position) => [randomUUID(), id, position, line.description, line.quantity, line.unitAmount, amounts[position]!, null, null, null, JSON.stringify({})]),
        );
        return id;
      });
    },
    'customers.list': async () => {
      // The adapter sends the page and the count at once (two pooled connections); so does this.
      const [data, count] = await Promise.all([rows(pool, listCustomers!, [true, 20, 0]), rows(pool, countCustomers!, [true])]);
      const total = Number(Object.values(count[0]!)[0]);
      return { data, total, limit: 20, offset: 0, hasMore: data.length < total };
    },
    'entitlements.check': async () => Number(Object.values((await rows(pool, countGrants!, [entitled(), ENTITLEMENT_KEY, new Date()]))[0]!)[0]) > 0,
    'limits.increment': () => {
      const customerId = limited();
      return inTransaction(pool, async (conn) => {
        const updated = await affected(conn, incrementLimit!, [1, new Date(), customerId, LIMIT_KEY, Number.MAX_SAFE_INTEGER - 1]);
        const row = updated === 0 ? undefined : (await rows(conn, reselectLimit!, [customerId, LIMIT_KEY, 1]))[0];
        if (!row) throw new Error(`limit ${customerId}/${LIMIT_KEY} not found`);
        return row;
      });
    },
    'webhookEvents.record': async () => {
      const now = new Date();
      const id = randomUUID();
      await pool.execute(insertWebhook!, [id, 'stripe', `evt_${tag}_${n++}`, 'invoice.paid', JSON.stringify(WEBHOOK_PAYLOAD), 'received', 0, null, null, now, null, true, now, now]);
      return id;
    },
  };
}
