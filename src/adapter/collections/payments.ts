/**
 * `payments` (docs/contract.md §4.4): payments are written whole by core (id, status, livemode and
 * timestamps are the caller's), never deleted, versioned. The same collection owns the refund
 * ledger (`billing_refunds`): one append-only row per settled refund event, deduplicated on the
 * provider refund id by a unique index so a webhook racing the API response is counted once.
 */
import {
  type QZPayCreateRefundInput,
  type QZPayDrizzleStorage,
  type QZPayPayment,
  QZPayValidationError,
  type Versioned,
} from '../../contract/index.js';
import { desc, eq, jsonMerge } from '../../repositories/conditions.js';
import { listing, setDefined, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';

type Row = RowFor<'payments'>;

/** The unique index that makes `createRefund` idempotent (schema/tables/refunds.ts). */
const REFUND_PROVIDER_ID_INDEX = 'billing_refunds_provider_refund_id_uq';

const newestFirst = { orderBy: [desc('createdAt'), desc('id')] };

export function toPayment(row: Row): Versioned<QZPayPayment> {
  return {
    id: row.id,
    customerId: row.customerId,
    subscriptionId: row.subscriptionId,
    invoiceId: row.invoiceId,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    paymentMethodId: row.paymentMethodId,
    providerPaymentIds: row.providerPaymentIds,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    metadata: row.metadata,
    livemode: row.livemode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/**
 * The update patch from every supplied key (§4.4). `id`, `createdAt`, `version` and unknown keys
 * are ignored; a supplied `updatedAt` too, since every write stamps the adapter's now (§2.7.8).
 */
function paymentPatch(input: Partial<QZPayPayment>, now: Date): Patch<'payments'> {
  const patch: Patch<'payments'> = { updatedAt: now };
  setDefined(patch, input, ['customerId', 'subscriptionId', 'invoiceId', 'amount', 'currency', 'status', 'paymentMethodId', 'failureCode', 'failureMessage', 'metadata', 'livemode']);
  // Merged key by key in the UPDATE itself (§2.7.5): concurrent links of two providers both survive.
  if (input.providerPaymentIds !== undefined) patch.providerPaymentIds = jsonMerge(input.providerPaymentIds);
  return patch;
}

export function createPayments(env: CollectionEnv): QZPayDrizzleStorage['payments'] {
  const repo = env.repos.payments;
  const refunds = env.repos.refunds;

  return {
    async create(payment) {
      const row: Row = {
        id: payment.id,
        customerId: payment.customerId,
        subscriptionId: payment.subscriptionId ?? null,
        invoiceId: payment.invoiceId ?? null,
        amount: payment.amount,
        currency: payment.currency,
        status: payment.status,
        paymentMethodId: payment.paymentMethodId ?? null,
        providerPaymentIds: payment.providerPaymentIds ?? {},
        failureCode: payment.failureCode ?? null,
        failureMessage: payment.failureMessage ?? null,
        metadata: payment.metadata ?? {},
        // The caller's livemode and timestamps, not the adapter's (§4.4, §6.1).
        livemode: payment.livemode,
        version: 1,
        createdAt: payment.createdAt,
        updatedAt: payment.updatedAt,
      };
      return toPayment(await repo.insert(row));
    },

    async update(id, input, options) {
      const row = await updateById(repo, id, paymentPatch(input, env.now()), { expectedVersion: options?.expectedVersion });
      return toPayment(row);
    },

    async findById(id) {
      const row = await repo.findOne([eq('id', id)]);
      return row ? toPayment(row) : null;
    },

    async findByCustomerId(customerId) {
      // Every row, any livemode (§6.2): core counts across all of a customer's payments.
      return (await repo.findMany([eq('customerId', customerId)], newestFirst)).map(toPayment);
    },

    // list (§2.3, no clamp: core asks for 10000 rows) and listPage (keyset), scoped to livemode.
    ...listing(repo, { where: [eq('livemode', env.livemode)] }, (rows) => rows.map(toPayment)),

    async createRefund(input: QZPayCreateRefundInput) {
      const providerRefundId = input.providerRefundId ?? null;
      // An empty id would deduplicate every later empty-id refund into the first one.
      if (providerRefundId === '') throw new QZPayValidationError('providerRefundId', 'must not be empty');
      const row: RowFor<'refunds'> = {
        id: env.newId(),
        paymentId: input.paymentId,
        amount: input.amount,
        currency: input.currency,
        status: input.status,
        reason: input.reason ?? null,
        providerRefundId,
        livemode: input.livemode,
        metadata: input.metadata ?? {},
        createdAt: env.now(),
      };
      // The unique index, not a lookup, is the guarantee: two racing calls cannot both insert.
      // Local-only refunds (no provider id) carry nothing to deduplicate on: each is its own event.
      const write = () => (providerRefundId === null ? refunds.insert(row) : refunds.insertIgnoringConflict(row, REFUND_PROVIDER_ID_INDEX));
      if (!refunds.duplicateChecksHoldLocks) {
        // One statement, atomic by itself (PostgreSQL, SQLite).
        await write();
        return;
      }
      await env.atomic(async () => {
        // MySQL: refund writes of one payment queue on its row lock first. Without it, the
        // duplicate-key check leaves shared next-key locks behind, and two host transactions that
        // replay the same refund and then write another ledger row deadlock on each other's gap
        // locks (measured).
        await repo.lock([eq('id', row.paymentId)]);
        await write();
      });
    },

    async getTotalRefundedAmount(paymentId) {
      // Settled events only (§4.4; upstream DRZ summed every status): pending or failed refunds returned no money.
      return refunds.sum('amount', [eq('paymentId', paymentId), eq('status', 'succeeded')]);
    },

    async hasRefundForProviderRefundId(providerRefundId) {
      return (await refunds.findOne([eq('providerRefundId', providerRefundId)])) !== null;
    },
  };
}
