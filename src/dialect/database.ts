/**
 * The Drizzle databases the library accepts, typed by flavour (a PostgreSQL, MySQL or SQLite
 * Drizzle database, with or without a schema, `withReplicas` included), so passing anything
 * else is a compile error rather than QZPayUnsupportedDriverError at run time. Only drizzle-orm's
 * core modules are named: no driver package is needed to compile against these types.
 * Which drivers actually work is checked when the storage is made (src/dialect/detect.ts).
 */
import type { MySqlDatabase, MySqlQueryResultHKT, PreparedQueryHKTBase } from 'drizzle-orm/mysql-core';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';

export type QZPayDrizzleDatabase =
  | PgDatabase<PgQueryResultHKT, Record<string, unknown>>
  | MySqlDatabase<MySqlQueryResultHKT, PreparedQueryHKTBase, Record<string, unknown>>
  | BaseSQLiteDatabase<'sync' | 'async', unknown, Record<string, unknown>>;
