/** Compiles neutral table descriptions into MySQL / MariaDB Drizzle tables. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  datetime,
  decimal,
  foreignKey,
  index,
  json,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  type MySqlColumn,
  type MySqlColumnBuilderBase,
  type MySqlTableWithColumns,
} from 'drizzle-orm/mysql-core';
import type { ColumnSpec, TableDescription } from '../describe.js';
import { sqlName } from '../describe.js';
import { type ColumnConfigsOf, type ConstraintBuilders, columnEntries, partialKeyColumn, tableExtras } from './shared.js';

export type MySqlTableOf<T extends TableDescription> = MySqlTableWithColumns<{
  name: T['name'];
  schema: undefined;
  dialect: 'mysql';
  columns: { [K in keyof ColumnConfigsOf<T>]: MySqlColumn<ColumnConfigsOf<T>[K]> };
}>;

type AnyBuilder = MySqlColumnBuilderBase & {
  notNull(): AnyBuilder;
  primaryKey(): AnyBuilder;
  default(value: unknown): AnyBuilder;
  generatedAlwaysAs(as: unknown, config: { mode: 'stored' | 'virtual' }): AnyBuilder;
};

/**
 * Strings are stored as UTF-8 bytes (`varbinary` / `longblob`) on MySQL and MariaDB: their
 * character collations compare case-insensitively by default and, even when binary, ignore
 * trailing spaces (PAD SPACE), so `'abc'` and `'abc '` would collide in a unique key there and
 * nowhere else. Byte columns compare exactly, as PostgreSQL and SQLite do. A character needs up
 * to 4 bytes; the character limit itself is checked by the repository, identically everywhere.
 * `longblob` also lifts TEXT's 64 KB cap so long text behaves as on the other dialects.
 */
const fromUtf8 = (value: unknown): string => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value));
const utf8Bytes = customType<{ data: string; driverData: unknown; config: { length: number } }>({
  dataType: (config) => `varbinary(${(config?.length ?? 255) * 4})`,
  // Hosts querying these tables through Drizzle get strings back, as on the other dialects.
  fromDriver: fromUtf8,
});
const utf8LongBytes = customType<{ data: string; driverData: unknown }>({
  dataType: () => 'longblob',
  fromDriver: fromUtf8,
});

function baseBuilder(name: string, spec: ColumnSpec): AnyBuilder {
  switch (spec.kind) {
    case 'id':
    case 'string':
      return utf8Bytes(name, { length: spec.maxLength ?? 255 }) as unknown as AnyBuilder;
    case 'text':
      return utf8LongBytes(name) as unknown as AnyBuilder;
    case 'boolean':
      return boolean(name) as unknown as AnyBuilder;
    case 'integer':
      return bigint(name, { mode: 'number' }) as unknown as AnyBuilder;
    case 'decimal':
      return decimal(name, { precision: spec.precision ?? 12, scale: spec.scale ?? 2 }) as unknown as AnyBuilder;
    case 'timestamp':
      // datetime(3) holds the UTC wall clock we write; no session time zone is involved.
      return datetime(name, { fsp: 3, mode: 'date' }) as unknown as AnyBuilder;
    case 'json':
      return json(name) as unknown as AnyBuilder;
  }
}

function columnBuilder(key: string, spec: ColumnSpec): AnyBuilder {
  let out = baseBuilder(sqlName(key), spec);
  if (!spec.nullable) out = out.notNull();
  if (spec.primaryKey) out = out.primaryKey();
  if (spec.dbDefault !== undefined) out = out.default(spec.dbDefault);
  return out;
}

export function compileMySqlTable<T extends TableDescription>(
  desc: T,
  registry: Map<string, Record<string, MySqlColumn>>,
): MySqlTableOf<T> {
  const columns: Record<string, MySqlColumnBuilderBase> = {};
  for (const [key, spec] of columnEntries(desc)) columns[key] = columnBuilder(key, spec);
  // MySQL has no partial indexes: for `unique ... where status = 'pending'` each indexed column
  // gets a stored generated twin that is NULL unless the predicate holds, and the unique index
  // covers the twins (NULLs never collide), which is the same constraint.
  for (const idx of desc.indexes) {
    if (!idx.where) continue;
    for (const key of idx.columns) {
      const spec = desc.columns[key]!.spec;
      const twin = partialKeyColumn(key, idx);
      const predicate = `\`${sqlName(idx.where.column)}\` = '${idx.where.equals}'`;
      columns[twin] = baseBuilder(twin, { ...spec, nullable: true, primaryKey: false }).generatedAlwaysAs(
        sql.raw(`(case when ${predicate} then \`${sqlName(key)}\` end)`),
        { mode: 'stored' },
      );
    }
  }
  const table = mysqlTable(desc.name, columns, (t) =>
    tableExtras(desc, t as unknown as Record<string, MySqlColumn>, registry, {
      primaryKey, index, uniqueIndex, foreignKey,
      partialUnique: { kind: 'twins' },
    } as unknown as ConstraintBuilders<MySqlColumn>) as never,
  );
  registry.set(desc.name, table as unknown as Record<string, MySqlColumn>);
  return table as unknown as MySqlTableOf<T>;
}
