/**
 * A host's own Drizzle database over the client the harness opened (`drizzle({ client, logger,
 * schema })`), with the Drizzle driver of that client: postgres.js or PGlite for PostgreSQL.
 */
import type { Logger } from 'drizzle-orm';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';
import type { Target } from './targets.js';

export interface HostConfig {
  readonly logger?: Logger;
  readonly schema?: Record<string, unknown>;
}

export async function hostDrizzle(target: Target, db: QZPayDrizzleDatabase, config: HostConfig): Promise<QZPayDrizzleDatabase> {
  const client = (db as unknown as { $client: never }).$client;
  if (target.name === 'sqlite') return (await import('drizzle-orm/better-sqlite3')).drizzle({ client, ...config });
  // A relational query needs a mode on MySQL; 'planetscale' is the one without lateral joins.
  if (target.name === 'mysql') {
    const { drizzle } = await import('drizzle-orm/mysql2');
    const logger = config.logger ? { logger: config.logger } : {};
    return drizzle({ client, schema: config.schema ?? {}, mode: 'planetscale', ...logger }) as QZPayDrizzleDatabase;
  }
  if (target.embedded === 'pglite') return (await import('drizzle-orm/pglite')).drizzle({ client, ...config }) as QZPayDrizzleDatabase;
  return (await import('drizzle-orm/postgres-js')).drizzle({ client, ...config }) as QZPayDrizzleDatabase;
}
