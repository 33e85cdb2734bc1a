/**
 * `prices` (STORAGE-CONTRACT §4.8): hard-deleted, not versioned; livemode stamped internally and
 * only scoping `list`. Also home of the price mapper and the batched price lookup `plans` uses to
 * populate `QZPayPlan.prices`, and of the small input checks the catalog collections share.
 */
import {
  QZPAY_BILLING_INTERVALS,
  QZPAY_CURRENCIES,
  QZPayEntityNotFoundError,
  type QZPayMetadata,
  type QZPayPrice,
  type QZPayPriceStorage,
  QZPayValidationError,
} from '../../contract/index.js';
import { asc, eq, inList, jsonMerge } from '../../repositories/conditions.js';
import { listRows, mapPage, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';

type Row = RowFor<'prices'>;

// ---- input checks (the columns are plain strings / integers and would store anything) ----

export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new QZPayValidationError(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Lower bound only; that the value is an integer at all is checked by the repository on write. */
export function checkAtLeast<T>(field: string, value: T, min: number): T {
  if (typeof value === 'number' && value < min) throw new QZPayValidationError(field, `must be at least ${min}`);
  return value;
}

/** JSON columns accept any JSON; the entity types promise arrays (of strings) and plain objects. */
export function checkArray<T>(field: string, value: T, ofStrings = false): T {
  if (!Array.isArray(value) || (ofStrings && !value.every((v) => typeof v === 'string'))) {
    throw new QZPayValidationError(field, ofStrings ? 'must be an array of strings' : 'must be an array');
  }
  return value;
}

export function checkObject<T>(field: string, value: T, ofStrings = false): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new QZPayValidationError(field, 'must be a plain object');
  }
  if (ofStrings && !Object.values(value).every((v) => typeof v === 'string')) {
    throw new QZPayValidationError(field, 'must map keys to strings');
  }
  return value;
}

// ---- mapping ----

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

export function createPrices(env: CollectionEnv): QZPayPriceStorage {
  const repo = env.repos.prices;

  return {
    async create(input) {
      const now = env.now();
      const row: Row = {
        id: input.id,
        planId: input.planId,
        nickname: input.nickname ?? null,
        currency: checkOneOf('currency', input.currency, QZPAY_CURRENCIES),
        unitAmount: checkAtLeast('unitAmount', input.unitAmount, 0),
        billingInterval: checkOneOf('billingInterval', input.billingInterval, QZPAY_BILLING_INTERVALS),
        intervalCount: checkAtLeast('intervalCount', input.intervalCount ?? 1, 1),
        trialDays: checkAtLeast('trialDays', input.trialDays ?? null, 0),
        active: true,
        providerPriceIds: {},
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        createdAt: now,
        updatedAt: now,
      };
      // `backUrl` is a provider-only redirect URL: not stored (§3.7). A missing plan fails the FK.
      await repo.insert(row);
      return toPrice(row);
    },

    async update(id, input) {
      // Every key of the entity except id/createdAt (§4.8); updatedAt is always now.
      const patch: Patch<'prices'> = { updatedAt: env.now() };
      if (input.planId !== undefined) patch.planId = input.planId;
      if (input.nickname !== undefined) patch.nickname = input.nickname;
      if (input.currency !== undefined) patch.currency = checkOneOf('currency', input.currency, QZPAY_CURRENCIES);
      if (input.unitAmount !== undefined) patch.unitAmount = checkAtLeast('unitAmount', input.unitAmount, 0);
      if (input.billingInterval !== undefined) {
        patch.billingInterval = checkOneOf('billingInterval', input.billingInterval, QZPAY_BILLING_INTERVALS);
      }
      if (input.intervalCount !== undefined) patch.intervalCount = checkAtLeast('intervalCount', input.intervalCount, 1);
      if (input.trialDays !== undefined) patch.trialDays = checkAtLeast('trialDays', input.trialDays, 0);
      if (input.active !== undefined) patch.active = input.active;
      if (input.metadata !== undefined) patch.metadata = input.metadata;
      // Merged key by key in SQL: linking a second provider keeps the first (§2.7.5).
      if (input.providerPriceIds !== undefined) {
        patch.providerPriceIds = jsonMerge(checkObject('providerPriceIds', input.providerPriceIds, true));
      }
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

    async list(options) {
      return mapPage(await listRows(repo, options, { where: [eq('livemode', env.livemode)] }), toPrice);
    },
  };
}
