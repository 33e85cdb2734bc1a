/** Append-only audit trail (docs/contract.md §E1); UPDATE and DELETE are rejected by triggers. */
import { c, defineTable } from '../describe.js';

export const auditLogs = defineTable(
  'billing_audit_logs',
  {
    id: c.id().primaryKey(),
    entityType: c.string(64),
    entityId: c.string(191),
    action: c.string(64),
    actorType: c.string(32).nullable(),
    actorId: c.string(191).nullable(),
    changes: c.json<unknown>().nullable(),
    // 45 = longest textual IPv6 form (IPv4-mapped).
    ipAddress: c.string(45).nullable(),
    userAgent: c.text().nullable(),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
  },
  {
    indexes: [
      { name: 'billing_audit_logs_entity_created_at_idx', columns: ['entityType', 'entityId', 'createdAt'] },
      { name: 'billing_audit_logs_actor_created_at_idx', columns: ['actorId', 'createdAt'] },
      { name: 'billing_audit_logs_created_at_idx', columns: ['createdAt'] },
    ],
  },
);
