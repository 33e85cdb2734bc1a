/**
 * `auditLogs` (docs/contract.md §E2): append-only. There is no update or delete here, and the
 * `audit_logs_append_only` migration makes the database reject UPDATE and DELETE as well.
 */
import type { QZPayAuditLog, QZPayAuditLogStorage } from '../../contract/index.js';
import { asc, type Cond, eq, gte, lt } from '../../repositories/conditions.js';
import { listRows, mapPage } from '../../repositories/entity.js';
import type { ColumnOf, RowFor } from '../../repositories/table.js';
import type { CollectionEnv } from '../env.js';

type Row = RowFor<'auditLogs'>;

export function toAuditLog(row: Row): QZPayAuditLog {
  return {
    id: row.id,
    entityType: row.entityType,
    entityId: row.entityId,
    action: row.action,
    actorType: row.actorType,
    actorId: row.actorId,
    changes: row.changes,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    livemode: row.livemode,
    createdAt: row.createdAt,
  };
}

export function createAuditLogs(env: CollectionEnv): QZPayAuditLogStorage {
  const repo = env.repos.auditLogs;

  return {
    async append(entry) {
      const row: Row = {
        id: entry.id ?? env.newId(),
        entityType: entry.entityType,
        entityId: entry.entityId,
        action: entry.action,
        actorType: entry.actorType ?? null,
        actorId: entry.actorId ?? null,
        changes: entry.changes ?? null,
        ipAddress: entry.ipAddress ?? null,
        userAgent: entry.userAgent ?? null,
        livemode: env.livemode,
        createdAt: env.now(),
      };
      // As stored: `changes` as it comes back (JSON drops undefined keys, Dates become text).
      return toAuditLog(await repo.insert(row));
    },

    // Not livemode-scoped, like every lookup by an entity's id (docs/contract.md §6.2).
    async findByEntity(entityType, entityId) {
      const rows = await repo.findMany([eq('entityType', entityType), eq('entityId', entityId)], {
        orderBy: [asc('createdAt'), asc('id')],
      });
      return rows.map(toAuditLog);
    },

    async list(options) {
      const where: Array<Cond<ColumnOf<'auditLogs'>>> = [eq('livemode', env.livemode)];
      if (options?.entityType !== undefined) where.push(eq('entityType', options.entityType));
      if (options?.entityId !== undefined) where.push(eq('entityId', options.entityId));
      if (options?.actorType !== undefined) where.push(eq('actorType', options.actorType));
      if (options?.actorId !== undefined) where.push(eq('actorId', options.actorId));
      if (options?.action !== undefined) where.push(eq('action', options.action));
      if (options?.from !== undefined) where.push(gte('createdAt', options.from));
      if (options?.to !== undefined) where.push(lt('createdAt', options.to));
      return mapPage(await listRows(repo, options, { where }), toAuditLog);
    },
  };
}
