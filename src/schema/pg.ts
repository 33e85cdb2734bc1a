/**
 * The library's tables and relations compiled for PostgreSQL, as named, fully typed exports:
 * `import * as schema from 'qzpay-drizzle/schema/pg'` works with `drizzle(client, { schema })`
 * (relational queries typed, a misspelt relation does not compile), and a host's drizzle-kit config
 * can list this module. Built by the one schema builder (build.ts); only the export names live here.
 */
import type { PgColumn } from 'drizzle-orm/pg-core';
import { buildDialectSchema, type TableRelations } from './build.js';
import { compilePgTable, type PgTableOf } from './compile/pg.js';
import type { TableDescriptions } from './registry.js';

export type { Rows, TableRelations } from './build.js';
export type PgTables = { [K in keyof TableDescriptions]: PgTableOf<TableDescriptions[K]> };

const built = buildDialectSchema<PgTables, PgColumn>(compilePgTable);
/** Every table keyed by its TypeScript name. */
export const pgTables: PgTables = built.tables;
/** Every table's relations keyed `<table>Relations` (tables without foreign keys either way have none). */
export const pgRelations: TableRelations = built.relations;

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
} = pgTables;

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
} = pgRelations;
