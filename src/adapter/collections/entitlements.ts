/**
 * `entitlements` (STORAGE-CONTRACT §4.11): definitions (unique key, no livemode) and grants.
 * The grants table keeps ONE row per (customer, key) (EXTENSIONS §3), so `grant` is an upsert:
 * an active grant is extended per the contract's extend-only rule (DRZ, §7 row 28) and an
 * expired one is overwritten by a fresh grant instead of being kept as history.
 */
import {
  QZPayStorageError,
  type QZPayCustomerEntitlement,
  type QZPayEntitlement,
  type QZPayEntitlementStorage,
  type QZPaySourceType,
} from '../../contract/index.js';
import { asc, type Cond, eq, gt, isNull, or } from '../../repositories/conditions.js';
import type { Patch, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';

type DefinitionRow = RowFor<'entitlementDefinitions'>;
type GrantRow = RowFor<'customerEntitlements'>;

const GRANT_KEY_INDEX = 'billing_customer_entitlements_customer_key_uq';

/**
 * Key order compared as UTF-8 bytes (= code points), done here rather than by ORDER BY: a
 * PostgreSQL database's default collation may be linguistic, so SQL order could differ per dialect.
 */
export function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

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
function activeAt(now: Date): Cond {
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

/** Rounds of insert-or-update; another round is needed only when a concurrent delete wins in between. */
const MAX_ROUNDS = 32;
/**
 * Drives an idempotent upsert (`grant`, `limits.set`): `round()` resolves the result, or `null`
 * when the row it conflicted with was deleted before it could be updated (run another round).
 */
export async function upsertRounds<T>(env: CollectionEnv, what: string, round: () => Promise<T | null>): Promise<T> {
  for (let rounds = 0; rounds < MAX_ROUNDS; rounds++) {
    // Deadlock victims are re-run by the repository core (statements and env.atomic).
    const result = await round();
    if (result !== null) return result;
  }
  throw new QZPayStorageError(`${what}: the row kept being deleted by concurrent writers; gave up after ${MAX_ROUNDS} rounds`);
}

export function createEntitlements(env: CollectionEnv): QZPayEntitlementStorage {
  const definitions = env.repos.entitlementDefinitions;
  const grants = env.repos.customerEntitlements;
  const pair = (customerId: string, key: string): Cond[] => [eq('customerId', customerId), eq('entitlementKey', key)];

  return {
    async createDefinition(entitlement) {
      const row: DefinitionRow = {
        id: entitlement.id,
        key: entitlement.key,
        name: entitlement.name,
        description: entitlement.description ?? null,
        createdAt: entitlement.createdAt,
        updatedAt: entitlement.updatedAt,
      };
      // Duplicate key (or id) → QZPayUniqueConstraintError (DRZ; MEM overwrote by key).
      await definitions.insert(row);
      return toEntitlement(row);
    },

    async findDefinitionByKey(key) {
      const row = await definitions.findOne([eq('key', key)]);
      return row ? toEntitlement(row) : null;
    },

    async listDefinitions() {
      const rows = await definitions.findMany([], { orderBy: [asc('key')] });
      return rows.map(toEntitlement).sort((a, b) => byUtf8(a.key, b.key));
    },

    async grant(input) {
      const now = env.now();
      const next = {
        expiresAt: input.expiresAt ?? null,
        source: input.source ?? 'manual',
        sourceId: input.sourceId ?? null,
      };
      const where = pair(input.customerId, input.entitlementKey);
      return upsertRounds(env, 'entitlements.grant', async () => {
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
        if (await grants.insertIgnoringConflict(row, GRANT_KEY_INDEX)) return toGrant(row);
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
