/** Request idempotency keys (docs/contract.md §E1, §2 idempotencyKeys); the key itself is the primary key. */
import { c, defineTable } from '../describe.js';

export const IDEMPOTENCY_KEY_STATES = ['in_progress', 'completed'] as const;
export type IdempotencyKeyState = (typeof IDEMPOTENCY_KEY_STATES)[number];

export const idempotencyKeys = defineTable(
  'billing_idempotency_keys',
  {
    // Primary key: two concurrent begin() calls on a new key race on this insert; one wins.
    key: c.string(191).primaryKey(),
    operation: c.string(191),
    // Same key with a different request fingerprint is a client bug and is rejected.
    fingerprint: c.string(191),
    state: c.oneOf(IDEMPOTENCY_KEY_STATES, 16),
    response: c.json<unknown>().nullable(),
    statusCode: c.integer().nullable(),
    // Lease of the in-flight request; after it passes the key can be taken over.
    lockedUntil: c.timestamp().nullable(),
    expiresAt: c.timestamp(),
    livemode: c.livemode(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
  },
  {
    indexes: [{ name: 'billing_idempotency_keys_expires_at_idx', columns: ['expiresAt'] }],
  },
);
