/**
 * A fresh, migrated database per test file and dialect: created on the server under a random
 * name, built by running the real migrations through `migrate()`, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Connected } from '../../src/connect.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import type { Driver } from '../../src/dialect/drivers/types.js';
import { migrate } from '../../src/migrate/index.js';
import type { Target } from './targets.js';

export interface TestDatabase {
  readonly url: string;
  /** A storage on its own connection pool (livemode true unless overridden). */
  readonly main: Connected;
  /** Raw statements for assertions (counts, direct SQL) on the same database. */
  readonly driver: Driver;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** An empty database (no migrations run) for migrator tests; `drop` removes it. */
export async function createEmptyDatabase(target: Target): Promise<{ url: string; drop(): Promise<void> }> {
  if (target.embedded === 'pglite') {
    // A data directory PGlite creates on first open.
    const dir = `/tmp/qzpay_t_${randomBytes(6).toString('hex')}.pglite`;
    return {
      url: `pglite:${dir}`,
      drop: async () => {
        const { rmSync } = await import('node:fs');
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (target.serverUrl === null) {
    const file = `/tmp/qzpay_t_${randomBytes(6).toString('hex')}.sqlite`;
    return {
      url: `sqlite:${file}`,
      drop: async () => {
        const { rmSync } = await import('node:fs');
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const name = `qzpay_t_${randomBytes(6).toString('hex')}`;
  const admin = await connect(target.serverUrl, { poolSize: 1 });
  const adminDriver = resolveDatabase(admin.db).driver;
  await adminDriver.root.control(
    target.name === 'mysql' ? `create database ${name} character set utf8mb4` : `create database ${name}`,
  );
  return {
    url: withDatabase(target.serverUrl, name),
    drop: async () => {
      await adminDriver.root.control(
        target.name === 'pg' ? `drop database if exists ${name} with (force)` : `drop database if exists ${name}`,
      );
      await admin.close();
    },
  };
}

export async function createTestDatabase(target: Target): Promise<TestDatabase> {
  if (target.serverUrl === null) {
    const url = target.embedded === 'pglite' ? 'pglite:memory:' : ':memory:';
    const main = await connect(url);
    await migrate(main.db);
    return { url, main, driver: resolveDatabase(main.db).driver, drop: () => main.close() };
  }
  const name = `qzpay_t_${randomBytes(6).toString('hex')}`;
  const admin = await connect(target.serverUrl, { poolSize: 1 });
  const adminDriver = resolveDatabase(admin.db).driver;
  await adminDriver.root.control(
    target.name === 'mysql' ? `create database ${name} character set utf8mb4` : `create database ${name}`,
  );
  const url = withDatabase(target.serverUrl, name);
  const main = await connect(url, { poolSize: 5 });
  await migrate(main.db);
  return {
    url,
    main,
    driver: resolveDatabase(main.db).driver,
    drop: async () => {
      await main.close();
      await adminDriver.root.control(
        target.name === 'pg' ? `drop database if exists ${name} with (force)` : `drop database if exists ${name}`,
      );
      await admin.close();
    },
  };
}
