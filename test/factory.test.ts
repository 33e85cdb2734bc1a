/** The factory: driver detection, unsupported inputs, withReplicas, and the schema's relations. */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { withReplicas } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage } from '../src/adapter/factory.js';
import { parseDatabaseUrl } from '../src/connect.js';
import { QZPayUnsupportedDriverError, QZPayValidationError } from '../src/contract/errors.js';
import { migrate } from '../src/migrate/index.js';
import { sqliteRelations, sqliteTables } from '../src/schema/sqlite.js';

describe('createQZPayDrizzleStorage', () => {
  it('rejects what is not a supported Drizzle database, naming what it received', () => {
    // Each is a compile error (the parameter is a Drizzle database type); cast to reach the run-time check.
    expect(() => createQZPayDrizzleStorage({} as never)).toThrow(QZPayUnsupportedDriverError);
    expect(() => createQZPayDrizzleStorage(null as never)).toThrow(/null|object/);
    expect(() => createQZPayDrizzleStorage(new Database(':memory:') as never)).toThrow(/Database/);
  });

  it('rejects a dialect override that contradicts the database', () => {
    const db = drizzle({ client: new Database(':memory:') });
    expect(() => createQZPayDrizzleStorage(db, { dialect: 'pg' })).toThrow(QZPayUnsupportedDriverError);
    expect(createQZPayDrizzleStorage(db, { dialect: 'sqlite' }).dialect).toBe('sqlite');
  });

  it('uses the primary of a withReplicas database', async () => {
    const primary = drizzle({ client: new Database(':memory:') });
    const replica = drizzle({ client: new Database(':memory:') });
    await migrate(primary);
    const storage = createQZPayDrizzleStorage(withReplicas(primary, [replica]));
    const c = await storage.customers.create({ externalId: 'r1', email: 'r@x.io' });
    expect((await createQZPayDrizzleStorage(primary).customers.findById(c.id))?.id).toBe(c.id);
  });

  it('deadlockRetry: attempts an integer 1..1000, maxBackoffMs a finite number >= 0, else QZPayValidationError naming it', () => {
    const db = drizzle({ client: new Database(':memory:') });
    for (const [retry, field] of [
      [{ attempts: 0 }, 'deadlockRetry.attempts'],
      [{ attempts: 2.5 }, 'deadlockRetry.attempts'],
      [{ attempts: 1001 }, 'deadlockRetry.attempts'],
      [{ maxBackoffMs: -1 }, 'deadlockRetry.maxBackoffMs'],
      [{ maxBackoffMs: Number.POSITIVE_INFINITY }, 'deadlockRetry.maxBackoffMs'],
    ] as const) {
      expect(() => createQZPayDrizzleStorage(db, { deadlockRetry: retry })).toThrow(QZPayValidationError);
      expect(() => createQZPayDrizzleStorage(db, { deadlockRetry: retry })).toThrow(field);
    }
    expect(createQZPayDrizzleStorage(db, { deadlockRetry: { attempts: 1000, maxBackoffMs: 0 } }).dialect).toBe('sqlite');
  });

  it('defaults livemode to true and takes an injected clock', async () => {
    const db = drizzle({ client: new Database(':memory:') });
    await migrate(db);
    const at = new Date('2030-01-02T03:04:05.678Z');
    const c = await createQZPayDrizzleStorage(db, { now: () => at }).customers.create({ externalId: 'c', email: 'c@x.io' });
    expect(c.livemode).toBe(true);
    expect(c.createdAt).toEqual(at);
  });
});

describe('parseDatabaseUrl', () => {
  it('maps each scheme to its dialect and rejects the rest', () => {
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ dialect: 'pg', target: 'postgres://u@h/db' });
    expect(parseDatabaseUrl('postgresql://u@h/db').dialect).toBe('pg');
    expect(parseDatabaseUrl('mysql://u@h/db').dialect).toBe('mysql');
    expect(parseDatabaseUrl('sqlite:./x.sqlite')).toEqual({ dialect: 'sqlite', target: './x.sqlite' });
    expect(parseDatabaseUrl('file:/tmp/x.db')).toEqual({ dialect: 'sqlite', target: '/tmp/x.db' });
    expect(parseDatabaseUrl(':memory:')).toEqual({ dialect: 'sqlite', target: ':memory:' });
    expect(() => parseDatabaseUrl('redis://h')).toThrow(QZPayValidationError);
    expect(parseDatabaseUrl('pglite:/tmp/qz.pglite')).toEqual({ dialect: 'pg', target: '/tmp/qz.pglite', driver: 'pglite' });
    expect(parseDatabaseUrl('pglite:memory:')).toEqual({ dialect: 'pg', target: 'memory:', driver: 'pglite' });
    // A data directory is a path: a query string is refused, not folded into the directory name.
    expect(() => parseDatabaseUrl('pglite:/tmp/qz?options=-c%20x')).toThrow(QZPayValidationError);
  });
});

describe('exported schema relations', () => {
  it('serve Drizzle relational queries across the library tables', async () => {
    const client = new Database(':memory:');
    const plain = drizzle({ client });
    await migrate(plain);
    const storage = createQZPayDrizzleStorage(plain);
    const customer = await storage.customers.create({ externalId: 'rel', email: 'rel@x.io' });
    await storage.subscriptions.create({ id: 'sub-rel', customerId: customer.id, planId: 'p' });
    const db = drizzle({ client, schema: { ...sqliteTables, ...sqliteRelations } });
    // Relations are generated from the descriptions' foreign keys at runtime, so their names are
    // not known to the type system (the tables themselves are fully typed).
    const rows = (await db.query.customers.findMany({ with: { subscriptions: true } })) as unknown as Array<{
      subscriptions: Array<{ id: string }>;
    }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.subscriptions.map((s) => s.id)).toEqual(['sub-rel']);
    const sub = (await db.query.subscriptions.findFirst({ with: { customer: true } })) as unknown as {
      customer: { email: string } | null;
    };
    expect(sub.customer?.email).toBe('rel@x.io');
  });
});
