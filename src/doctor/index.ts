/**
 * `doctor(db)`: inspects a user's database and deployment and reports one line per check with a
 * verdict and the fix — the server, the migration state, the objects migrations create, and per
 * dialect the settings the library depends on (pg.ts, mysql.ts, sqlite.ts), and the lag of the
 * replicas of a `withReplicas` database (replicas.ts). Read-only: it creates
 * nothing, also on an empty database.
 */
import { resolveDatabase } from '../dialect/index.js';
import type { Driver } from '../dialect/drivers/types.js';
import type { DialectStrategy } from '../dialect/strategy.js';
import { adoptionDifferences } from '../migrate/host-route.js';
import { migrationStatus } from '../migrate/migrator.js';
import { shippedMigrations } from '../migrate/shipped.js';
import { mysqlChecks, mysqlReplicaLag } from './mysql.js';
import { pgChecks, pgReplicaLag } from './pg.js';
import { replicaChecks } from './replicas.js';
import { sqliteChecks } from './sqlite.js';
import { type DoctorCheck, type DoctorContext, fail, ok } from './types.js';
import type { QZPayDrizzleDatabase } from '../dialect/database.js';

export type { DoctorCheck, DoctorVerdict } from './types.js';

export interface DoctorOptions {
  /** The URL the database was opened with: lets the PostgreSQL checks see a pooler in front. */
  readonly url?: string;
  /** Whether the storage uses named prepared statements (default true, as the factory). */
  readonly prepare?: boolean;
}

const VERSION_SQL = { pg: 'select version()', mysql: 'select version()', sqlite: 'select sqlite_version()' } as const;
const DIALECT_CHECKS = { pg: pgChecks, mysql: mysqlChecks, sqlite: sqliteChecks } as const;
const REPLICA_LAG = { pg: pgReplicaLag, mysql: mysqlReplicaLag, sqlite: null } as const;

async function migrationChecks(driver: Driver, strategy: DialectStrategy): Promise<DoctorCheck[]> {
  const status = await migrationStatus(driver, strategy);
  const partial = status.filter((m) => m.state === 'partial');
  const pending = status.filter((m) => m.state === 'pending');
  const tablesExist = (await driver.root.all(strategy.migrations.tableExists, ['billing_customers'])).length > 0;
  if (partial.length > 0) {
    const m = partial[0]!;
    return [fail('migrations', `${m.tag} was interrupted: the next run resumes at statement ${m.nextStatement ?? 0} of ${m.statements}`, 'run migrate() to finish it')];
  }
  if (pending.length === status.length && tablesExist) {
    return [fail('migrations', 'the billing tables exist but the journal records no migration (created by the host\'s own drizzle-kit?)', 'run migrate(): it adopts tables matching the schema, or names what differs')];
  }
  if (pending.length > 0) {
    return [fail('migrations', `${status.length - pending.length} of ${status.length} applied; pending: ${pending.map((m) => m.tag).join(', ')}`, 'run migrate() (or `qzpay-drizzle migrate --url …`)')];
  }
  const differences = await adoptionDifferences(driver.root, strategy, shippedMigrations(driver.dialect));
  return [
    ok('migrations', `${status.length} of ${status.length} applied`),
    differences.length === 0
      ? ok('schema objects', 'every table, column, trigger and seed row is present')
      : fail('schema objects', differences.join('; '), 'restore them from the shipped migrations (hostMigrationSql() prints the triggers and seeds)'),
  ];
}

/** Runs every check; never throws for a finding (only when the database cannot be reached). */
export async function doctor(db: QZPayDrizzleDatabase, options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const prepare = options.prepare ?? true;
  const { driver, strategy } = resolveDatabase(db, undefined, { prepare });
  const one = async (sql: string) => (await driver.root.all(sql, []))[0];
  const version = String((await one(VERSION_SQL[driver.dialect]))?.[0] ?? '').split(/\s+on\s+|,/)[0];
  const context: DoctorContext = { one, url: options.url, prepare };
  return [
    ok('server', `${driver.dialect} ${version ?? ''} through ${driver.name}`.trim()),
    ...(await migrationChecks(driver, strategy)),
    ...(await DIALECT_CHECKS[driver.dialect](context)),
    ...(await replicaChecks(db, driver.dialect, one, REPLICA_LAG[driver.dialect])),
  ];
}

/** The report as text: `verdict  check  detail` and, under a finding, its fix. */
export function formatDoctor(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((c) => c.check.length));
  return checks
    .map((c) => `${c.verdict.padEnd(4)}  ${c.check.padEnd(width)}  ${c.detail}${c.fix ? `\n      fix: ${c.fix}` : ''}`)
    .join('\n');
}
