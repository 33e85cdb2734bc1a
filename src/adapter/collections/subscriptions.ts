/**
 * `subscriptions` (docs/contract.md §4.2, §5 items 11-16): soft-deleted, versioned
 * (docs/contract.md §E3), provider ids merged key by key in SQL so concurrent links never lose one.
 */
import {
  QZPayForeignKeyError,
  QZPayValidationError,
  type QZPaySubscription,
  type Versioned,
} from '../../contract/index.js';
import { desc, eq, isNull, jsonMerge } from '../../repositories/conditions.js';
import { listing, setDefined, softDeletable, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { QZPayDrizzleStorage } from '../../contract/extensions.js';
import type { CollectionEnv } from '../env.js';
import { nonNegativeInteger } from './input-checks.js';

type Row = RowFor<'subscriptions'>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Both upstreams start every subscription on a 30-day monthly period; the price is not consulted. */
const INITIAL_PERIOD_DAYS = 30;

export function toSubscription(row: Row): Versioned<QZPaySubscription> {
  return {
    id: row.id,
    customerId: row.customerId,
    planId: row.planId,
    status: row.status,
    interval: row.interval,
    intervalCount: row.intervalCount,
    quantity: row.quantity,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    trialStart: row.trialStart,
    trialEnd: row.trialEnd,
    cancelAt: row.cancelAt,
    canceledAt: row.canceledAt,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    providerSubscriptionIds: row.providerSubscriptionIds,
    // Optional upstream, always emitted here: core counts per-customer promo redemptions from it.
    promoCodeId: row.promoCodeId,
    metadata: row.metadata,
    scheduledPlanChange: row.scheduledPlanChange,
    livemode: row.livemode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    version: row.version,
  };
}


export function createSubscriptions(env: CollectionEnv): QZPayDrizzleStorage['subscriptions'] {
  const repo = env.repos.subscriptions;
  const alive = isNull('deletedAt');
  const newestFirst = { orderBy: [desc('createdAt'), desc('id')] };

  return {
    async create(input) {
      const trialDays = input.trialDays ?? 0;
      if (typeof trialDays !== 'number' || !Number.isFinite(trialDays) || trialDays < 0) {
        throw new QZPayValidationError('trialDays', 'must be a finite number >= 0');
      }
      // The foreign key only sees the row; a soft-deleted customer is gone for every read, so a
      // new subscription for it would be an orphan no lookup can reach through the customer.
      const customer = await env.repos.customers.findOne([eq('id', input.customerId), isNull('deletedAt')]);
      if (!customer) throw new QZPayForeignKeyError(repo.entityType, 'billing_subscriptions_customer_id_fk');

      const now = env.now();
      const trial = trialDays > 0;
      const row: Row = {
        id: input.id,
        customerId: input.customerId,
        planId: input.planId,
        // §5 item 11: a paid subscription waits for the provider's confirmation, trial or not.
        status: input.mode === 'paid' ? 'incomplete' : trial ? 'trialing' : 'active',
        interval: 'month',
        intervalCount: 1,
        // The column is an integer but declares no minimum: a negative seat count means nothing.
        quantity: nonNegativeInteger('quantity', input.quantity ?? 1),
        currentPeriodStart: now,
        currentPeriodEnd: new Date(now.getTime() + INITIAL_PERIOD_DAYS * DAY_MS),
        trialStart: trial ? now : null,
        trialEnd: trial ? new Date(now.getTime() + trialDays * DAY_MS) : null,
        cancelAt: null,
        canceledAt: null,
        cancelAtPeriodEnd: false,
        // Only an absent map defaults: an explicit null is bad input for the column check.
        providerSubscriptionIds: input.providerSubscriptionIds === undefined ? {} : input.providerSubscriptionIds,
        promoCodeId: input.promoCodeId ?? null,
        metadata: input.metadata ?? {},
        scheduledPlanChange: null,
        livemode: env.livemode,
        version: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      return toSubscription(await repo.insert(row));
    },

    async update(id, input, options) {
      // Only the keys of §3.2's "stored" column; provider-facing keys (prorationBehavior,
      // transactionAmount, externalReference, reason) and anything unknown are ignored.
      const patch: Patch<'subscriptions'> = { updatedAt: env.now() };
      // The dates: `null` clears (uncancel, §5 item 16); absent leaves the stamp alone. §5 item 12:
      // a null scheduledPlanChange clears, an object replaces, absent leaves it untouched.
      setDefined(patch, input, ['planId', 'metadata', 'status', 'canceledAt', 'cancelAt', 'currentPeriodStart', 'currentPeriodEnd', 'trialEnd', 'scheduledPlanChange']);
      if (input.quantity !== undefined) patch.quantity = nonNegativeInteger('quantity', input.quantity);
      // Merged in the UPDATE itself: 20 concurrent links of different providers all survive.
      if (input.providerSubscriptionIds !== undefined) {
        patch.providerSubscriptionIds = jsonMerge(input.providerSubscriptionIds);
      }
      const row = await updateById(repo, id, patch, { softDeleted: true, expectedVersion: options?.expectedVersion });
      return toSubscription(row);
    },

    ...softDeletable(repo, env.now, toSubscription),

    async findByCustomerId(customerId) {
      // Every row, any livemode (§6.2): core counts promo redemptions across all of them.
      const rows = await repo.findMany([eq('customerId', customerId), alive], newestFirst);
      return rows.map(toSubscription);
    },

    ...listing(repo, { where: [eq('livemode', env.livemode), alive] }, (rows) => rows.map(toSubscription)),
  };
}
