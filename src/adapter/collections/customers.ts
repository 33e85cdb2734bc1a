/** `customers` (docs/contract.md §4.1): soft-deleted, versioned, case-insensitive email lookup. */
import type { QZPayCustomer, QZPayMetadata, QZPaySavedCard } from '../../contract/entities.js';
import type { Versioned } from '../../contract/extensions.js';
import { asc, eq, isNull, jsonMerge } from '../../repositories/conditions.js';
import { listing, setDefined, softDeletable, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { QZPayDrizzleStorage } from '../../contract/extensions.js';
import { foldCase } from '../../repositories/values.js';
import type { CollectionEnv } from '../env.js';
import { string } from './input-checks.js';

type Row = RowFor<'customers'>;

/** Saved cards carry a Date inside JSON: stored as ISO text, revived on the way out. */
function reviveCards(stored: unknown): QZPaySavedCard[] {
  return (stored as Array<QZPaySavedCard & { createdAt: string | Date }>).map((card) => ({
    ...card,
    createdAt: new Date(card.createdAt),
  }));
}

export function toCustomer(row: Row): Versioned<QZPayCustomer> {
  return {
    id: row.id,
    externalId: row.externalId,
    email: row.email,
    name: row.name,
    phone: row.phone,
    providerCustomerIds: row.providerCustomerIds,
    ...(row.savedCards === null ? {} : { savedCards: reviveCards(row.savedCards) }),
    metadata: row.metadata as QZPayMetadata,
    livemode: row.livemode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    version: row.version,
  };
}

export function createCustomers(env: CollectionEnv): QZPayDrizzleStorage['customers'] {
  const repo = env.repos.customers;
  const live = [eq('livemode', env.livemode), isNull('deletedAt')];
  const oldestFirst = { orderBy: [asc('createdAt'), asc('id')] };

  return {
    async create(input) {
      const now = env.now();
      const row: Row = {
        id: env.newId(),
        externalId: input.externalId,
        email: input.email,
        emailLower: foldCase(string('email', input.email)),
        name: input.name ?? null,
        phone: input.phone ?? null,
        providerCustomerIds: {},
        savedCards: null,
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        version: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      return toCustomer(await repo.insert(row));
    },

    async update(id, input, options) {
      const patch: Patch<'customers'> = { updatedAt: env.now() };
      setDefined(patch, input, ['email', 'name', 'phone', 'metadata', 'savedCards']);
      // Merged key by key in one statement: concurrent links of different providers all survive.
      if (input.providerCustomerIds !== undefined) patch.providerCustomerIds = jsonMerge(input.providerCustomerIds);
      const row = await updateById(repo, id, patch, { softDeleted: true, expectedVersion: options?.expectedVersion });
      return toCustomer(row);
    },

    ...softDeletable(repo, env.now, toCustomer),

    async findByExternalId(externalId) {
      const row = await repo.findOne([eq('externalId', externalId), ...live], oldestFirst);
      return row ? toCustomer(row) : null;
    },

    async findByEmail(email) {
      const row = await repo.findOne([eq('emailLower', foldCase(string('email', email))), ...live], oldestFirst);
      return row ? toCustomer(row) : null;
    },

    ...listing(repo, { where: live }, (rows) => rows.map(toCustomer)),
  };
}
