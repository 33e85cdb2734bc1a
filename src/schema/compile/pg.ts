/** Compiles neutral table descriptions into PostgreSQL Drizzle tables. */
import {
  bigint,
  boolean,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
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

function columnBuilder(key: string, spec: ColumnSpec): AnyBuilder {
  const name = sqlName(key);
  const b = ((): unknown => {
    switch (spec.kind) {
      case 'id':
      case 'string':
        return varchar(name, { length: spec.maxLength ?? 255 });
      case 'text':
        return text(name);
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

