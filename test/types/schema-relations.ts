/**
 * Type-level checks of the exported schema (issue 14 §4): `tsc --noEmit` fails when an assertion
 * is false. `import * as schema` from each dialect module types Drizzle's relational queries,
 * relations included, with no casts; a misspelt relation or column does not compile.
 */
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type * as mysqlSchema from '../../src/schema/mysql.js';
import type * as pgSchema from '../../src/schema/pg.js';
import type * as sqliteSchema from '../../src/schema/sqlite.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T): void {}

export async function pgQueries(db: PostgresJsDatabase<typeof pgSchema>): Promise<void> {
  const customers = await db.query.customers.findMany({ with: { subscriptions: true } });
  assertType<Equal<(typeof customers)[number]['subscriptions'][number]['id'], string>>(true);
  assertType<Equal<(typeof customers)[number]['email'], string>>(true);
  const sub = await db.query.subscriptions.findFirst({ with: { customer: true, promoCode: true } });
  // subscriptions.customerId is NOT NULL, promoCodeId is nullable.
  assertType<Equal<NonNullable<typeof sub>['customer']['id'], string>>(true);
  assertType<Equal<null extends NonNullable<typeof sub>['promoCode'] ? true : false, true>>(true);
  // @ts-expect-error a misspelt relation is a compile error
  await db.query.customers.findMany({ with: { subscriptionz: true } });
  // @ts-expect-error so is a table that is not in the schema
  await db.query.customer.findMany();
}

export async function mysqlQueries(db: MySql2Database<typeof mysqlSchema>): Promise<void> {
  const invoices = await db.query.invoices.findMany({ with: { invoiceLines: true } });
  assertType<Equal<(typeof invoices)[number]['invoiceLines'][number]['invoiceId'], string>>(true);
  // @ts-expect-error a misspelt relation is a compile error
  await db.query.invoices.findMany({ with: { lines: true } });
}

export async function sqliteQueries(db: BetterSQLite3Database<typeof sqliteSchema>): Promise<void> {
  const payments = await db.query.payments.findMany({ with: { refunds: true, customer: true } });
  assertType<Equal<(typeof payments)[number]['refunds'][number]['amount'], number>>(true);
  // @ts-expect-error a misspelt relation is a compile error
  await db.query.payments.findMany({ with: { refundz: true } });
}
