/**
 * The library's tables and relations compiled for SQLite, as named, fully typed exports:
 * `import * as schema from 'qzpay-drizzle/schema/sqlite'` works with `drizzle(client, { schema })`
 * (relational queries typed, a misspelt relation does not compile), and a host's drizzle-kit config
 * can list this module. Built by the one schema builder (build.ts); only the export names live here.
 */
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { buildDialectSchema, type TableRelations } from './build.js';
import { compileSQLiteTable, type SQLiteTableOf } from './compile/sqlite.js';
import type { TableDescriptions } from './registry.js';

export type { Rows, TableRelations } from './build.js';
export type SQLiteTables = { [K in keyof TableDescriptions]: SQLiteTableOf<TableDescriptions[K]> };

const built = buildDialectSchema<SQLiteTables, SQLiteColumn>(compileSQLiteTable);
/** Every table keyed by its TypeScript name. */
export const sqliteTables: SQLiteTables = built.tables;
/** Every table's relations keyed `<table>Relations` (tables without foreign keys either way have none). */
export const sqliteRelations: TableRelations = built.relations;

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
} = sqliteTables;

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
} = sqliteRelations;
