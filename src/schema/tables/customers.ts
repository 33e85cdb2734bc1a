/** Customers (contract §3.1); soft-deleted, versioned. */
import type { QZPayMetadata, QZPaySavedCard } from '../../contract/entities.js';
import { c, defineTable } from '../describe.js';

export const customers = defineTable(
  'billing_customers',
  {
    id: c.id().primaryKey(),
    // 255: provider and host ids, and RFC 5321's 254-character addresses, fit.
    externalId: c.string(255),
    email: c.string(255),
    // findByEmail is case-insensitive; an expression index on lower(email) does not exist on MariaDB.
    // Full case folding turns one character into up to three ('ΐ' -> 'ΐ'), hence 3 x 255;
    // (emailLower, livemode) stays under InnoDB's 3072-byte key (765 x 4 + 1).
    emailLower: c.string(765).lowerOf('email'),
    name: c.string(255).nullable(),
    phone: c.string(64).nullable(),
    providerCustomerIds: c.json<Record<string, string>>('stringMap'),
    // Null means "never set": the entity then omits the key. Card `createdAt` comes back as an ISO string.
    savedCards: c.json<QZPaySavedCard[]>('array').nullable(),
    metadata: c.json<QZPayMetadata>('object'),
    livemode: c.livemode(),
    version: c.version(),
    createdAt: c.createdAt(),
    updatedAt: c.updatedAt(),
    deletedAt: c.deletedAt(),
  },
  {
    indexes: [
      // Not unique: the contract allows duplicates, and a soft-deleted customer keeps its externalId
      // while syncUser creates a new one for the same user.
      { name: 'billing_customers_external_id_livemode_idx', columns: ['externalId', 'livemode'] },
      { name: 'billing_customers_email_lower_livemode_idx', columns: ['emailLower', 'livemode'] },
      { name: 'billing_customers_livemode_created_at_idx', columns: ['livemode', 'createdAt'] },
    ],
  },
);
