/**
 * `prices` (docs/contract.md §4.8): hard-deleted, not versioned; livemode stamped internally and
 * only scoping `list`. Also home of the price mapper and the batched price lookup `plans` uses to
 * populate `QZPayPlan.prices`. Allowed values, minimums and JSON shapes are declared on the table
 * and checked by the repository on every write.
 */
import { type QZPayDrizzleStorage, QZPayEntityNotFoundError, type QZPayMetadata, type QZPayPrice } from '../../contract/index.js';
import { asc, eq, inList, jsonMerge } from '../../repositories/conditions.js';
import { listing, setDefined, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';

type Row = RowFor<'prices'>;

export function toPrice(row: Row): QZPayPrice {
  return {
    id: row.id,
    planId: row.planId,
    nickname: row.nickname,
    currency: row.currency,
    unitAmount: row.unitAmount,
    billingInterval: row.billingInterval,
    intervalCount: row.intervalCount,
    trialDays: row.trialDays,
    active: row.active,
    providerPriceIds: row.providerPriceIds,
    metadata: row.metadata as QZPayMetadata,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Core takes element [0] as the plan's default price, so the order must be total and the same on
 * every dialect: cheapest first, then oldest, then id.
 */
const defaultPriceFirst = { orderBy: [asc('unitAmount'), asc('createdAt'), asc('id')] };

/**
 * Active prices of several plans in ONE query (a list page of plans must not cost a query per
 * plan), grouped by plan in `findByPlanId` order. Every requested id gets an entry.
 */
export async function pricesForPlans(env: CollectionEnv, planIds: readonly string[]): Promise<Map<string, QZPayPrice[]>> {
  const byPlan = new Map<string, QZPayPrice[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return byPlan;
  const rows = await env.repos.prices.findMany([inList('planId', [...byPlan.keys()]), eq('active', true)], defaultPriceFirst);
  for (const row of rows) byPlan.get(row.planId)?.push(toPrice(row));
  return byPlan;
}

export function createPrices(env: CollectionEnv): QZPayDrizzleStorage['prices'] {
  const repo = env.repos.prices;

  return {
    async create(input) {
      const now = env.now();
      const row: Row = {
        id: input.id,
        planId: input.planId,
        nickname: input.nickname ?? null,
        currency: input.currency,
        unitAmount: input.unitAmount,
        billingInterval: input.billingInterval,
        intervalCount: input.intervalCount ?? 1,
        trialDays: input.trialDays ?? null,
        active: true,
        providerPriceIds: {},
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        createdAt: now,
        updatedAt: now,
      };
      // `backUrl` is a provider-only redirect URL: not stored (§3.7). A missing plan fails the FK.
      return toPrice(await repo.insert(row));
    },

    async update(id, input) {
      // Every key of the entity except id/createdAt (§4.8); updatedAt is always now.
      const patch: Patch<'prices'> = { updatedAt: env.now() };
      setDefined(patch, input, ['planId', 'nickname', 'currency', 'unitAmount', 'billingInterval', 'intervalCount', 'trialDays', 'active', 'metadata']);
      // Merged key by key in SQL: linking a second provider keeps the first (§2.7.5).
      if (input.providerPriceIds !== undefined) patch.providerPriceIds = jsonMerge(input.providerPriceIds);
      return toPrice(await updateById(repo, id, patch));
    },

    async delete(id) {
      // Hard delete (§4.8); a missing id rejects as DRZ does.
      if ((await repo.delete([eq('id', id)])) === 0) throw new QZPayEntityNotFoundError(repo.entityType, id);
    },

    async findById(id) {
      const row = await repo.findOne([eq('id', id)]);
      return row ? toPrice(row) : null;
    },

    async findByPlanId(planId) {
      // Any livemode, active only (§4.8, §6.2).
      const rows = await repo.findMany([eq('planId', planId), eq('active', true)], defaultPriceFirst);
      return rows.map(toPrice);
    },

    // §2.3: livemode-scoped, inactive prices included.
    ...listing(repo, { where: [eq('livemode', env.livemode)] }, (rows) => rows.map(toPrice)),
  };
}
