/**
 * The schema modules `qzpay-drizzle/schema/{pg,mysql,sqlite}` (issue 14 §4, issue 16 §8):
 * - their named exports (what drizzle-kit and `import * as schema` read) are exactly the tables of
 *   the descriptions and the relations the one builder derives, the same objects as `xTables` /
 *   `xRelations`;
 * - the generated relation types (src/schema/relations.generated.ts) match the built relations;
 * - `import * as schema` works at run time with `drizzle(client, { schema })` relational queries,
 *   on every dialect.
 */
import { readFileSync } from 'node:fs';
import { getTableName, is, Relations, Table } from 'drizzle-orm';
import type { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { relationTypesPath, renderRelationTypes } from '../../scripts/schema-types.js';
import * as mysqlSchema from '../../src/schema/mysql.js';
import * as pgSchema from '../../src/schema/pg.js';
import { tableDescriptions } from '../../src/schema/registry.js';
import * as sqliteSchema from '../../src/schema/sqlite.js';
import { hostDrizzle } from '../harness/host-drizzle.js';
import { forEachDialect } from '../harness/index.js';

const modules = {
  pg: { module: pgSchema as Record<string, unknown>, tables: pgSchema.pgTables as Record<string, unknown>, relations: pgSchema.pgRelations as Record<string, unknown> },
  mysql: { module: mysqlSchema as Record<string, unknown>, tables: mysqlSchema.mysqlTables as Record<string, unknown>, relations: mysqlSchema.mysqlRelations as Record<string, unknown> },
  sqlite: { module: sqliteSchema as Record<string, unknown>, tables: sqliteSchema.sqliteTables as Record<string, unknown>, relations: sqliteSchema.sqliteRelations as Record<string, unknown> },
};

describe('schema module exports', () => {
  for (const [dialect, { module, tables, relations }] of Object.entries(modules)) {
    it(`${dialect}: one named export per table description and per derived relation, no others`, () => {
      const tableExports = Object.keys(module).filter((k) => is(module[k], Table)).sort();
      expect(tableExports).toEqual(Object.keys(tableDescriptions).sort());
      for (const key of tableExports) {
        expect(module[key]).toBe(tables[key]);
        expect(getTableName(module[key] as Table)).toBe(tableDescriptions[key as keyof typeof tableDescriptions].name);
      }
      const relationExports = Object.keys(module).filter((k) => is(module[k], Relations)).sort();
      expect(relationExports).toEqual(Object.keys(relations).sort());
      expect(relationExports).toHaveLength(21);
      for (const key of relationExports) expect(module[key]).toBe(relations[key]);
    });
  }

  it('the generated relation types match the relations the builder derives', () => {
    expect(readFileSync(relationTypesPath, 'utf8')).toBe(renderRelationTypes());
  });
});

forEachDialect('import * as schema with drizzle(client, { schema })', (ctx) => {
  it('loads `many` relations (parent to children)', async () => {
    const { storage, dialect } = ctx();
    const customer = await storage.customers.create({ externalId: 'rel-1', email: 'rel@x.io' });
    await storage.subscriptions.create({ id: 'sub-rel-1', customerId: customer.id, planId: 'plan-a' });
    await storage.subscriptions.create({ id: 'sub-rel-2', customerId: customer.id, planId: 'plan-b' });
    const db = await hostDrizzle(ctx().target, ctx().db.main.db, { schema: modules[dialect].module });
    // MariaDB has no LATERAL joins: Drizzle's 'planetscale' mode builds correlated subqueries instead.
    // One query shape per dialect; the result types are those of test/types/schema-relations.ts.
    const rows = await (db as ReturnType<typeof drizzleSqlite<typeof sqliteSchema>>).query.customers.findMany({
      where: (c, { eq }) => eq(c.id, customer.id),
      // No `orderBy` inside `with`: on MariaDB it nests the correlation one level deeper than it allows.
      with: { subscriptions: { columns: { id: true, planId: true } } },
    });
    expect(rows.map((r) => ({ email: r.email, subscriptions: [...r.subscriptions].sort((x, y) => x.id.localeCompare(y.id)) }))).toEqual([
      { email: 'rel@x.io', subscriptions: [{ id: 'sub-rel-1', planId: 'plan-a' }, { id: 'sub-rel-2', planId: 'plan-b' }] },
    ]);
  });

  it('loads `one` relations (child to parent), except on MariaDB where Drizzle 0.45 cannot', async () => {
    const { storage, dialect } = ctx();
    const customer = await storage.customers.create({ externalId: 'rel-2', email: 'rel2@x.io' });
    await storage.subscriptions.create({ id: 'sub-rel-3', customerId: customer.id, planId: 'plan-a' });
    const db = await hostDrizzle(ctx().target, ctx().db.main.db, { schema: modules[dialect].module });
    const query = (db as ReturnType<typeof drizzleSqlite<typeof sqliteSchema>>).query.subscriptions.findFirst({
      where: (s, { eq }) => eq(s.id, 'sub-rel-3'),
      with: { customer: { columns: { email: true } }, promoCode: true },
    });
    if (dialect === 'mysql') {
      // Drizzle renders a `one` as a derived table (`limit 1`) that names the outer row; MariaDB
      // does not let a derived table see outer columns (MySQL 8.0.14+ does). Not the schema's doing;
      // pinned here so a Drizzle release that changes it is noticed.
      await expect(query).rejects.toMatchObject({ cause: { errno: 1054 } });
      return;
    }
    const sub = await query;
    expect(sub?.customer).toEqual({ email: 'rel2@x.io' });
    expect(sub?.promoCode).toBeNull();
  });
});
