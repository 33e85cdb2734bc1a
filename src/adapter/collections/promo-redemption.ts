/**
 * Promo redemption: the contract's race-safe counter (`atomicIncrementRedemptions`, §4.9) and the
 * library's `redeem` / `findUsage` (docs/contract.md §E2), which add the per-customer limit and a usage
 * row per redemption on top of it.
 */
import {
  QZPayEntityNotFoundError,
  type QZPayPromoCodeUsage,
  type QZPayPromoCodeUsageQuery,
  type QZPayRedeemPromoCodeInput,
} from '../../contract/index.js';
import { type Cond, desc, eq, increment, isNull, ltColumn, or } from '../../repositories/conditions.js';
import type { ColumnOf, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';

/** A condition on promoCodeUsage: its column keys only. */
type UsageCond = Cond<ColumnOf<'promoCodeUsage'>>;

type UsageRow = RowFor<'promoCodeUsage'>;

export function toPromoCodeUsage(row: UsageRow): QZPayPromoCodeUsage {
  return {
    id: row.id,
    promoCodeId: row.promoCodeId,
    customerId: row.customerId,
    subscriptionId: row.subscriptionId,
    discountAmount: row.discountAmount,
    currency: row.currency,
    usedAt: row.usedAt,
    livemode: row.livemode,
  };
}

/**
 * ONE conditional UPDATE: +1 only while `maxRedemptions` is null or not yet reached, so N
 * concurrent callers against a limit of M < N see exactly M rows back and the counter stops at M
 * (changelog item 14). `null` at the limit or for an unknown id. Neither `active` nor the
 * validity dates are checked: core validates those itself before applying a code.
 */
export function incrementRedemptionsBelowLimit(env: CollectionEnv, id: string): Promise<RowFor<'promoCodes'> | null> {
  return env.repos.promoCodes.updateOne(
    [eq('id', id)],
    [or([isNull('maxRedemptions')], [ltColumn('currentRedemptions', 'maxRedemptions')])],
    { currentRedemptions: increment(1), updatedAt: env.now() },
  );
}

export interface PromoRedemption {
  redeem(input: QZPayRedeemPromoCodeInput): Promise<QZPayPromoCodeUsage | null>;
  findUsage(query: QZPayPromoCodeUsageQuery): Promise<QZPayPromoCodeUsage[]>;
}

export function createPromoRedemption(env: CollectionEnv): PromoRedemption {
  const promos = env.repos.promoCodes;
  const usage = env.repos.promoCodeUsage;

  return {
    async redeem(input) {
      return env.atomic(async () => {
        // The row lock serialises every redemption of this code, so two concurrent redemptions by
        // one customer cannot both see "not yet used" below (SQLite transactions are exclusive).
        const promo = await promos.findOne([eq('id', input.promoCodeId)], { forUpdate: true });
        if (!promo) throw new QZPayEntityNotFoundError(promos.entityType, input.promoCodeId);

        if (promo.maxRedemptionsPerCustomer !== null) {
          // A plain count, not a locking read: the promo lock already serialises us, and locking
          // reads on this non-unique index would take gap locks on MySQL that deadlock two
          // redemptions of *different* codes inserting into the same gap. Caveat: on MySQL
          // (REPEATABLE READ) a caller transaction that already read before calling redeem keeps
          // its older snapshot, so its count may miss a redemption committed meanwhile.
          const used = await usage.count([eq('promoCodeId', promo.id), eq('customerId', input.customerId)]);
          if (used >= promo.maxRedemptionsPerCustomer) return null;
        }
        // Accurate under the lock; saves writing a usage row that would only be taken back.
        if (promo.maxRedemptions !== null && promo.currentRedemptions >= promo.maxRedemptions) return null;

        const row: UsageRow = {
          id: env.newId(),
          promoCodeId: promo.id,
          customerId: input.customerId,
          subscriptionId: input.subscriptionId ?? null,
          discountAmount: input.discountAmount,
          currency: input.currency,
          usedAt: env.now(),
          livemode: env.livemode,
        };
        // The usage row goes first: an unknown customer/subscription fails its foreign key before
        // the counter has moved, so nothing is half-written even inside a caller's transaction
        // that catches the error and commits.
        await usage.insert(row);
        if (!(await incrementRedemptionsBelowLimit(env, promo.id))) {
          // Unreachable while the lock holds; kept so the global limit never depends on it.
          await usage.delete([eq('id', row.id)]);
          return null;
        }
        return toPromoCodeUsage(row);
      });
    },

    async findUsage(query) {
      // Supplied filters combine with AND; not livemode-scoped, like every findBy* by id (§6.2).
      const where: UsageCond[] = [];
      if (query.promoCodeId !== undefined) where.push(eq('promoCodeId', query.promoCodeId));
      if (query.customerId !== undefined) where.push(eq('customerId', query.customerId));
      const rows = await usage.findMany(where, { orderBy: [desc('usedAt'), desc('id')] });
      return rows.map(toPromoCodeUsage);
    },
  };
}
