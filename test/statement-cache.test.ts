/**
 * Issue 11 §2: list filters and orders come from callers, and every distinct combination is a
 * distinct statement. Thousands of shapes must leave the process and the server with bounded
 * statements: the storage holds at most `statementCache.shapes` rendered shapes and prepares at
 * most `statementCache.prepared` statements on the server; the rest run unprepared with the same
 * results. Measured on one connection (pool of 1), so the server's count is that session's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connected } from '../src/connect.js';
import { resolveDatabase } from '../src/dialect/index.js';
import type { Driver } from '../src/dialect/drivers/types.js';
import { migrate } from '../src/migrate/index.js';
import type { QZPayCustomer } from '../src/contract/entities.js';
import { createEmptyDatabase } from './harness/database.js';
import { type Field, sameValue, type Shape, shapes, type Value } from './harness/list-shapes.js';
import { availableTargets } from './harness/targets.js';

const BOUND = { shapes: 100, prepared: 40 };
const SHAPES = 3_000;
/**
 * Statements the server holds prepared for this session: PostgreSQL lists them, MariaDB counts
 * prepares and closes per session. SQLite has no server: its compiled statements live in the
 * process, so there the process memory check is the measure (unbounded, 3 000 shapes grew it
 * by 52 MB; bounded, by 15).
 */
const heldOnServer: Partial<Record<string, (driver: Driver) => Promise<number>>> = {
  pg: async (driver) => Number((await driver.root.all('select count(*) from pg_prepared_statements', []))[0]?.[0]),
  mysql: async (driver) => {
    const rows = await driver.root.all(
      "select variable_name, variable_value from information_schema.session_status where variable_name in ('COM_STMT_PREPARE', 'COM_STMT_CLOSE')",
      [],
    );
    const value = (name: string) => Number(rows.find((r) => String(r[0]).toUpperCase() === name)?.[1]);
    return value('COM_STMT_PREPARE') - value('COM_STMT_CLOSE');
  },
};
const held = async (dialect: string, driver: Driver): Promise<number> => (await heldOnServer[dialect]?.(driver)) ?? 0;

for (const target of availableTargets()) {
  describe(`statement cache bound [${target.label ?? target.name}]`, () => {
    let database: { url: string; drop(): Promise<void> };
    let conn: Connected;
    let driver: Driver;
    const people: QZPayCustomer[] = [];

    beforeAll(async () => {
      database = await createEmptyDatabase(target);
      conn = await connect(database.url, { poolSize: 1, livemode: false, statementCache: BOUND });
      await migrate(conn.db);
      driver = resolveDatabase(conn.db).driver;
      for (const [i, name, phone] of [[0, 'Ada', null], [1, null, '+1 555'], [2, null, null]] as const) {
        people.push(await conn.storage.customers.create({ externalId: `sc-${i}`, email: `sc${i}@example.com`, name, phone }));
      }
    }, 120_000);
    afterAll(async () => {
      await conn?.close();
      await database?.drop();
    });

    it(`${SHAPES} distinct list shapes: exact results, at most ${BOUND.prepared} statements prepared, bounded memory`, async () => {
      // A value filter matches one customer's value (or, for a field that customer has null, nothing).
      const generator = shapes((field, n) => people[n % people.length]![field] ?? (field.endsWith('At') ? new Date(0) : 'no such value'));
      const run = async () => {
        const shape = generator.next().value as Shape;
        const page = await conn.storage.customers.list({ ...shape, limit: 50 });
        const expected = people.filter((p) => Object.entries(shape.filters).every(([k, v]) => sameValue(p[k as Field], v as Value)));
        expect(page.total).toBe(expected.length);
        expect(page.data.map((c) => c.id).sort()).toEqual(expected.map((p) => p.id).sort());
      };
      // Warm-up: the library's own statements and a first round of shapes, then the baselines.
      for (let i = 0; i < 200; i++) await run();
      const heldBefore = await held(target.name, driver);
      const rssBefore = process.memoryUsage().rss;
      for (let i = 0; i < SHAPES; i++) await run();
      const heldAfter = (await held(target.name, driver)) - heldBefore;
      const grownMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
      // Past the warm-up the prepared set may still take what is left of its bound, never more.
      expect(heldAfter).toBeLessThanOrEqual(BOUND.prepared);
      // Unbounded, one SQLite process grew ~17 MB per 1 000 shapes, a PostgreSQL backend ~60.
      expect(grownMb).toBeLessThan(40);
    }, 300_000);

    it('a storage that prepares nothing gives the same answers', async () => {
      const options = { poolSize: 1, livemode: false, statementCache: { prepared: 0 } } as const;
      // PGlite's data directory has one owner per process: the second storage shares the session.
      const other =
        target.embedded === 'pglite'
          ? { storage: (await import('../src/adapter/factory.js')).createQZPayDrizzleStorage(conn.db, options), close: async () => undefined }
          : await connect(database.url, options);
      try {
        const heldBefore = await held(target.name, driver);
        for (let round = 0; round < 3; round++) {
          const created = await other.storage.customers.create({ externalId: `np-${round}`, email: `NP${round}@Example.com`, metadata: { round } });
          expect(await other.storage.customers.findById(created.id)).toEqual(created);
          expect((await other.storage.customers.findByEmail(`np${round}@example.com`))?.id).toBe(created.id);
          const updated = await other.storage.customers.update(created.id, { name: `n${round}` });
          expect(updated.name).toBe(`n${round}`);
          expect(await conn.storage.customers.findById(created.id)).toEqual(updated);
        }
        expect((await other.storage.customers.list({ filters: { name: 'n1' } })).total).toBe(1);
        // The other storage's connection holds nothing either; this session is unchanged.
        expect(await held(target.name, driver)).toBe(heldBefore);
      } finally {
        await other.close();
      }
    }, 120_000);

    it('rejects a bound that is not a whole number', async () => {
      const { QZPayValidationError } = await import('../src/contract/errors.js');
      const { createQZPayDrizzleStorage } = await import('../src/adapter/factory.js');
      expect(() => createQZPayDrizzleStorage(conn.db, { statementCache: { shapes: 0 } })).toThrow(QZPayValidationError);
      expect(() => createQZPayDrizzleStorage(conn.db, { statementCache: { prepared: 1.5 } })).toThrow(QZPayValidationError);
      expect(() => createQZPayDrizzleStorage(conn.db, { statementCache: { prepared: -1 } })).toThrow(QZPayValidationError);
    });
  });
}
