/**
 * `plans` (docs/contract.md §4.7): soft-deleted (also deactivated), versioned; livemode stamped
 * internally and only scoping `list`. Every returned plan carries its prices exactly as
 * `prices.findByPlanId` returns them (active, cheapest first).
 */
import {
  type QZPayDrizzleStorage,
  type QZPayMetadata,
  type QZPayPlan,
  type QZPayPrice,
  QZPayValidationError,
  type Versioned,
} from '../../contract/index.js';
import { eq, isNull } from '../../repositories/conditions.js';
import { listing, setDefined, softDeletable, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { pricesForPlans } from './prices.js';

type Row = RowFor<'plans'>;

export function toPlan(row: Row, prices: QZPayPrice[]): Versioned<QZPayPlan> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    active: row.active,
    prices,
    features: row.features,
    entitlements: row.entitlements,
    limits: row.limits,
    metadata: row.metadata as QZPayMetadata,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    version: row.version,
  };
}

/**
 * `limits` is typed `Record<string, number>`; the table only declares "a plain object", so the
 * values are checked here (a string would come back lying about its type).
 */
function checkLimits(limits: Record<string, number>): Record<string, number> {
  if (typeof limits === 'object' && limits !== null) {
    for (const [key, value] of Object.entries(limits)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new QZPayValidationError(`limits.${key}`, 'must be a finite number');
    }
  }
  return limits;
}

export function createPlans(env: CollectionEnv): QZPayDrizzleStorage['plans'] {
  const repo = env.repos.plans;
  const live = [eq('livemode', env.livemode), isNull('deletedAt')];

  /** Prices of every plan of a page in ONE query, not one per plan. */
  async function withPrices(rows: Row[]): Promise<Array<Versioned<QZPayPlan>>> {
    const prices = await pricesForPlans(env, rows.map((row) => row.id));
    return rows.map((row) => toPlan(row, prices.get(row.id) ?? []));
  }
  const withPricesOne = async (row: Row): Promise<Versioned<QZPayPlan>> => (await withPrices([row]))[0] as Versioned<QZPayPlan>;

  return {
    async create(input) {
      const now = env.now();
      const row: Row = {
        id: input.id,
        name: input.name,
        description: input.description ?? null,
        active: true,
        features: input.features ?? [],
        entitlements: input.entitlements ?? [],
        limits: checkLimits(input.limits ?? {}),
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        version: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      // A new plan has no prices yet: prices reference an existing plan.
      return toPlan(await repo.insert(row), []);
    },

    async update(id, input, options) {
      // `prices`, `id`, `createdAt` and `deletedAt` are ignored (§4.7); updatedAt is always now.
      const patch: Patch<'plans'> = { updatedAt: env.now() };
      setDefined(patch, input, ['name', 'description', 'active', 'features', 'entitlements', 'metadata']);
      if (input.limits !== undefined) patch.limits = checkLimits(input.limits);
      const row = await updateById(repo, id, patch, { softDeleted: true, expectedVersion: options?.expectedVersion });
      return withPricesOne(row);
    },

    // Soft delete also deactivates (§4.7), so a stray read of the row never sees an active plan.
    ...softDeletable(repo, env.now, withPricesOne, { active: false }),

    // §2.3: livemode-scoped, soft-deleted hidden, inactive plans included; honours filters.active.
    ...listing(repo, { where: live }, withPrices),
  };
}
