/** Every table description, keyed by its TypeScript name (the compilers order them by their foreign keys). */
import { addons } from './addons.js';
import { auditLogs } from './audit-logs.js';
import { checkouts } from './checkouts.js';
import { currencies } from './currencies.js';
import { customerEntitlements } from './customer-entitlements.js';
import { customerLimits } from './customer-limits.js';
import { customers } from './customers.js';
import { entitlementDefinitions } from './entitlement-definitions.js';
import { idempotencyKeys } from './idempotency-keys.js';
import { invoiceLines } from './invoice-lines.js';
import { invoicePayments } from './invoice-payments.js';
import { invoices } from './invoices.js';
import { limitDefinitions } from './limit-definitions.js';
import { paymentMethods } from './payment-methods.js';
import { payments } from './payments.js';
import { plans } from './plans.js';
import { prices } from './prices.js';
import { promoCodeUsage } from './promo-code-usage.js';
import { promoCodes } from './promo-codes.js';
import { refunds } from './refunds.js';
import { sequences } from './sequences.js';
import { subscriptionAddons } from './subscription-addons.js';
import { subscriptionPollingJobs } from './subscription-polling-jobs.js';
import { subscriptions } from './subscriptions.js';
import { usageRecords } from './usage-records.js';
import { vendorPayouts } from './vendor-payouts.js';
import { vendors } from './vendors.js';
import { webhookEvents } from './webhook-events.js';

export {
  addons,
  auditLogs,
  checkouts,
  currencies,
  customerEntitlements,
  customerLimits,
  customers,
  entitlementDefinitions,
  idempotencyKeys,
  invoiceLines,
  invoicePayments,
  invoices,
  limitDefinitions,
  paymentMethods,
  payments,
  plans,
  prices,
  promoCodeUsage,
  promoCodes,
  refunds,
  sequences,
  subscriptionAddons,
  subscriptionPollingJobs,
  subscriptions,
  usageRecords,
  vendorPayouts,
  vendors,
  webhookEvents,
};
