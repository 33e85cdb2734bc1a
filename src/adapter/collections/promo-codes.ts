/**
 * `promoCodes` (docs/contract.md §4.9, docs/contract.md §E2): `delete` deactivates (the row stays
 * visible), codes are unique per livemode and matched case-insensitively through the
 * app-maintained `codeLower` column, and redemptions go through one conditional UPDATE.
 */
import {
  type QZPayDrizzleStorage,
  QZPayEntityNotFoundError,
  type QZPayMetadata,
  type QZPayPromoCode,
  QZPayValidationError,
} from '../../contract/index.js';
import { eq, increment } from '../../repositories/conditions.js';
import { listing, setDefined, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import { foldCase } from '../../repositories/values.js';
import type { CollectionEnv } from '../env.js';
import { createPromoRedemption, incrementRedemptionsBelowLimit } from './promo-redemption.js';

type Row = RowFor<'promoCodes'>;

export function toPromoCode(row: Row): QZPayPromoCode {
  return {
    id: row.id,
    code: row.code,
    discountType: row.discountType,
    discountValue: row.discountValue,
    currency: row.currency,
    stackingMode: row.stackingMode,
    conditions: row.conditions,
    maxRedemptions: row.maxRedemptions,
    currentRedemptions: row.currentRedemptions,
    maxRedemptionsPerCustomer: row.maxRedemptionsPerCustomer,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    applicablePlanIds: row.applicablePlanIds,
    applicableProductIds: row.applicableProductIds,
    active: row.active,
    metadata: row.metadata as QZPayMetadata,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
  };
}

/** A blank code could never be typed in by a customer; its length is checked on write. */
function checkCode(code: unknown): string {
  if (typeof code !== 'string' || code.trim() === '') throw new QZPayValidationError('code', 'must be a non-empty string');
  return code;
}

export function createPromoCodes(env: CollectionEnv): QZPayDrizzleStorage['promoCodes'] {
  const repo = env.repos.promoCodes;
  const redemption = createPromoRedemption(env);

  return {
    async create(input) {
      const now = env.now();
      const row: Row = {
        id: input.id,
        code: checkCode(input.code),
        // Filled by the repository from `code` on every write; set here for the type only.
        codeLower: foldCase(input.code),
        discountType: input.discountType,
        discountValue: input.discountValue,
        currency: input.currency ?? null,
        stackingMode: input.stackingMode ?? 'none',
        conditions: input.conditions ?? [],
        maxRedemptions: input.maxRedemptions ?? null,
        currentRedemptions: 0,
        maxRedemptionsPerCustomer: input.maxRedemptionsPerCustomer ?? null,
        // null, not "now" (as DRZ): a code without validFrom is valid from its creation anyway.
        validFrom: input.validFrom ?? null,
        validUntil: input.validUntil ?? null,
        applicablePlanIds: input.applicablePlanIds ?? [],
        applicableProductIds: input.applicableProductIds ?? [],
        active: true,
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      // The unique index on (codeLower, livemode) rejects `SUMMER25` next to `summer25` with
      // QZPayUniqueConstraintError, also when the two creates race.
      return toPromoCode(await repo.insert(row));
    },

    async update(id, input) {
      // Every key except id/createdAt, each applied on its own: nothing not supplied is touched
      // (DRZ rewrote a JSON bucket from the supplied keys only and lost the others).
      const patch: Patch<'promoCodes'> = { updatedAt: env.now() };
      if (input.code !== undefined) patch.code = checkCode(input.code);
      setDefined(patch, input, ['discountType', 'discountValue', 'currency', 'stackingMode', 'conditions', 'maxRedemptions', 'currentRedemptions', 'maxRedemptionsPerCustomer', 'validFrom', 'validUntil', 'applicablePlanIds', 'applicableProductIds', 'active', 'metadata']);
      return toPromoCode(await updateById(repo, id, patch));
    },

    async delete(id) {
      // Deactivate only (§4.9): the code stays findable so core can answer "inactive", not "unknown".
      await updateById(repo, id, { active: false, updatedAt: env.now() });
    },

    async findById(id) {
      const row = await repo.findOne([eq('id', id)]);
      return row ? toPromoCode(row) : null;
    },

    async findByCode(code) {
      if (typeof code !== 'string') return null;
      // Case-insensitive and scoped to the adapter livemode (§4.9, §6.2); inactive codes included.
      const row = await repo.findOne([eq('codeLower', foldCase(code)), eq('livemode', env.livemode)]);
      return row ? toPromoCode(row) : null;
    },

    async incrementRedemptions(id) {
      // Deprecated and unconditional (ignores maxRedemptions), but still one atomic SQL increment.
      const changed = await repo.update([eq('id', id)], { currentRedemptions: increment(1), updatedAt: env.now() });
      if (changed === 0) throw new QZPayEntityNotFoundError(repo.entityType, id);
    },

    async atomicIncrementRedemptions(id) {
      const row = await incrementRedemptionsBelowLimit(env, id);
      return row ? toPromoCode(row) : null;
    },

    // §2.3: livemode-scoped, inactive codes included (§4.9).
    ...listing(repo, { where: [eq('livemode', env.livemode)] }, (rows) => rows.map(toPromoCode)),

    redeem: (input) => redemption.redeem(input),
    findUsage: (query) => redemption.findUsage(query),
  };
}
