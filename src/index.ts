/** qzpay-drizzle: QZPay billing storage on PostgreSQL, MySQL/MariaDB and SQLite through Drizzle. */
export * from './contract/index.js';
export {
  createQZPayDrizzleStorage,
  type QZPayDrizzleStorageHandle,
  type QZPayDrizzleStorageOptions,
} from './adapter/factory.js';
export type { QZPayQueryEvent } from './adapter/observe.js';
export { connect, parseDatabaseUrl, type ConnectOptions, type Connected, type ParsedUrl } from './connect.js';
export {
  migrate,
  migrationStatus,
  hostMigrationSql,
  refoldCaseKeys,
  MigrationAdoptionError,
  MigrationDataConflictError,
  type MigrateOptions,
  type MigrationStatus,
} from './migrate/index.js';
export type { DialectName } from './dialect/index.js';
export type { QZPayDrizzleDatabase } from './dialect/database.js';
export { doctor, formatDoctor, type DoctorCheck, type DoctorOptions, type DoctorVerdict } from './doctor/index.js';
