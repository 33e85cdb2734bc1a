/**
 * The library's tables compiled for pg. Host applications can add these exports to their own
 * drizzle-kit config or pass `{ ...pgTables, ...pgRelations }` as a Drizzle `schema`.
 */
import { relations } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { RowOf } from './describe.js';
import { compileAll } from './compile/all.js';
import { compilePgTable, type PgTableOf } from './compile/pg.js';
import { buildRelations } from './compile/shared.js';
import { tableDescriptions, type TableDescriptions } from './registry.js';

export type PGgTables = { [K in keyof TableDescriptions]: PgTableOf<TableDescriptions[K]> };

export const pgTables: PGgTables = compileAll<TableDescriptions, PgColumn, PGgTables>(
  tableDescriptions,
  compilePgTable,
);

export const pgRelations = buildRelations(tableDescriptions, pgTables as never, relations as never);

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
} = pgTables;
