/**
 * `checkouts` (docs/contract.md §4.14, §3.13): sessions are stored exactly as core built them
 * (its id, its livemode, its timestamps); no delete, no `updatedAt`, not versioned.
 */
import type { QZPayCheckoutSession } from '../../contract/index.js';
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


export function createCheckouts(env: CollectionEnv): QZPayDrizzleStorage['checkouts'] {
  const repo = env.repos.checkouts;
  const newestFirst = { orderBy: [desc('createdAt'), desc('id')] };

  return {
    async create(session) {
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
      return toCheckout(await repo.insert(row));
    },

    async update(id, input) {
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
