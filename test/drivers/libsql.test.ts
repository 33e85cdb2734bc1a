/**
 * Issue 10 §5: transactions on `@libsql/client` are real on every version the peer range admits.
 * The normal run uses the pinned devDependency (0.15.x, one connection per local client); the
 * newest-drivers run (scripts/newest-drivers.sh) resolves `@libsql/client` to the newest release
 * (0.18.x: a pool of connections per local client), where a raw BEGIN/COMMIT pair is no
 * transaction. libsql is a SQLite driver, so SQLite is the only dialect here.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage, type QZPayDrizzleStorageHandle } from '../../src/adapter/factory.js';
import { migrate, migrationStatus } from '../../src/migrate/index.js';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';

interface Opened {
  db: QZPayDrizzleDatabase;
  /** `select count(*)` straight through the client, outside the adapter. */
  count(table: string): Promise<number>;
  close(): void;
}

const files: string[] = [];

async function open(url: string): Promise<Opened> {
  const { createClient } = await import('@libsql/client');
  const { drizzle } = await import('drizzle-orm/libsql');
  const client = createClient({ url });
  return {
    db: drizzle({ client }),
    count: async (table) => Number((await client.execute(`select count(*) from ${table}`)).rows[0]?.[0]),
    close: () => client.close(),
  };
}

function tempFile(): string {
  const file = `/tmp/qzpay_libsql_${randomUUID()}.db`;
  files.push(file);
  return `file:${file}`;
}

afterAll(() => {
  for (const file of files) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
});

for (const [kind, url] of [
  ['file', tempFile],
  [':memory:', () => ':memory:'],
] as const) {
  describe(`libsql transactions [${kind}]`, () => {
    let opened: Opened;
    let storage: QZPayDrizzleStorageHandle;
    beforeAll(async () => {
      opened = await open(url());
      // migrate() runs its migrations in one transaction: on a raw BEGIN/COMMIT under a pooled
      // client it failed with "cannot commit - no transaction is active".
      expect(await migrate(opened.db)).toEqual(shippedMigrations('sqlite').map((m) => m.tag));
      storage = createQZPayDrizzleStorage(opened.db);
    });
    afterAll(() => opened?.close());

    it('migrate() journals every migration and a second run applies none', async () => {
      expect((await migrationStatus(opened.db)).map((m) => m.applied)).toEqual(shippedMigrations('sqlite').map(() => true));
      expect(await migrate(opened.db)).toEqual([]);
    });

    it('a throw inside transaction() leaves no row and rethrows the same error', async () => {
      const before = await opened.count('billing_customers');
      const boom = new Error('undo');
      await expect(
        storage.transaction(async () => {
          await storage.customers.create({ externalId: `gone-${randomUUID()}`, email: 'g@libsql.io' });
          await storage.customers.create({ externalId: `gone-${randomUUID()}`, email: 'g@libsql.io' });
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await opened.count('billing_customers')).toBe(before);
    });

    it('a committed transaction keeps its rows and a failed nested one only loses its own', async () => {
      const before = await opened.count('billing_customers');
      const tag = randomUUID();
      const boom = new Error('inner');
      await storage.transaction(async () => {
        await storage.customers.create({ externalId: `outer-${tag}`, email: 'o@libsql.io' });
        await expect(
          storage.transaction(async () => {
            await storage.customers.create({ externalId: `inner-${tag}`, email: 'i@libsql.io' });
            throw boom;
          }),
        ).rejects.toBe(boom);
      });
      expect(await opened.count('billing_customers')).toBe(before + 1);
      expect(await storage.customers.findByExternalId(`outer-${tag}`)).not.toBeNull();
      expect(await storage.customers.findByExternalId(`inner-${tag}`)).toBeNull();
    });

    it('a write outside the transaction, issued while it is open, survives its rollback', async () => {
      const tag = randomUUID();
      const boom = new Error('undo');
      // Chained outside the transaction's async context, so it does not join the transaction.
      let go!: () => void;
      const outside = new Promise<void>((resolve) => (go = resolve)).then(() =>
        storage.customers.create({ externalId: `out-${tag}`, email: 'o@libsql.io' }),
      );
      await expect(
        storage.transaction(async () => {
          await storage.customers.create({ externalId: `in-${tag}`, email: 'i@libsql.io' });
          go();
          await new Promise((resolve) => setImmediate(resolve));
          throw boom;
        }),
      ).rejects.toBe(boom);
      await outside;
      expect(await storage.customers.findByExternalId(`in-${tag}`)).toBeNull();
      expect(await storage.customers.findByExternalId(`out-${tag}`)).not.toBeNull();
    });

    it('ten concurrent transactions each commit exactly their own row', async () => {
      const before = await opened.count('billing_customers');
      const tag = randomUUID();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          storage.transaction(async () => {
            await storage.customers.create({ externalId: `c${i}-${tag}`, email: 'c@libsql.io' });
          }),
        ),
      );
      expect(await opened.count('billing_customers')).toBe(before + 10);
    });
  });
}
