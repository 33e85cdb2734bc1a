/**
 * Type-level checks of the entry points' database parameter (`tsc --noEmit` fails if any is
 * false): every supported Drizzle database, with or without a schema, is accepted; a raw client
 * or anything else is a compile error (issue 16 §7).
 */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { createQZPayDrizzleStorage } from '../../src/adapter/factory.js';
import type { migrate } from '../../src/migrate/index.js';
import type * as mysqlSchema from '../../src/schema/mysql.js';
import type * as pgSchema from '../../src/schema/pg.js';
import type * as sqliteSchema from '../../src/schema/sqlite.js';

type Accepts<T> = T extends Parameters<typeof createQZPayDrizzleStorage>[0] ? (T extends Parameters<typeof migrate>[0] ? true : false) : false;
const yes = <T extends true>(): T => true as T;

yes<Accepts<PostgresJsDatabase>>();
yes<Accepts<PostgresJsDatabase<typeof pgSchema>>>();
yes<Accepts<NodePgDatabase<typeof pgSchema>>>();
yes<Accepts<PgliteDatabase>>();
yes<Accepts<MySql2Database>>();
yes<Accepts<MySql2Database<typeof mysqlSchema>>>();
yes<Accepts<BetterSQLite3Database>>();
yes<Accepts<BetterSQLite3Database<typeof sqliteSchema>>>();
yes<Accepts<LibSQLDatabase>>();
// @ts-expect-error a raw driver client is not a Drizzle database
yes<Accepts<Database.Database>>();
// @ts-expect-error nor is a plain object
yes<Accepts<{ $client: unknown }>>();
