/** Compiles neutral table descriptions into PostgreSQL Drizzle tables. */
import {
  bigint,
  boolean,
  customType,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  timestamp,
  uniqueIndex,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import type { ColumnSpec, TableDescription } from '../describe.js';
import { sqlName } from '../describe.js';
import { type ColumnConfigsOf, type ConstraintBuilders, columnEntries, tableExtras } from './shared.js';

export type PgTableOf<T extends TableDescription> = PgTableWithColumns<{
  name: T['name'];
  schema: undefined;
  dialect: 'pg';
  columns: { [K in keyof ColumnConfigsOf<T>]: PgColumn<ColumnConfigsOf<T>[K]> };
}>;

// The builders' generic types differ per kind; the description, not Drizzle, is the typed source.
type AnyBuilder = PgColumnBuilderBase & {
  notNull(): AnyBuilder;
  primaryKey(): AnyBuilder;
  default(value: unknown): AnyBuilder;
};

/**
 * Every string column compares by code point (`COLLATE "C"`), whatever the database's default
 * collation: an ICU or `en_US` database (the default on most managed services) would otherwise
 * order `_x, a, A, b, B` where SQLite (BINARY) and MySQL (varbinary) give `A, B, _x, a, b`, and
 * break id tie-breaks differently. On UTF-8 text, byte order is code point order, so the three
 * dialects agree for every ORDER BY, range comparison and keyset cursor.
 */
const codePointVarchar = customType<{ data: string; driverData: string; config: { length: number } }>({
  dataType: (config) => `varchar(${config?.length ?? 255}) COLLATE "C"`,
});
const codePointText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

function columnBuilder(key: string, spec: ColumnSpec): AnyBuilder {
  const name = sqlName(key);
  const b = ((): unknown => {
    switch (spec.kind) {
      case 'id':
      case 'string':
        return codePointVarchar(name, { length: spec.maxLength ?? 255 });
      case 'text':
        return codePointText(name);
      case 'boolean':
        return boolean(name);
      case 'integer':
        return bigint(name, { mode: 'number' });
      case 'decimal':
        return numeric(name, { precision: spec.precision ?? 12, scale: spec.scale ?? 2 });
      case 'timestamp':
        return timestamp(name, { precision: 3, withTimezone: true, mode: 'date' });
      case 'json':
        return jsonb(name);
    }
  })() as AnyBuilder;
  let out = b;
  if (!spec.nullable) out = out.notNull();
  if (spec.primaryKey) out = out.primaryKey();
  if (spec.dbDefault !== undefined) out = out.default(spec.dbDefault);
  return out;
}

/** `registry` resolves foreign-key targets by SQL table name, so tables compile in any order. */
export function compilePgTable<T extends TableDescription>(
  desc: T,
  registry: Map<string, Record<string, PgColumn>>,
): PgTableOf<T> {
  const columns: Record<string, PgColumnBuilderBase> = {};
  for (const [key, spec] of columnEntries(desc)) columns[key] = columnBuilder(key, spec);
  const table = pgTable(desc.name, columns, (t) =>
    tableExtras(desc, t as unknown as Record<string, PgColumn>, registry, {
      primaryKey, index, uniqueIndex, foreignKey,
      partialUnique: { kind: 'where', quote: (i: string) => `"${i}"` },
    } as unknown as ConstraintBuilders<PgColumn>) as never,
  );
  registry.set(desc.name, table as unknown as Record<string, PgColumn>);
  return table as unknown as PgTableOf<T>;
}

