/** Compiles neutral table descriptions into PostgreSQL Drizzle tables. */
import { sql } from 'drizzle-orm';
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
import { type ColumnConfigsOf, columnEntries, constraintName, foreignKeyName } from './shared.js';

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
  const table = pgTable(desc.name, columns, (t) => {
    const cols = t as unknown as Record<string, PgColumn>;
    const pick = (keys: readonly string[]) => keys.map((k) => cols[k]!) as [PgColumn, ...PgColumn[]];
    const extras: unknown[] = [];
    if (desc.primaryKey) extras.push(primaryKey({ columns: pick(desc.primaryKey) }));
    for (const idx of desc.indexes) {
      const name = constraintName(idx.name);
      if (idx.unique) {
        const built = uniqueIndex(name).on(...pick(idx.columns));
        extras.push(
          idx.where ? built.where(sql.raw(`"${sqlName(idx.where.column)}" = '${idx.where.equals}'`)) : built,
        );
      } else {
        extras.push(index(name).on(...pick(idx.columns)));
      }
    }
    for (const [key, spec] of columnEntries(desc)) {
      const ref = spec.references;
      if (!ref) continue;
      extras.push(
        foreignKey({
          name: foreignKeyName(desc, key),
          columns: [cols[key]!],
          foreignColumns: [lazyColumn(registry, ref.table, ref.column)],
        }).onDelete(ref.onDelete),
      );
    }
    return extras as never;
  });
  registry.set(desc.name, table as unknown as Record<string, PgColumn>);
  return table as unknown as PgTableOf<T>;
}

function lazyColumn(registry: Map<string, Record<string, PgColumn>>, table: string, column: string): PgColumn {
  const target = registry.get(table)?.[column];
  if (!target) throw new Error(`foreign key target ${table}.${column} is not compiled yet`);
  return target;
}
