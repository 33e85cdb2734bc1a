/**
 * The library's tables compiled for mysql. Host applications can add these exports to their own
 * drizzle-kit config or pass `{ ...mysqlTables, ...mysqlRelations }` as a Drizzle `schema`.
 */
import { relations } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { RowOf } from './describe.js';
import { compileAll } from './compile/all.js';
import { compileMySqlTable, type MySqlTableOf } from './compile/mysql.js';
import { buildRelations } from './compile/shared.js';
import { tableDescriptions, type TableDescriptions } from './registry.js';

export type MYSQLysqlTables = { [K in keyof TableDescriptions]: MySqlTableOf<TableDescriptions[K]> };

export const mysqlTables: MYSQLysqlTables = compileAll<TableDescriptions, MySqlColumn, MYSQLysqlTables>(
  tableDescriptions,
  compileMySqlTable,
);

export const mysqlRelations = buildRelations(tableDescriptions, mysqlTables as never, relations as never);

/** Row types derived from the neutral descriptions (identical for every dialect). */
export type Rows = { [K in keyof TableDescriptions]: RowOf<TableDescriptions[K]> };

// Named exports: drizzle-kit discovers tables among a module's exports.
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
