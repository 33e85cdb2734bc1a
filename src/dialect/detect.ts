/**
 * Finds out, once, which dialect and driver a Drizzle database runs on, from Drizzle's own
 * entity kinds (no driver module is imported), and wraps its client in a `Driver`.
 */
import { entityKind } from 'drizzle-orm';
import { QZPayUnsupportedDriverError } from '../contract/errors.js';
import { betterSqliteDriver, type BetterSqliteDatabase } from './drivers/better-sqlite3.js';
import { libsqlDriver, type LibsqlClient } from './drivers/libsql.js';
import { mysql2Driver } from './drivers/mysql2.js';
import { nodePgDriver, type NodePgPool } from './drivers/node-postgres.js';
import { pgliteDriver, type PGliteClient } from './drivers/pglite.js';
import { postgresJsDriver, type PostgresJsClient } from './drivers/postgres-js.js';
import type { DialectName, Driver } from './drivers/types.js';

interface DrizzleLike {
  session?: { constructor?: { [entityKind]?: string } };
  $client?: unknown;
  $primary?: DrizzleLike;
}

const byDatabaseKind: Record<string, { dialect: DialectName; make: (client: unknown) => Driver }> = {
  PostgresJsSession: { dialect: 'pg', make: (c) => postgresJsDriver(c as PostgresJsClient, false) },
  NodePgSession: { dialect: 'pg', make: (c) => nodePgDriver(c as NodePgPool, false) },
  PgliteSession: { dialect: 'pg', make: (c) => pgliteDriver(c as PGliteClient, false) },
  MySql2Session: { dialect: 'mysql', make: (c) => mysql2Driver(c, false) },
  BetterSQLiteSession: { dialect: 'sqlite', make: (c) => betterSqliteDriver(c as BetterSqliteDatabase, false) },
  LibSQLSession: { dialect: 'sqlite', make: (c) => libsqlDriver(c as LibsqlClient, false) },
};

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return typeof value;
  const kind = (value as DrizzleLike).session?.constructor?.[entityKind];
  return kind ?? (value as object).constructor?.name ?? 'object';
}

// One Driver per client: storages sharing a single-connection client must share its mutex.
const drivers = new WeakMap<object, Driver>();

/** Resolves the driver behind a Drizzle database; a `withReplicas` database resolves to its primary. */
export function driverFromDrizzle(db: unknown, dialectOverride?: DialectName): Driver {
  const target = (db as DrizzleLike | null)?.$primary ?? (db as DrizzleLike | null);
  const kind = target?.session?.constructor?.[entityKind];
  const entry = kind === undefined ? undefined : byDatabaseKind[kind];
  if (!entry || target?.$client === undefined) {
    throw new QZPayUnsupportedDriverError(
      `${describe(db)} (supported: Drizzle databases on postgres-js, node-postgres, PGlite, mysql2, better-sqlite3, libsql)`,
    );
  }
  if (dialectOverride && dialectOverride !== entry.dialect) {
    throw new QZPayUnsupportedDriverError(`${kind} is a ${entry.dialect} driver, not ${dialectOverride}`);
  }
  const client = target.$client as object;
  let driver = drivers.get(client);
  if (!driver) {
    driver = entry.make(client);
    drivers.set(client, driver);
  }
  return driver;
}
