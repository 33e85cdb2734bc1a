/**
 * Issue 16 §6: conventional columns are declared by their group constructor and flagged on the
 * table description; the repository core reads the flags, never a column's name or kind.
 */
import { describe, expect, it } from 'vitest';
import { c, defineTable } from '../../src/schema/describe.js';
import { tableDescriptions } from '../../src/schema/registry.js';

describe('column groups', () => {
  it('flag exactly the tables that declare them', () => {
    const versioned = Object.values(tableDescriptions).filter((t) => t.groups.versioned).map((t) => t.name).sort();
    const softDeleted = Object.values(tableDescriptions).filter((t) => t.groups.softDeleted).map((t) => t.name).sort();
    expect(versioned).toEqual(['billing_addons', 'billing_customers', 'billing_invoices', 'billing_payments', 'billing_plans', 'billing_subscriptions', 'billing_vendors']);
    expect(softDeleted).toEqual(['billing_addons', 'billing_customers', 'billing_payment_methods', 'billing_plans', 'billing_promo_codes', 'billing_subscriptions', 'billing_vendors']);
    // The polling jobs' `version` is a string token the collection compares itself: not a lock version.
    expect(tableDescriptions.subscriptionPollingJobs.groups.versioned).toBe(false);
  });

  it('a group column must sit under its conventional key', () => {
    expect(() => defineTable('billing_x', { id: c.id().primaryKey(), revision: c.version() })).toThrow('billing_x: a versioned column must be named version, not revision');
    expect(defineTable('billing_y', { id: c.id().primaryKey(), deletedAt: c.deletedAt() }).groups).toEqual({
      versioned: false,
      softDeleted: true,
      createdAt: false,
      updatedAt: false,
      livemode: false,
    });
  });
});
