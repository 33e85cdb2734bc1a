/**
 * `entitlements` (docs/contract.md §4.11): definitions (unique key, no livemode) and grants.
 * The grants table keeps ONE row per (customer, key) (docs/contract.md §E3), so `grant` is an upsert:
 * an active grant is extended per the contract's extend-only rule (as DRZ) and an
 * expired one is overwritten by a fresh grant instead of being kept as history.
 */
import {
  type QZPayCustomerEntitlement,
  type QZPayEntitlement,
  type QZPayEntitlementStorage,
  type QZPaySourceType,
} from '../../contract/index.js';
import { asc, type Cond, eq, gt, isNull, or } from '../../repositories/conditions.js';
import type { ColumnOf, Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';
import { byUtf8, definitionMethods, upsertRounds } from './definitions.js';

/** A condition on customerEntitlements: its column keys only. */
type GrantCond = Cond<ColumnOf<'customerEntitlements'>>;

type DefinitionRow = RowFor<'entitlementDefinitions'>;
type GrantRow = RowFor<'customerEntitlements'>;

const GRANT_KEY_INDEX = 'billing_customer_entitlements_customer_key_uq';

export function toEntitlement(row: DefinitionRow): QZPayEntitlement {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toGrant(row: GrantRow): QZPayCustomerEntitlement {
  return {
    customerId: row.customerId,
    entitlementKey: row.entitlementKey,
    grantedAt: row.grantedAt,
    expiresAt: row.expiresAt,
    source: row.source,
    sourceId: row.sourceId,
  };
}

/** A grant counts while it never expires or expires strictly after `now`. */
function activeAt(now: Date): GrantCond {
  return or([isNull('expiresAt')], [gt('expiresAt', now)]);
}

/**
 * What `grant` writes over an existing row (contract §4.11), or `null` to leave it unchanged.
 * Expired → a fresh grant; active → extended only when the new grant lasts longer.
 */
function grantPatch(
  existing: GrantRow,
  next: { expiresAt: Date | null; source: QZPaySourceType; sourceId: string | null },
  now: Date,
  livemode: boolean,
): Patch<'customerEntitlements'> | null {
  const terms = { expiresAt: next.expiresAt, source: next.source, sourceId: next.sourceId, updatedAt: now };
  const active = existing.expiresAt === null || existing.expiresAt > now;
  if (!active) return { ...terms, grantedAt: now, livemode };
  const extends_ = next.expiresAt === null || (existing.expiresAt !== null && next.expiresAt > existing.expiresAt);
  return extends_ ? terms : null;
}

export function createEntitlements(env: CollectionEnv): QZPayEntitlementStorage {
  const definitions = env.repos.entitlementDefinitions;
  const grants = env.repos.customerEntitlements;
  const pair = (customerId: string, key: string): GrantCond[] => [eq('customerId', customerId), eq('entitlementKey', key)];

  return {
    ...definitionMethods(
      definitions,
      (entitlement: QZPayEntitlement): DefinitionRow => ({
        id: entitlement.id,
        key: entitlement.key,
        name: entitlement.name,
        description: entitlement.description ?? null,
        createdAt: entitlement.createdAt,
        updatedAt: entitlement.updatedAt,
      }),
      toEntitlement,
    ),

    async grant(input) {
      const now = env.now();
      const next = {
        expiresAt: input.expiresAt ?? null,
        source: input.source ?? 'manual',
        sourceId: input.sourceId ?? null,
      };
      const where = pair(input.customerId, input.entitlementKey);
      return upsertRounds('entitlements.grant', async () => {
        const row: GrantRow = {
          id: env.newId(),
          customerId: input.customerId,
          entitlementKey: input.entitlementKey,
          grantedAt: now,
          ...next,
          livemode: env.livemode,
          createdAt: now,
          updatedAt: now,
        };
        // The unique (customer, key) index decides who inserts. The insert runs as its own
        // statement, outside the locked read below: on MySQL a duplicate-key error leaves a
        // shared lock on the existing row until the transaction ends, and two losers that both
        // hold it and then ask for the row lock deadlock each other (measured with 100
        // concurrent grants). Inside a caller's transaction both steps simply join it.
        const stored = await grants.insertIgnoringConflict(row, GRANT_KEY_INDEX);
        if (stored) return toGrant(stored);
        return env.atomic(async () => {
          // Read-decide-write under the row lock: concurrent grants apply the rule one by one.
          const existing = await grants.findOne(where, { forUpdate: true });
          if (!existing) return null;
          const patch = grantPatch(existing, next, now, env.livemode);
          if (!patch) return toGrant(existing);
          await grants.update(where, patch);
          return toGrant({ ...existing, ...(patch as Partial<GrantRow>) });
        });
      });
    },

    async revoke(customerId, entitlementKey) {
      await grants.delete(pair(customerId, entitlementKey));
    },

    async revokeBySource(source, sourceId) {
      return grants.delete([eq('source', source), eq('sourceId', sourceId)]);
    },

    async findByCustomerId(customerId) {
      const rows = await grants.findMany([eq('customerId', customerId), activeAt(env.now())], {
        orderBy: [asc('entitlementKey')],
      });
      return rows.map(toGrant).sort((a, b) => byUtf8(a.entitlementKey, b.entitlementKey));
    },

    async check(customerId, entitlementKey) {
      return (await grants.count([...pair(customerId, entitlementKey), activeAt(env.now())])) > 0;
    },
  };
}
