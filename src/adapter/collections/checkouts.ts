/**
 * `checkouts` (STORAGE-CONTRACT §4.14, §3.13): sessions are stored exactly as core built them
 * (its id, its livemode, its timestamps); no delete, no `updatedAt`, not versioned.
 */
import {
  QZPAY_CHECKOUT_MODES,
  QZPAY_CHECKOUT_SESSION_STATUSES,
  QZPAY_CURRENCIES,
  QZPayValidationError,
  type QZPayCheckoutSession,
  type QZPayCheckoutStorage,
} from '../../contract/index.js';
import { desc, eq, jsonMerge } from '../../repositories/conditions.js';
import { listing, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { QZPayDrizzleStorage } from '../../contract/extensions.js';
import type { CollectionEnv } from '../env.js';

type Row = RowFor<'checkouts'>;

/** The columns an update may write: every field of the session but `id` (§4.14). */
const UPDATABLE = [
  'customerId',
  'customerEmail',
  'mode',
  'status',
  'currency',
  'lineItems',
  'successUrl',
  'cancelUrl',
  'expiresAt',
  'paymentId',
  'subscriptionId',
  'providerSessionIds',
  'metadata',
  'livemode',
  'createdAt',
  'completedAt',
] as const satisfies ReadonlyArray<keyof QZPayCheckoutSession & keyof Row>;

export function toCheckout(row: Row): QZPayCheckoutSession {
  return {
    id: row.id,
    customerId: row.customerId,
    customerEmail: row.customerEmail,
    mode: row.mode,
    status: row.status,
    currency: row.currency,
    lineItems: row.lineItems,
    successUrl: row.successUrl,
    cancelUrl: row.cancelUrl,
    expiresAt: row.expiresAt,
    paymentId: row.paymentId,
    subscriptionId: row.subscriptionId,
    providerSessionIds: row.providerSessionIds,
    metadata: row.metadata,
    livemode: row.livemode,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}

function fail(field: string, message: string): never {
  throw new QZPayValidationError(field, message);
}

function oneOf(field: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) fail(field, `must be one of ${allowed.join(', ')}`);
}

/**
 * Checks what the columns cannot: union literals, the line-item array, and provider ids that a
 * SQL merge could corrupt. Lengths, dates, booleans and JSON-ability are checked on write.
 */
function validate(session: Partial<QZPayCheckoutSession>): void {
  if (session.mode !== undefined) oneOf('mode', session.mode, QZPAY_CHECKOUT_MODES);
  if (session.status !== undefined) oneOf('status', session.status, QZPAY_CHECKOUT_SESSION_STATUSES);
  if (session.currency !== undefined) oneOf('currency', session.currency, QZPAY_CURRENCIES);
  if (session.lineItems !== undefined && !Array.isArray(session.lineItems)) fail('lineItems', 'must be an array');
  const ids: unknown = session.providerSessionIds;
  if (ids !== undefined) {
    if (typeof ids !== 'object' || ids === null || Array.isArray(ids)) fail('providerSessionIds', 'must be an object of strings');
    for (const [key, id] of Object.entries(ids)) {
      if (typeof id !== 'string') fail(`providerSessionIds.${key}`, 'must be a string');
    }
  }
}

/** A deep copy as a later read returns it: nothing shared with the caller, `undefined` keys gone. */
function asStored(row: Row): Row {
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    ...row,
    lineItems: json(row.lineItems),
    providerSessionIds: json(row.providerSessionIds),
    metadata: json(row.metadata),
    expiresAt: new Date(row.expiresAt.getTime()),
    createdAt: new Date(row.createdAt.getTime()),
    completedAt: row.completedAt === null ? null : new Date(row.completedAt.getTime()),
  };
}

export function createCheckouts(env: CollectionEnv): QZPayDrizzleStorage['checkouts'] {
  const repo = env.repos.checkouts;
  const newestFirst = { orderBy: [desc('createdAt'), desc('id')] };

  return {
    async create(session) {
      validate(session);
      // Every value as supplied (livemode included, §6.1): nothing is filled in or changed.
      const row: Row = {
        id: session.id,
        customerId: session.customerId,
        customerEmail: session.customerEmail,
        mode: session.mode,
        status: session.status,
        currency: session.currency,
        lineItems: session.lineItems,
        successUrl: session.successUrl,
        cancelUrl: session.cancelUrl,
        expiresAt: session.expiresAt,
        paymentId: session.paymentId,
        subscriptionId: session.subscriptionId,
        providerSessionIds: session.providerSessionIds,
        metadata: session.metadata,
        livemode: session.livemode,
        createdAt: session.createdAt,
        completedAt: session.completedAt,
      };
      await repo.insert(row);
      return toCheckout(asStored(row));
    },

    async update(id, input) {
      validate(input);
      const patch: Patch<'checkouts'> = {};
      const values = patch as Record<string, unknown>;
      for (const key of UPDATABLE) {
        if (input[key] !== undefined) values[key] = input[key];
      }
      // Merged in the UPDATE: a provider link never drops another provider's session id.
      if (input.providerSessionIds !== undefined) patch.providerSessionIds = jsonMerge(input.providerSessionIds);
      // No timestamp is bumped: the session type has no `updatedAt`. An empty patch resolves the row.
      return toCheckout(await updateById(repo, id, patch));
    },

    async findById(id) {
      const row = await repo.findOne([eq('id', id)]);
      return row ? toCheckout(row) : null;
    },

    async findByCustomerId(customerId) {
      // Open, complete and expired alike, any livemode (§6.2).
      const rows = await repo.findMany([eq('customerId', customerId)], newestFirst);
      return rows.map(toCheckout);
    },

    // Scoped to the adapter's livemode, compared with the livemode each session was stored with.
    ...listing(repo, { where: [eq('livemode', env.livemode)] }, (rows) => rows.map(toCheckout)),
  };
}
