/** Entry point of the dialect layer: only the factory, the migrator and `connect` import from here. */
import { driverFromDrizzle, type RequestedSettings } from './detect.js';
import type { DialectName, Driver } from './drivers/types.js';
import { mysqlStrategy } from './mysql.js';
import { pgStrategy } from './pg.js';
import { sqliteStrategy } from './sqlite.js';
import type { DialectStrategy } from './strategy.js';

export type { DialectName, Driver, OpenedDatabase } from './drivers/types.js';
export type { RequestedSettings } from './detect.js';
export { urlDriver, urlDrivers } from './drivers/index.js';
export { parseDatabaseUrl, type ParsedUrl } from './url.js';
export type { DialectStrategy } from './strategy.js';

const strategies: Record<DialectName, (db: unknown) => DialectStrategy> = {
  pg: pgStrategy,
  mysql: mysqlStrategy,
  sqlite: sqliteStrategy,
};

/** Every dialect name, for callers that take one as text (the CLI's `--dialect`). */
export const dialectNames = Object.keys(strategies) as DialectName[];

/** Detects the driver of a Drizzle database once and pairs it with its dialect strategy. */
export function resolveDatabase(
  db: unknown,
  dialect?: DialectName,
  settings: RequestedSettings = {},
): { driver: Driver; strategy: DialectStrategy } {
  const driver = driverFromDrizzle(db, dialect, settings);
  const target = (db as { $primary?: unknown }).$primary ?? db;
  return { driver, strategy: strategies[driver.dialect](target) };
}
