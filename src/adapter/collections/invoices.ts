/**
 * `invoices` (docs/contract.md §4.6, docs/contract.md §E2-3): an invoice and its lines are written in
 * one transaction together with the advance of the livemode's invoice-number counter; versioned;
 * no delete. Lines live in `billing_invoice_lines` with a `position` that keeps input order.
 * Payments applied to an invoice are recorded in `billing_invoice_payments` (`applyPayment`).
 */
import {
  type QZPayCreateInvoiceLineInput,
  type QZPayDrizzleStorage,
  type QZPayInvoice,
  type QZPayInvoiceLine,
  type QZPayInvoicePayment,
  type QZPayStoredInvoice,
  QZPayEntityNotFoundError,
  QZPayPaymentNotApplicableError,
  QZPayValidationError,
} from '../../contract/index.js';
import { asc, desc, eq, increment, inList, jsonMerge } from '../../repositories/conditions.js';
import { listing, setDefined, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { nonNegativeInteger, positiveInteger } from './input-checks.js';
import { createInvoiceNumberAllocator } from './invoice-numbers.js';

type Row = RowFor<'invoices'>;
type LineRow = RowFor<'invoiceLines'>;
type PaymentRow = RowFor<'invoicePayments'>;

/**
 * Lines of many invoices are read with one `invoice_id IN (...)` query; chunks stay far below
 * every dialect's bound-parameter limit (SQLite 32766, PostgreSQL and MySQL 65535), so a
 * 10000-invoice page is still one query.
 */
const MAX_IDS_PER_QUERY = 16_384;

const newestFirst = { orderBy: [desc('createdAt'), desc('id')] };

export function toInvoiceLine(row: LineRow): QZPayInvoiceLine {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    description: row.description,
    quantity: row.quantity,
    unitAmount: row.unitAmount,
    amount: row.amount,
    priceId: row.priceId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    metadata: row.metadata,
  };
}

export function toInvoice(row: Row, lines: readonly LineRow[]): QZPayStoredInvoice {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    subscriptionId: row.subscriptionId,
    status: row.status,
    currency: row.currency,
    subtotal: row.subtotal,
    tax: row.tax,
    discount: row.discount,
    total: row.total,
    amountPaid: row.amountPaid,
    amountDue: row.amountDue,
    dueDate: row.dueDate,
    paidAt: row.paidAt,
    voidedAt: row.voidedAt,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    lines: lines.map(toInvoiceLine),
    providerInvoiceIds: row.providerInvoiceIds,
    metadata: row.metadata,
    livemode: row.livemode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function toInvoicePayment(row: PaymentRow): QZPayInvoicePayment {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    paymentId: row.paymentId,
    amountApplied: row.amountApplied,
    currency: row.currency,
    appliedAt: row.appliedAt,
    livemode: row.livemode,
  };
}

/** Statuses whose money is settled with the customer; `partially_refunded` still has some left. */
const APPLICABLE_PAYMENT_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'partially_refunded']);

/** The payment must be settled money of the invoice's own customer, mode and currency. */
function checkApplicable(payment: RowFor<'payments'>, invoice: Row): void {
  const id = payment.id;
  if (!APPLICABLE_PAYMENT_STATUSES.has(payment.status)) {
    throw new QZPayPaymentNotApplicableError('payment_not_succeeded', `payment ${id} is ${payment.status}, not succeeded`);
  }
  if (payment.customerId !== invoice.customerId) {
    throw new QZPayPaymentNotApplicableError('customer_mismatch', `payment ${id} belongs to another customer than invoice ${invoice.id}`);
  }
  if (payment.livemode !== invoice.livemode) {
    const mode = (live: boolean): string => (live ? 'live' : 'test');
    throw new QZPayPaymentNotApplicableError('livemode_mismatch', `payment ${id} is ${mode(payment.livemode)} mode, invoice ${invoice.id} is ${mode(invoice.livemode)} mode`);
  }
  if (payment.currency !== invoice.currency) {
    throw new QZPayPaymentNotApplicableError('currency_mismatch', `payment currency ${payment.currency} differs from invoice currency ${invoice.currency}`);
  }
}

// ---- input checks: the line input is not a column, and is checked whole before the invoice ---
// number is drawn; the invoice's own columns (status, currency, money, ids) are values.ts's.

/** Checked before multiplying/summing, so an overflow is reported instead of stored rounded. */
function safeTotal(field: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new QZPayValidationError(field, 'exceeds 2^53-1 minor units');
  return value;
}

