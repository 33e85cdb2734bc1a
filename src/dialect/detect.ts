/**
 * Finds out, once, which dialect and driver a Drizzle database runs on, from Drizzle's own
 * entity kinds (no driver module is imported), and wraps its client in a `Driver`.
 */
import { entityKind } from 'drizzle-orm';
import { QZPayUnsupportedDriverError, QZPayValidationError } from '../contract/errors.js';
import { driverModules } from './drivers/index.js';
import type { DialectName, Driver, DriverModule, DriverSettings } from './drivers/types.js';

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

/** What the caller asked for; an unset `prepare` takes whatever the client already uses. */
export interface RequestedSettings {
  readonly prepare?: boolean | undefined;
}

interface Wrapped {
  readonly driver: Driver;
  /** Read by the driver on every statement. */
  readonly settings: { prepare: boolean };
  /** Whether a caller chose `prepare`; until then a later choice may still set it. */
  chosen: boolean;
}

// One Driver per client: storages sharing a single-connection client must share its mutex, and a
// client's connections either go through a transaction pooler or not, so `prepare` is per client.
const drivers = new WeakMap<object, Wrapped>();

function applySettings(wrapped: Wrapped, requested: RequestedSettings): void {
  if (requested.prepare === undefined) return;
  if (wrapped.chosen && wrapped.settings.prepare !== requested.prepare) {
    throw new QZPayValidationError('prepare', `this client is already used with prepare: ${String(wrapped.settings.prepare)}`);
  }
  wrapped.settings.prepare = requested.prepare;
  wrapped.chosen = true;
}

/** Resolves the driver behind a Drizzle database; a `withReplicas` database resolves to its primary. */
export function driverFromDrizzle(db: unknown, dialectOverride?: DialectName, requested: RequestedSettings = {}): Driver {
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
  let wrapped = drivers.get(client);
  if (!wrapped) {
    const settings = { prepare: true };
    wrapped = { driver: entry.wrap(client, settings satisfies DriverSettings), settings, chosen: false };
    drivers.set(client, wrapped);
  }
  applySettings(wrapped, requested);
  return wrapped.driver;
}
