/**
 * `addons` (docs/contract.md §4.13): the add-on catalogue (soft-deleted, versioned, livemode
 * stamped internally) plus the attachments of add-ons to subscriptions, whose removal only marks
 * them `canceled` so billing history keeps them.
 */
import {
  QZPAY_ADD_ON_LIMIT_ACTIONS,
  type QZPayAddOn,
  type QZPayAddOnLimit,
  QZPayEntityNotFoundError,
  QZPayForeignKeyError,
  type QZPayMetadata,
  type QZPaySubscriptionAddOn,
  QZPayValidationError,
  type Versioned,
} from '../../contract/index.js';
import { asc, eq, inList, isNull } from '../../repositories/conditions.js';
import { listing, setDefined, softDeletable, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { QZPayDrizzleStorage } from '../../contract/extensions.js';
import type { CollectionEnv } from '../env.js';
import { oneOf, positiveInteger } from './input-checks.js';

type AddOnRow = RowFor<'addons'>;
type AttachmentRow = RowFor<'subscriptionAddons'>;

/** Entity fields a caller may filter and order `list` on (internal columns stay out). */
const LIST_FIELDS = [
  'id',
  'name',
  'description',
  'active',
  'unitAmount',
  'currency',
  'billingInterval',
  'billingIntervalCount',
  'allowMultiple',
  'maxQuantity',
  'version',
  'createdAt',
  'updatedAt',
] as const;

export function toAddOn(row: AddOnRow): Versioned<QZPayAddOn> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    active: row.active,
    unitAmount: row.unitAmount,
    currency: row.currency,
    billingInterval: row.billingInterval,
    billingIntervalCount: row.billingIntervalCount,
    compatiblePlanIds: row.compatiblePlanIds,
    allowMultiple: row.allowMultiple,
    maxQuantity: row.maxQuantity,
    entitlements: row.entitlements,
    limits: row.limits,
    metadata: row.metadata,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function toSubscriptionAddOn(row: AttachmentRow): QZPaySubscriptionAddOn {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    addOnId: row.addOnId,
    quantity: row.quantity,
    unitAmount: row.unitAmount,
    currency: row.currency,
    status: row.status,
    addedAt: row.addedAt,
    canceledAt: row.canceledAt,
    expiresAt: row.expiresAt,
    // addToSubscription accepts Record<string, unknown>; the entity type names it QZPayMetadata.
    metadata: row.metadata as QZPayMetadata,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

// ---- input checks the columns cannot make (the union, string lists and array shape are theirs) --

/** The keys inside each limit; that `limits` is an array at all is the column's check. */
function addOnLimits(field: string, value: QZPayAddOnLimit[]): QZPayAddOnLimit[] {
  if (!Array.isArray(value)) return value;
  value.forEach((limit: unknown, i) => {
    const l = (typeof limit === 'object' && limit !== null ? limit : {}) as Partial<Record<keyof QZPayAddOnLimit, unknown>>;
    if (typeof l.key !== 'string' || l.key === '') throw new QZPayValidationError(`${field}[${i}].key`, 'must be a non-empty string');
    if (typeof l.value !== 'number' || !Number.isFinite(l.value)) {
      throw new QZPayValidationError(`${field}[${i}].value`, 'must be a finite number');
    }
    oneOf(`${field}[${i}].action`, l.action, QZPAY_ADD_ON_LIMIT_ACTIONS);
  });
  return value;
}

/** Binary (code unit) order: the same on every dialect, unlike each database's collation. */
function byNameThenId(a: AddOnRow, b: AddOnRow): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function createAddons(env: CollectionEnv): QZPayDrizzleStorage['addons'] {
  const repo = env.repos.addons;
  const attachments = env.repos.subscriptionAddons;
  const notDeleted = isNull('deletedAt');
  const activePair = (subscriptionId: string, addOnId: string) => [
    eq('subscriptionId', subscriptionId),
    eq('addOnId', addOnId),
    eq('status', 'active'),
  ];
  const pairNotFound = (subscriptionId: string, addOnId: string) =>
    new QZPayEntityNotFoundError(attachments.entityType, `${subscriptionId}/${addOnId}`);

  return {
    async create(input) {
      const now = env.now();
      const row: AddOnRow = {
        id: input.id,
        name: input.name,
        description: input.description ?? null,
        active: true,
        unitAmount: input.unitAmount,
        currency: input.currency,
        billingInterval: input.billingInterval,
        billingIntervalCount: positiveInteger('billingIntervalCount', input.billingIntervalCount ?? 1),
        compatiblePlanIds: input.compatiblePlanIds ?? [],
        // DRZ's default (MEM says true): an add-on is attached once unless it says otherwise.
        allowMultiple: input.allowMultiple ?? false,
        maxQuantity: input.maxQuantity ?? null,
        entitlements: input.entitlements ?? [],
        limits: addOnLimits('limits', input.limits ?? []),
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        version: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      return toAddOn(await repo.insert(row));
    },

    async update(id, input, options) {
      const patch: Patch<'addons'> = { updatedAt: env.now() };
      setDefined(patch, input, ['name', 'description', 'unitAmount', 'active', 'compatiblePlanIds', 'allowMultiple', 'maxQuantity', 'entitlements', 'metadata']);
      if (input.limits !== undefined) patch.limits = addOnLimits('limits', input.limits);
      const row = await updateById(repo, id, patch, { softDeleted: true, expectedVersion: options?.expectedVersion });
      return toAddOn(row);
    },

    ...softDeletable(repo, env.now, toAddOn, { active: false }),

    async findByPlanId(planId) {
      // "Empty list = every plan" cannot be tested portably in SQL: comparing the JSON column
      // with '[]' is a text comparison on SQLite/MariaDB but a JSON-vs-string comparison on
      // MySQL 8. So the active catalogue is read and compatibility is decided here.
      const rows = await repo.findMany([eq('active', true), notDeleted]);
      return rows
        .filter((row) => row.compatiblePlanIds.length === 0 || row.compatiblePlanIds.includes(planId))
        .sort(byNameThenId)
        .map(toAddOn);
    },

    ...listing(repo, { where: [eq('livemode', env.livemode), notDeleted], fields: LIST_FIELDS }, (rows) => rows.map(toAddOn)),

    async addToSubscription(input) {
      const now = env.now();
      const row: AttachmentRow = {
        id: input.id,
        subscriptionId: input.subscriptionId,
        addOnId: input.addOnId,
        quantity: input.quantity,
        unitAmount: input.unitAmount,
        currency: input.currency,
        status: 'active',
        addedAt: now,
        canceledAt: null,
        expiresAt: null,
        metadata: input.metadata ?? {},
        createdAt: now,
        updatedAt: now,
      };
      return env.atomic(async () => {
        // A soft-deleted add-on or subscription is gone for every read, so attaching to it would
        // leave a row no lookup explains; the foreign keys alone only see that the row exists.
        // Locked so a concurrent delete cannot slip between this check and the insert.
        const addOn = await repo.findOne([eq('id', input.addOnId), notDeleted], { forUpdate: true });
        if (!addOn) throw new QZPayForeignKeyError(attachments.entityType, 'billing_subscription_addons_add_on_id_fk');
        const subscription = await env.repos.subscriptions.findOne([eq('id', input.subscriptionId), notDeleted], {
          forUpdate: true,
        });
        if (!subscription) {
          throw new QZPayForeignKeyError(attachments.entityType, 'billing_subscription_addons_subscription_id_fk');
        }
        return toSubscriptionAddOn(await attachments.insert(row));
      });
    },

    async removeFromSubscription(subscriptionId, addOnId) {
      const now = env.now();
      // One statement: every active attachment of the pair, or none.
      const changed = await attachments.update(activePair(subscriptionId, addOnId), {
        status: 'canceled',
        canceledAt: now,
        updatedAt: now,
      });
      if (changed === 0) throw pairNotFound(subscriptionId, addOnId);
    },

    async updateSubscriptionAddOn(subscriptionId, addOnId, input) {
      const patch: Patch<'subscriptionAddons'> = { updatedAt: env.now() };
      setDefined(patch, input, ['quantity', 'status', 'canceledAt', 'expiresAt', 'metadata', 'unitAmount', 'currency']);
      return env.atomic(async () => {
        // Locked first: the patch may move them out of `active`, after which the pair's
        // attachments could no longer be told apart from earlier canceled ones.
        const targets = await attachments.findMany(activePair(subscriptionId, addOnId), {
          orderBy: [asc('addedAt'), asc('id')],
          forUpdate: true,
        });
        const first = targets[0];
        if (!first) throw pairNotFound(subscriptionId, addOnId);
        await attachments.update([inList('id', targets.map((t) => t.id))], patch);
        const updated = await attachments.findOne([eq('id', first.id)]);
        if (!updated) throw pairNotFound(subscriptionId, addOnId);
        return toSubscriptionAddOn(updated);
      });
    },

    async findBySubscriptionId(subscriptionId) {
      const rows = await attachments.findMany([eq('subscriptionId', subscriptionId)], {
        orderBy: [asc('addedAt'), asc('id')],
      });
      return rows.map(toSubscriptionAddOn);
    },

    async findSubscriptionAddOn(subscriptionId, addOnId) {
      const row = await attachments.findOne(activePair(subscriptionId, addOnId), { orderBy: [asc('addedAt'), asc('id')] });
      return row ? toSubscriptionAddOn(row) : null;
    },
  };
}