function checkLines(lines: unknown): QZPayCreateInvoiceLineInput[] {
  if (!Array.isArray(lines)) throw new QZPayValidationError('lines', 'must be an array');
  return lines.map((line: unknown, i) => {
    if (typeof line !== 'object' || line === null) throw new QZPayValidationError(`lines[${i}]`, 'must be an object');
    const { description, quantity, unitAmount, priceId } = line as Record<string, unknown>;
    if (typeof description !== 'string') throw new QZPayValidationError(`lines[${i}].description`, 'must be a string');
    if (priceId !== undefined && typeof priceId !== 'string') {
      throw new QZPayValidationError(`lines[${i}].priceId`, 'must be a string');
    }
    return {
      description,
      quantity: nonNegativeInteger(`lines[${i}].quantity`, quantity),
      unitAmount: nonNegativeInteger(`lines[${i}].unitAmount`, unitAmount),
      ...(priceId === undefined ? {} : { priceId }),
    };
  });
}

/** The keys `update` applies (contract §4.6); anything else (`id`, `lines`, `number`, ...) is ignored. */
function updatePatch(input: Partial<QZPayInvoice>, now: Date): Patch<'invoices'> {
  const patch: Patch<'invoices'> = { updatedAt: now };
  setDefined(patch, input, ['status', 'currency', 'subscriptionId', 'metadata']);
  setDefined(patch, input, ['subtotal', 'tax', 'discount', 'total', 'amountPaid', 'amountDue']);
  setDefined(patch, input, ['dueDate', 'paidAt', 'voidedAt', 'periodStart', 'periodEnd']);
  // Merged key by key in one statement: concurrent links of different providers all survive.
  if (input.providerInvoiceIds !== undefined) {
    patch.providerInvoiceIds = jsonMerge(input.providerInvoiceIds);
  }
  return patch;
}

