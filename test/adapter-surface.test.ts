/** Every contract method (101) plus `transaction` exists and is callable on the adapter object. */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { expect, it } from 'vitest';
import { createQZPayDrizzleStorage } from '../src/adapter/factory.js';

const contract: Record<string, string[]> = {
  customers: ['create', 'update', 'delete', 'findById', 'findByExternalId', 'findByEmail', 'list'],
  subscriptions: ['create', 'update', 'delete', 'findById', 'findByCustomerId', 'list'],
  subscriptionPollingJobs: ['create', 'update', 'findById', 'findActiveByProviderResourceId', 'findActiveBySubscriptionId', 'findDuePending'],
  payments: ['create', 'update', 'findById', 'findByCustomerId', 'list', 'createRefund', 'getTotalRefundedAmount', 'hasRefundForProviderRefundId'],
  paymentMethods: ['create', 'update', 'delete', 'findById', 'findByCustomerId', 'findDefaultByCustomerId', 'setDefault', 'list'],
  invoices: ['create', 'update', 'findById', 'findByCustomerId', 'list'],
  plans: ['create', 'update', 'delete', 'findById', 'list'],
  prices: ['create', 'update', 'delete', 'findById', 'findByPlanId', 'list'],
  promoCodes: ['create', 'update', 'delete', 'findById', 'findByCode', 'incrementRedemptions', 'atomicIncrementRedemptions', 'list'],
  vendors: ['create', 'update', 'delete', 'findById', 'findByExternalId', 'list', 'createPayout', 'findPayoutsByVendorId'],
  entitlements: ['createDefinition', 'findDefinitionByKey', 'listDefinitions', 'grant', 'revoke', 'revokeBySource', 'findByCustomerId', 'check'],
  limits: ['createDefinition', 'findDefinitionByKey', 'listDefinitions', 'set', 'delete', 'deleteBySource', 'increment', 'findByCustomerId', 'check', 'recordUsage'],
  addons: ['create', 'findById', 'update', 'delete', 'findByPlanId', 'list', 'addToSubscription', 'removeFromSubscription', 'updateSubscriptionAddOn', 'findBySubscriptionId', 'findSubscriptionAddOn'],
  checkouts: ['create', 'update', 'findById', 'findByCustomerId', 'list'],
};

it('exposes the 14 collections with all 101 methods and transaction', () => {
  const storage = createQZPayDrizzleStorage(drizzle({ client: new Database(':memory:') })) as unknown as Record<string, Record<string, unknown>>;
  let methods = 0;
  for (const [collection, names] of Object.entries(contract)) {
    for (const name of names) {
      expect(typeof storage[collection]?.[name], `${collection}.${name}`).toBe('function');
      methods++;
    }
  }
  expect(methods).toBe(101);
  expect(typeof storage['transaction']).toBe('function');
});
