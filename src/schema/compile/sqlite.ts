/** Compiles neutral table descriptions into SQLite Drizzle tables. */
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type SQLiteColumn,
  type SQLiteColumnBuilderBase,
  type SQLiteTableWithColumns,
} from 'drizzle-orm/sqlite-core';
import type { ColumnSpec, TableDescription } from '../describe.js';
import { sqlName } from '../describe.js';
import { type ColumnConfigsOf, type ConstraintBuilders, columnEntries, tableExtras } from './shared.js';

export type SQLiteTableOf<T extends TableDescription> = SQLiteTableWithColumns<{
  name: T['name'];
  schema: undefined;
  dialect: 'sqlite';
  columns: { [K in keyof ColumnConfigsOf<T>]: SQLiteColumn<ColumnConfigsOf<T>[K]> };
}>;

type AnyBuilder = SQLiteColumnBuilderBase & {
  notNull(): AnyBuilder;
  primaryKey(): AnyBuilder;
  default(value: unknown): AnyBuilder;
};

function columnBuilder(key: string, spec: ColumnSpec): AnyBuilder {
  const name = sqlName(key);
  const b = ((): unknown => {
    switch (spec.kind) {
      case 'id':
      case 'string':
      case 'text':
        // SQLite ignores declared lengths; the repository validates them so all dialects agree.
        return text(name);
      case 'boolean':
        return integer(name, { mode: 'boolean' });
      case 'integer':
        return integer(name, { mode: 'number' });
      case 'decimal':
        return real(name);
      case 'timestamp':
        return integer(name, { mode: 'timestamp_ms' });
      case 'json':
        return text(name, { mode: 'json' });
    }
  })() as AnyBuilder;
  let out = b;
  if (!spec.nullable) out = out.notNull();
  if (spec.primaryKey) out = out.primaryKey();
  if (spec.dbDefault !== undefined) out = out.default(spec.dbDefault);
  return out;
}

export function compileSQLiteTable<T extends TableDescription>(
  desc: T,
  registry: Map<string, Record<string, SQLiteColumn>>,
): SQLiteTableOf<T> {
  const columns: Record<string, SQLiteColumnBuilderBase> = {};
  for (const [key, spec] of columnEntries(desc)) columns[key] = columnBuilder(key, spec);
  const table = sqliteTable(desc.name, columns, (t) =>
    tableExtras(desc, t as unknown as Record<string, SQLiteColumn>, registry, {
      primaryKey, index, uniqueIndex, foreignKey,
      partialUnique: { kind: 'where', quote: (i: string) => `"${i}"` },
    } as unknown as ConstraintBuilders<SQLiteColumn>) as never,
  );
  registry.set(desc.name, table as unknown as Record<string, SQLiteColumn>);
  return table as unknown as SQLiteTableOf<T>;
}
