/**
 * The library's tables compiled for sqlite. Host applications can add these exports to their own
 * drizzle-kit config or pass `{ ...sqliteTables, ...sqliteRelations }` as a Drizzle `schema`.
 */
import { relations } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { RowOf } from './describe.js';
import { compileAll } from './compile/all.js';
import { compileSQLiteTable, type SQLiteTableOf } from './compile/sqlite.js';
import { buildRelations } from './compile/shared.js';
import { tableDescriptions, type TableDescriptions } from './registry.js';

export type SQLITEqliteTables = { [K in keyof TableDescriptions]: SQLiteTableOf<TableDescriptions[K]> };

export const sqliteTables: SQLITEqliteTables = compileAll<TableDescriptions, SQLiteColumn, SQLITEqliteTables>(
  tableDescriptions,
  compileSQLiteTable,
);

export const sqliteRelations = buildRelations(tableDescriptions, sqliteTables as never, relations as never);

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
} = sqliteTables;
