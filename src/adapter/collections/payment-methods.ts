/**
 * `paymentMethods` (docs/contract.md §4.5): soft-deleted, not versioned. Billing details are
 * always stored complete (missing keys null) so the returned type holds; updates merge them key
 * by key under a row lock; `setDefault` verifies its target before touching any flag.
 */
import {
  type QZPayBillingAddress,
  type QZPayBillingDetails,
  type QZPayDrizzleStorage,
  type QZPayPaymentMethod,
  QZPayEntityNotFoundError,
  QZPayValidationError,
} from '../../contract/index.js';
import { desc, eq, isNull, ne } from '../../repositories/conditions.js';
import { listing, setDefined, softDeletable, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { isPlainObject } from './input-checks.js';

type Row = RowFor<'paymentMethods'>;

const DETAIL_KEYS = ['name', 'email', 'phone'] as const;
const ADDRESS_KEYS = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;
const EMPTY_DETAILS: QZPayBillingDetails = { name: null, email: null, phone: null, address: null };

const newestFirst = { orderBy: [desc('createdAt'), desc('id')] };

export function toPaymentMethod(row: Row): QZPayPaymentMethod {
  return {
    id: row.id,
    customerId: row.customerId,
    type: row.type,
    status: row.status,
    isDefault: row.isDefault,
    card: row.card,
    bankAccount: row.bankAccount,
    billingDetails: row.billingDetails,
    providerPaymentMethodIds: row.providerPaymentMethodIds,
    metadata: row.metadata,
    livemode: row.livemode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

// ---- input checks: values.ts validates columns, not the shape inside a JSON column -----------

function textOrNull(field: string, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw new QZPayValidationError(field, 'must be a string or null');
  return value;
}

/** A complete address: every known key (null when missing); unknown keys dropped. */
function normaliseAddress(value: unknown): QZPayBillingAddress | null {
  if (value === null) return null;
  if (!isPlainObject(value)) throw new QZPayValidationError('billingDetails.address', 'must be an object or null');
  const address = {} as QZPayBillingAddress;
  for (const key of ADDRESS_KEYS) address[key] = textOrNull(`billingDetails.address.${key}`, value[key] ?? null);
  return address;
}

/**
 * Overlays the keys present in `partial` (an explicit null included) on `base`. An `address` key
 * replaces the stored address whole: the contract types it as a complete address, not a partial.
 */
function mergeDetails(base: QZPayBillingDetails, partial: unknown): QZPayBillingDetails {
  if (!isPlainObject(partial)) throw new QZPayValidationError('billingDetails', 'must be an object');
  const merged: QZPayBillingDetails = { ...base };
  for (const key of DETAIL_KEYS) {
    if (partial[key] !== undefined) merged[key] = textOrNull(`billingDetails.${key}`, partial[key]);
  }
  if (partial['address'] !== undefined) merged.address = normaliseAddress(partial['address']);
  return merged;
}

function requiredText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new QZPayValidationError(field, 'must be a non-empty string');
  return value;
}

export function createPaymentMethods(env: CollectionEnv): QZPayDrizzleStorage['paymentMethods'] {
  const repo = env.repos.paymentMethods;
  const notFound = (id: string) => new QZPayEntityNotFoundError(repo.entityType, id);
  /** The per-customer serialisation point of default changes (inside the caller's transaction). */
  const lockCustomer = async (customerId: string) => {
    await env.repos.customers.findOne([eq('id', customerId)], { forUpdate: true });
  };

  return {
    async create(input) {
      // setAsDefault is written to isDefault: checked here so the error names the input field.
      if (input.setAsDefault !== undefined && typeof input.setAsDefault !== 'boolean') {
        throw new QZPayValidationError('setAsDefault', 'must be a boolean');
      }
      const now = env.now();
      const row: Row = {
        id: input.id,
        customerId: input.customerId,
        type: input.type,
        status: 'active',
        // Only this row's flag: core calls setDefault right after to clear the others (§4.5).
        isDefault: input.setAsDefault ?? false,
        card: null,
        bankAccount: null,
        billingDetails: input.billingDetails === undefined ? null : mergeDetails(EMPTY_DETAILS, input.billingDetails),
        providerPaymentMethodIds: {
          [requiredText('provider', input.provider)]: requiredText('providerPaymentMethodId', input.providerPaymentMethodId),
        },
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      const stored = await env.atomic(async () => {
        // The customer lock setDefault takes, taken first here too: a host transaction that adds
        // a method and then makes it the default would otherwise hold the insert's foreign-key
        // share lock on the customer and deadlock with a concurrent one upgrading it (measured on
        // PostgreSQL and MySQL).
        await lockCustomer(row.customerId);
        return repo.insert(row);
      });
      return toPaymentMethod(stored);
    },

    async update(id, input) {
      return env.atomic(async () => {
        const patch: Patch<'paymentMethods'> = { updatedAt: env.now() };
        setDefined(patch, input, ['metadata']);
        if (input.billingDetails !== undefined) {
          // Read-merge-write under a row lock: two concurrent partial updates must both survive.
          const current = await repo.findOne([eq('id', id), isNull('deletedAt')], { forUpdate: true });
          if (!current) throw notFound(id);
          patch.billingDetails = mergeDetails(current.billingDetails ?? EMPTY_DETAILS, input.billingDetails);
        }
        return toPaymentMethod(await updateById(repo, id, patch, { softDeleted: true }));
      });
    },

    ...softDeletable(repo, env.now, toPaymentMethod),

    async findByCustomerId(customerId) {
      return (await repo.findMany([eq('customerId', customerId), isNull('deletedAt')], newestFirst)).map(toPaymentMethod);
    },

    async findDefaultByCustomerId(customerId) {
      // Several flagged rows can exist (create with setAsDefault does not clear others): newest wins.
      const row = await repo.findOne([eq('customerId', customerId), eq('isDefault', true), isNull('deletedAt')], newestFirst);
      return row ? toPaymentMethod(row) : null;
    },

    async setDefault(customerId, paymentMethodId) {
      await env.atomic(async () => {
        // Concurrent setDefault calls of one customer queue on the customer's row, so each later
        // call sees (and clears) the earlier one's flag: exactly one default remains. Locking the
        // customer's payment-method rows instead deadlocks on MySQL (the flag UPDATE inserts
        // secondary-index entries into gaps a queued locking read is waiting for — measured).
        await lockCustomer(customerId);
        // A locking (current) read: a snapshot read could miss a delete committed meanwhile.
        const target = await repo.findOne([eq('id', paymentMethodId), eq('customerId', customerId), isNull('deletedAt')], {
          forUpdate: true,
        });
        // Checked before any write: a bad target leaves the current default untouched (§4.5, #15).
        if (!target) throw notFound(paymentMethodId);
        const now = env.now();
        await repo.update(
          [eq('customerId', customerId), isNull('deletedAt'), eq('isDefault', true), ne('id', paymentMethodId)],
          { isDefault: false, updatedAt: now },
        );
        if (!target.isDefault) await repo.update([eq('id', paymentMethodId)], { isDefault: true, updatedAt: now });
      });
    },

    ...listing(repo, { where: [eq('livemode', env.livemode), isNull('deletedAt')] }, (rows) => rows.map(toPaymentMethod)),
  };
}
