/** Direct access to the library's table repositories for schema-level tests (no hand-written SQL), wired by the factory. */
import type { Repositories } from '../../src/adapter/env.js';
import { composeStorage } from '../../src/adapter/factory.js';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';

export function repositoriesFor(db: QZPayDrizzleDatabase, options: { now?: () => Date } = {}): Repositories {
  return composeStorage(db, options).env.repos;
}
