/** The supported drivers, one module each; adding a driver means adding it here. */
import { betterSqlite3 } from './better-sqlite3.js';
import { libsql } from './libsql.js';
import { mysql2 } from './mysql2.js';
import { nodePostgres } from './node-postgres.js';
import { pglite } from './pglite.js';
import { postgresJs } from './postgres-js.js';
import type { DialectName, DriverModule } from './types.js';

export const driverModules: readonly DriverModule[] = [postgresJs, nodePostgres, pglite, mysql2, betterSqlite3, libsql];

/** The driver `connect()` opens for each URL scheme's dialect. */
export const urlDrivers: Record<DialectName, DriverModule> = { pg: postgresJs, mysql: mysql2, sqlite: betterSqlite3 };

/** The driver `connect()` opens for a parsed URL: the one it names (`pglite:`), else its dialect's. */
export function urlDriver(parsed: { readonly dialect: DialectName; readonly driver?: 'pglite' }): DriverModule {
  return parsed.driver === 'pglite' ? pglite : urlDrivers[parsed.dialect];
}
