/**
 * Finds out, once, which dialect and driver a Drizzle database runs on, from Drizzle's own
 * entity kinds (no driver module is imported), and wraps its client in a `Driver`.
 */
import { entityKind } from 'drizzle-orm';
import { QZPayUnsupportedDriverError } from '../contract/errors.js';
import { driverModules } from './drivers/index.js';
import type { DialectName, Driver, DriverModule } from './drivers/types.js';

interface DrizzleLike {
  session?: { constructor?: { [entityKind]?: string } };
  $client?: unknown;
  $primary?: DrizzleLike;
}

const byDatabaseKind = new Map<string, DriverModule>(driverModules.map((m) => [m.sessionKind, m]));
const supported = driverModules.map((m) => (m.name === 'pglite' ? 'PGlite' : m.name)).join(', ');

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
  const entry = kind === undefined ? undefined : byDatabaseKind.get(kind);
  if (!entry || target?.$client === undefined) {
    throw new QZPayUnsupportedDriverError(
      `${describe(db)} (supported: Drizzle databases on ${supported})`,
    );
  }
  if (dialectOverride && dialectOverride !== entry.dialect) {
    throw new QZPayUnsupportedDriverError(`${kind} is a ${entry.dialect} driver, not ${dialectOverride}`);
  }
  const client = target.$client as object;
  let driver = drivers.get(client);
  if (!driver) {
    driver = entry.wrap(client);
    drivers.set(client, driver);
  }
  return driver;
}
