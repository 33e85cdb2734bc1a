/** Entitlement definitions (contract §3.10); not livemode-aware; grants do not reference them. */
import { c, defineTable } from '../describe.js';

export const entitlementDefinitions = defineTable(
  'billing_entitlements',
  {
    id: c.id().primaryKey(),
    key: c.string(191),
    name: c.string(255),
    description: c.text().nullable(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [{ name: 'billing_entitlements_key_uq', columns: ['key'], unique: true }],
  },
);
