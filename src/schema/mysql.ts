/**
 * The library's tables and relations compiled for MySQL / MariaDB, as named, fully typed exports:
 * `import * as schema from 'qzpay-drizzle/schema/mysql'` works with `drizzle(client, { schema })`
 * (relational queries typed, a misspelt relation does not compile), and a host's drizzle-kit config
 * can list this module. Built by the one schema builder (build.ts); only the export names live here.
 */
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import { buildDialectSchema, type TableRelations } from './build.js';
import { compileMySqlTable, type MySqlTableOf } from './compile/mysql.js';
import type { TableDescriptions } from './registry.js';

export type { Rows, TableRelations } from './build.js';
export type MySqlTables = { [K in keyof TableDescriptions]: MySqlTableOf<TableDescriptions[K]> };

const built = buildDialectSchema<MySqlTables, MySqlColumn>(compileMySqlTable);
/** Every table keyed by its TypeScript name. */
export const mysqlTables: MySqlTables = built.tables;
/** Every table's relations keyed `<table>Relations` (tables without foreign keys either way have none). */
export const mysqlRelations: TableRelations = built.relations;

// Named exports: drizzle-kit and `import * as schema` discover tables and relations among them.
export const {
  customers,
  subscriptions,
  subscriptionPollingJobs,
  payments,
  refunds,
  paymentMethods,
  invoices,
  invoiceLines,
  plans,
  prices,
  promoCodes,
  vendors,
  vendorPayouts,
  entitlementDefinitions,
  customerEntitlements,
  limitDefinitions,
  customerLimits,
  usageRecords,
  addons,
  subscriptionAddons,
  checkouts,
  promoCodeUsage,
  invoicePayments,
  webhookEvents,
  auditLogs,
  idempotencyKeys,
  currencies,
  sequences,
} = mysqlTables;

export const {
  addonsRelations,
  checkoutsRelations,
  customerEntitlementsRelations,
  customerLimitsRelations,
  customersRelations,
  invoiceLinesRelations,
  invoicePaymentsRelations,
  invoicesRelations,
  paymentMethodsRelations,
  paymentsRelations,
  plansRelations,
  pricesRelations,
  promoCodeUsageRelations,
  promoCodesRelations,
  refundsRelations,
  subscriptionAddonsRelations,
  subscriptionPollingJobsRelations,
  subscriptionsRelations,
  usageRecordsRelations,
  vendorPayoutsRelations,
  vendorsRelations,
} = mysqlRelations;
