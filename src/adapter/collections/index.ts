/** Assembles every collection of the adapter from one environment. */
import type { QZPayDrizzleStorage } from '../../contract/extensions.js';
import type { CollectionEnv } from '../env.js';
import { createAddons } from './addons.js';
import { createAuditLogs } from './audit-logs.js';
import { createCheckouts } from './checkouts.js';
import { createCurrencies } from './currencies.js';
import { createCustomers } from './customers.js';
import { createEntitlements } from './entitlements.js';
import { createIdempotencyKeys } from './idempotency-keys.js';
import { createInvoices } from './invoices.js';
import { createLimits } from './limits.js';
import { createPaymentMethods } from './payment-methods.js';
import { createPayments } from './payments.js';
import { createPlans } from './plans.js';
import { createSubscriptionPollingJobs } from './polling-jobs.js';
import { createPrices } from './prices.js';
import { createPromoCodes } from './promo-codes.js';
import { createSubscriptions } from './subscriptions.js';
import { createUsageRecords } from './usage-records.js';
import { createVendors } from './vendors.js';
import { createWebhookEvents } from './webhook-events.js';

export type Collections = Omit<QZPayDrizzleStorage, 'transaction'>;

export function createCollections(env: CollectionEnv): Collections {
  return {
    customers: createCustomers(env),
    subscriptions: createSubscriptions(env),
    subscriptionPollingJobs: createSubscriptionPollingJobs(env),
    payments: createPayments(env),
    paymentMethods: createPaymentMethods(env),
    invoices: createInvoices(env),
    plans: createPlans(env),
    prices: createPrices(env),
    promoCodes: createPromoCodes(env),
    vendors: createVendors(env),
    entitlements: createEntitlements(env),
    limits: createLimits(env),
    addons: createAddons(env),
    checkouts: createCheckouts(env),
    webhookEvents: createWebhookEvents(env),
    auditLogs: createAuditLogs(env),
    usageRecords: createUsageRecords(env),
    idempotencyKeys: createIdempotencyKeys(env),
    currencies: createCurrencies(env),
  };
}