export function createInvoices(env: CollectionEnv): QZPayDrizzleStorage['invoices'] {
  const repo = env.repos.invoices;
  const lineRepo = env.repos.invoiceLines;
  const paymentRepo = env.repos.invoicePayments;
  const numbers = createInvoiceNumberAllocator(env);

  /**
   * Writes that must vanish together on failure run in `executor.isolated`: inside a caller's
   * transaction a savepoint, so a failed create rolls its number back even when the caller catches
   * the error and commits (and PostgreSQL's transaction stays usable); outside one, the library's
   * own transaction, re-run when it loses a deadlock (a Galera certification conflict on the counter).
   */
  const savepoint = <T>(fn: () => Promise<T>): Promise<T> => env.executor.isolated(fn);

  /** Lines of the given invoices in creation order, grouped by invoice id. */
  async function linesOf(ids: readonly string[]): Promise<Map<string, LineRow[]>> {
    const byInvoice = new Map<string, LineRow[]>();
    for (let start = 0; start < ids.length; start += MAX_IDS_PER_QUERY) {
      const chunk = ids.slice(start, start + MAX_IDS_PER_QUERY);
      const rows = await lineRepo.findMany([inList('invoiceId', chunk)], {
        orderBy: [asc('invoiceId'), asc('position')],
      });
      for (const row of rows) {
        const list = byInvoice.get(row.invoiceId);
        if (list) list.push(row);
        else byInvoice.set(row.invoiceId, [row]);
      }
    }
    return byInvoice;
  }

  async function withLines(rows: readonly Row[]): Promise<QZPayStoredInvoice[]> {
    if (rows.length === 0) return [];
    const lines = await linesOf(rows.map((row) => row.id));
    return rows.map((row) => toInvoice(row, lines.get(row.id) ?? []));
  }

  async function withOwnLines(row: Row): Promise<QZPayStoredInvoice> {
    return toInvoice(row, (await linesOf([row.id])).get(row.id) ?? []);
  }

  return {
    async create(input) {
      const lines = checkLines(input.lines);
      const now = env.now();
      const lineRows: LineRow[] = lines.map((line, position) => ({
        id: env.newId(),
        invoiceId: input.id,
        position,
        description: line.description,
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        amount: safeTotal(`lines[${position}].amount`, line.quantity * line.unitAmount),
        priceId: line.priceId ?? null,
        periodStart: null,
        periodEnd: null,
        metadata: {},
      }));
      const subtotal = safeTotal('subtotal', lineRows.reduce((sum, line) => sum + line.amount, 0));
      await numbers.prepare();
      return savepoint(async () => {
        const row: Row = {
          id: input.id,
          number: await numbers.next(),
          customerId: input.customerId,
          subscriptionId: input.subscriptionId ?? null,
          status: 'draft',
          // The input has no currency (contract §4.6; DRZ's lower-case 'usd' is a defect).
          currency: 'USD',
          subtotal,
          tax: 0,
          discount: 0,
          total: subtotal,
          amountPaid: 0,
          amountDue: subtotal,
          dueDate: input.dueDate ?? null,
          paidAt: null,
          voidedAt: null,
          periodStart: null,
          periodEnd: null,
          providerInvoiceIds: {},
          metadata: input.metadata ?? {},
          livemode: env.livemode,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        const stored = await repo.insert(row);
        // All lines in one multi-row statement: one round trip, not one per line.
        return toInvoice(stored, await lineRepo.insertAll(lineRows));
      });
    },

    async update(id, input, options) {
      // No side effects (contract §4.6): 'void' stamps no voidedAt, 'paid' moves no amounts.
      const row = await updateById(repo, id, updatePatch(input, env.now()), { expectedVersion: options?.expectedVersion });
      return withOwnLines(row);
    },

    async findById(id) {
      const row = await repo.findOne([eq('id', id)]);
      return row ? withOwnLines(row) : null;
    },

    async findByCustomerId(customerId) {
      return withLines(await repo.findMany([eq('customerId', customerId)], newestFirst));
    },

    // list (§2.3) and listPage (keyset): lines for the whole page in one query.
    ...listing(repo, { where: [eq('livemode', env.livemode)] }, withLines),

    async applyPayment({ invoiceId, paymentId, amount }) {
      positiveInteger('amount', amount, '(minor units)');
      return savepoint(async () => {
        // Locked first: concurrent applications to one invoice queue here and see each other's result.
        const invoice = await repo.findOne([eq('id', invoiceId)], { forUpdate: true });
        if (!invoice) throw new QZPayEntityNotFoundError(repo.entityType, invoiceId);
        if (invoice.status === 'void') throw new QZPayValidationError('invoiceId', `invoice ${invoiceId} is void`);
        if (amount > invoice.amountDue) {
          throw new QZPayValidationError('amount', `${amount} exceeds the amount due on the invoice (${invoice.amountDue})`);
        }
        // Then the payment (always in this order, so two applications cannot deadlock; refunds
        // take the same payment lock): one payment spread over several invoices can never be
        // applied beyond what is left of it.
        const payment = await env.repos.payments.findOne([eq('id', paymentId)], { forUpdate: true });
        if (!payment) throw new QZPayEntityNotFoundError(env.repos.payments.entityType, paymentId);
        checkApplicable(payment, invoice);
        const [alreadyApplied, refunded] = [
          await paymentRepo.sum('amountApplied', [eq('paymentId', paymentId)]),
          // Pending refunds count too: that money is on its way back to the customer.
          await env.repos.refunds.sum('amount', [eq('paymentId', paymentId), inList('status', ['pending', 'succeeded'])]),
        ];
        const available = payment.amount - refunded - alreadyApplied;
        if (amount > available) {
          throw new QZPayPaymentNotApplicableError(
            'exceeds_available',
            `${amount} exceeds what is left of payment ${paymentId} (${Math.max(available, 0)}: amount ${payment.amount}, refunded ${refunded}, applied ${alreadyApplied})`,
          );
        }
        const now = env.now();
        await paymentRepo.insert({
          id: env.newId(),
          invoiceId,
          paymentId,
          amountApplied: amount,
          currency: invoice.currency,
          appliedAt: now,
          // The invoice's mode, not the adapter's: the record belongs to the invoice it settles.
          livemode: invoice.livemode,
        });
        const settled = invoice.amountDue - amount === 0;
        const patch: Patch<'invoices'> = {
          amountPaid: increment(amount),
          amountDue: increment(-amount),
          updatedAt: now,
          ...(settled ? { status: 'paid' as const, paidAt: now } : {}),
        };
        return withOwnLines(await updateById(repo, invoiceId, patch));
      });
    },

    async findPayments(invoiceId) {
      const rows = await paymentRepo.findMany([eq('invoiceId', invoiceId)], { orderBy: [asc('appliedAt'), asc('id')] });
      return rows.map(toInvoicePayment);
    },
  };
}
