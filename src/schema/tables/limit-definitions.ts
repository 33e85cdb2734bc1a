/** Limit definitions (contract §3.11); not livemode-aware. */
import { c, defineTable } from '../describe.js';

export const limitDefinitions = defineTable(
  'billing_limits',
  {
    id: c.id().primaryKey(),
    key: c.string(191),
    name: c.string(255),
    description: c.text().nullable(),
    defaultValue: c.integer(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [{ name: 'billing_limits_key_uq', columns: ['key'], unique: true }],
  },
);
