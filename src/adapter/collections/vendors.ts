/**
 * `vendors` (docs/contract.md §4.10): soft-deleted, versioned marketplace vendors plus their
 * payouts. Defaults follow DRZ; payouts are stored verbatim, provider ids included
 * (DRZ kept only the first value).
 */
import {
  QZPAY_PAYOUT_INTERVALS,
  QZPayValidationError,
  type QZPayDrizzleStorage,
  type QZPayPayoutSchedule,
  type QZPayVendor,
  type QZPayVendorPayout,
  type Versioned,
} from '../../contract/index.js';
import { desc, eq, isNull } from '../../repositories/conditions.js';
import { listing, setDefined, softDeletable, updateById } from '../../repositories/entity.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { isPlainObject, oneOf } from './input-checks.js';

type Row = RowFor<'vendors'>;
type PayoutRow = RowFor<'vendorPayouts'>;

/** DRZ's defaults (contract §4.10); MEM's (10, monthly) were not chosen. */
const DEFAULT_COMMISSION_RATE = 0;
const DEFAULT_PAYOUT_SCHEDULE: QZPayPayoutSchedule = { interval: 'weekly', dayOfWeek: 1 };

function integerIn(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new QZPayValidationError(field, `must be an integer from ${min} to ${max}`);
  }
}

/**
 * A rate is a percentage: outside 0..100 it cannot be a commission, and the column would accept
 * up to 999.99. Finiteness and decimal places beyond 2 are the column's checks (never rounded).
 */
function checkCommissionRate(rate: number): number {
  if (rate < 0 || rate > 100) throw new QZPayValidationError('commissionRate', 'must be a number from 0 to 100');
  return rate;
}

/**
 * The keys inside the schedule; that it is an object at all is the column's check.
 * dayOfWeek follows `Date#getDay` (0 = Sunday, so the default 1 is Monday); dayOfMonth is 1..31.
 */
function checkSchedule(schedule: QZPayPayoutSchedule): QZPayPayoutSchedule {
  if (!isPlainObject(schedule)) return schedule;
  oneOf('payoutSchedule.interval', schedule.interval, QZPAY_PAYOUT_INTERVALS);
  if (schedule.dayOfWeek !== undefined) integerIn('payoutSchedule.dayOfWeek', schedule.dayOfWeek, 0, 6);
  if (schedule.dayOfMonth !== undefined) integerIn('payoutSchedule.dayOfMonth', schedule.dayOfMonth, 1, 31);
  return schedule;
}

export function toVendor(row: Row): Versioned<QZPayVendor> {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    status: row.status,
    commissionRate: row.commissionRate,
    payoutSchedule: row.payoutSchedule,
    providerAccountIds: row.providerAccountIds,
    metadata: row.metadata,
    livemode: row.livemode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    version: row.version,
  };
}

export function toPayout(row: PayoutRow): QZPayVendorPayout {
  return {
    id: row.id,
    vendorId: row.vendorId,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    providerPayoutIds: row.providerPayoutIds,
    paidAt: row.paidAt,
    createdAt: row.createdAt,
  };
}

export function createVendors(env: CollectionEnv): QZPayDrizzleStorage['vendors'] {
  const repo = env.repos.vendors;
  const payouts = env.repos.vendorPayouts;
  const live = [eq('livemode', env.livemode), isNull('deletedAt')];

  return {
    async create(input) {
      const now = env.now();
      const row: Row = {
        id: input.id,
        externalId: input.externalId,
        name: input.name,
        email: input.email,
        status: 'pending',
        // Only an absent key takes the default: an explicit null is bad input, as on update.
        commissionRate: checkCommissionRate(input.commissionRate === undefined ? DEFAULT_COMMISSION_RATE : input.commissionRate),
        payoutSchedule: checkSchedule(input.payoutSchedule === undefined ? DEFAULT_PAYOUT_SCHEDULE : input.payoutSchedule),
        providerAccountIds: {},
        metadata: input.metadata ?? {},
        livemode: env.livemode,
        version: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      // A duplicate externalId (any livemode, deleted or not) surfaces as QZPayUniqueConstraintError.
      return toVendor(await repo.insert(row));
    },

    async update(id, input, options) {
      const patch: Patch<'vendors'> = { updatedAt: env.now() };
      setDefined(patch, input, ['name', 'email', 'metadata']);
      if (input.commissionRate !== undefined) patch.commissionRate = checkCommissionRate(input.commissionRate);
      if (input.payoutSchedule !== undefined) patch.payoutSchedule = checkSchedule(input.payoutSchedule);
      const row = await updateById(repo, id, patch, { softDeleted: true, expectedVersion: options?.expectedVersion });
      return toVendor(row);
    },

    ...softDeletable(repo, env.now, toVendor),

    async findByExternalId(externalId) {
      const row = await repo.findOne([eq('externalId', externalId), ...live]);
      return row ? toVendor(row) : null;
    },

    // list (§2.3: offset + total) and listPage (keyset), both scoped to livemode and live rows.
    ...listing(repo, { where: live }, (rows) => rows.map(toVendor)),

    async createPayout(payout) {
      if (payout.periodEnd instanceof Date && payout.periodStart instanceof Date && payout.periodEnd < payout.periodStart) {
        throw new QZPayValidationError('periodEnd', 'must not be before periodStart');
      }
      const row: PayoutRow = {
        id: payout.id,
        vendorId: payout.vendorId,
        amount: payout.amount,
        currency: payout.currency,
        status: payout.status,
        periodStart: payout.periodStart,
        periodEnd: payout.periodEnd,
        providerPayoutIds: payout.providerPayoutIds,
        paidAt: payout.paidAt,
        livemode: env.livemode,
        createdAt: payout.createdAt,
      };
      // An unknown vendor is a QZPayForeignKeyError (restrict FK). A soft-deleted vendor still
      // exists and may be owed a final payout, so it is accepted, as in DRZ.
      return toPayout(await payouts.insert(row));
    },

    async findPayoutsByVendorId(vendorId) {
      // Every row, any status and livemode (contract §6.2): no cap, unlike DRZ's 100.
      const rows = await payouts.findMany([eq('vendorId', vendorId)], { orderBy: [desc('createdAt'), desc('id')] });
      return rows.map(toPayout);
    },
  };
}
