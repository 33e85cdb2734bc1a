/**
 * What the three compilers share: the static row typing of compiled tables, constraint naming,
 * and the generation of Drizzle `relations()` from the foreign keys of the descriptions.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Col, ColumnSpec, IndexSpec, OnDelete, TableDescription } from '../describe.js';
import { referencedTable, sqlName } from '../describe.js';

/** Column type config handed to Drizzle's generic column types, derived from a description. */
export interface NeutralColumnConfig<TTable extends string, TData, TNullable extends boolean> {
  name: string;
  tableName: TTable;
  dataType: 'custom';
  columnType: string;
  data: TData;
  driverParam: unknown;
  notNull: TNullable extends true ? false : true;
  hasDefault: false;
  isPrimaryKey: false;
  isAutoincrement: false;
  hasRuntimeDefault: false;
  enumValues: undefined;
  baseColumn: never;
  identity: undefined;
  generated: undefined;
}

/** Maps each column of a description to `TColumn<config>` for one dialect. */
export type ColumnConfigsOf<T extends TableDescription> = {
  [K in keyof T['columns'] & string]: T['columns'][K] extends Col<infer V, infer N>
    ? NeutralColumnConfig<T['name'], V, N>
    : never;
};

/** MySQL caps identifiers at 64 characters; longer names are cut and suffixed deterministically. */
export function constraintName(name: string): string {
  if (name.length <= 64) return name;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 55)}_${hash.toString(36).slice(0, 8)}`;
}

export function foreignKeyName(table: TableDescription, key: string): string {
  return constraintName(`${table.name}_${sqlName(key)}_fk`);
}

export function columnEntries(table: TableDescription): Array<[string, ColumnSpec]> {
  return Object.entries(table.columns).map(([key, col]) => [key, col.spec]);
}

/** Column names of the generated "key while predicate holds" columns MySQL uses for partial uniques. */
export function partialKeyColumn(key: string, index: IndexSpec): string {
  if (!index.where) throw new Error(`index ${index.name} is not partial`);
  return `${sqlName(key)}_if_${index.where.equals}`;
}

interface RelationHelpers {
  one: (table: never, config: { fields: unknown[]; references: unknown[]; relationName: string }) => unknown;
  many: (table: never, config: { relationName: string }) => unknown;
}
type RelationsFn = (table: never, build: (helpers: RelationHelpers) => Record<string, unknown>) => unknown;
type CompiledMap = Record<string, Record<string, unknown>>;

/**
 * One `relations()` per table: a `one` per foreign key (named after the column without its `Id`
 * suffix) and, on the referenced table, a `many` named `<childTable>By<Column>` when a child has
 * several keys to it, else after the child table. Relation names pair both ends unambiguously.
 */
export function buildRelations(
  descriptions: Record<string, TableDescription>,
  compiled: CompiledMap,
  relations: RelationsFn,
): Record<string, unknown> {
  const byName = new Map(Object.entries(descriptions).map(([key, d]) => [d.name, key]));
  const out: Record<string, unknown> = {};
  for (const [tableKey, desc] of Object.entries(descriptions)) {
    const parentsOf = columnEntries(desc).filter(([, spec]) => spec.references);
    const children: Array<{ childKey: string; column: string; many: number }> = [];
    for (const [childKey, child] of Object.entries(descriptions)) {
      const fks = columnEntries(child).filter(([, s]) => s.references !== undefined && referencedTable(s.references) === desc.name);
      for (const [column] of fks) children.push({ childKey, column, many: fks.length });
    }
    if (parentsOf.length === 0 && children.length === 0) continue;
    const self = compiled[tableKey] as never;
    out[`${tableKey}Relations`] = relations(self, ({ one, many }) => {
      const rel: Record<string, unknown> = {};
      for (const [column, spec] of parentsOf) {
        const ref = spec.references!;
        const parentKey = byName.get(referencedTable(ref));
        if (!parentKey) throw new Error(`${desc.name}.${column} references unknown table ${referencedTable(ref)}`);
        const parent = compiled[parentKey]!;
        rel[column.replace(/Id$/, '')] = one(parent as never, {
          fields: [compiled[tableKey]![column]],
          references: [parent[ref.column]],
          relationName: `${desc.name}.${column}`,
        });
      }
      for (const { childKey, column, many: count } of children) {
        const name = count > 1 ? `${childKey}By${column[0]!.toUpperCase()}${column.slice(1)}` : childKey;
        rel[name] = many(compiled[childKey] as never, {
          relationName: `${descriptions[childKey]!.name}.${column}`,
        });
      }
      return rel;
    });
  }
  return out;
}

/** The constraint builders of one dialect's Drizzle core, as the shared extras builder uses them. */
export interface ConstraintBuilders<C> {
  primaryKey(config: { columns: [C, ...C[]] }): unknown;
  index(name: string): { on(...columns: [C, ...C[]]): unknown };
  uniqueIndex(name: string): { on(...columns: [C, ...C[]]): { where(condition: SQL): unknown } };
  foreignKey(config: { name: string; columns: [C]; foreignColumns: [C] }): { onDelete(action: OnDelete): unknown };
  /**
   * How a partial unique index is expressed: a native `WHERE` (PostgreSQL, SQLite), or the
   * columns to index instead (MySQL's generated twins), returned by this function.
   */
  partialUnique: { kind: 'where'; quote: (identifier: string) => string } | { kind: 'twins' };
}

/**
 * Primary key, indexes and foreign keys of a description, built with one dialect's builders.
 * Foreign-key targets are looked up in `registry` by SQL table name (compiled beforehand).
 */
export function tableExtras<C>(
  desc: TableDescription,
  cols: Record<string, C>,
  registry: Map<string, Record<string, C>>,
  b: ConstraintBuilders<C>,
): unknown[] {
  const pick = (keys: readonly string[]) => keys.map((k) => cols[k]!) as [C, ...C[]];
  const extras: unknown[] = [];
  if (desc.primaryKey) extras.push(b.primaryKey({ columns: pick(desc.primaryKey) }));
  for (const idx of desc.indexes) {
    const name = constraintName(idx.name);
    if (!idx.unique) {
      extras.push(b.index(name).on(...pick(idx.columns)));
    } else if (!idx.where) {
      extras.push(b.uniqueIndex(name).on(...pick(idx.columns)));
    } else if (b.partialUnique.kind === 'twins') {
      extras.push(b.uniqueIndex(name).on(...pick(idx.columns.map((k) => partialKeyColumn(k, idx)))));
    } else {
      const predicate = `${b.partialUnique.quote(sqlName(idx.where.column))} = '${idx.where.equals}'`;
      extras.push(b.uniqueIndex(name).on(...pick(idx.columns)).where(sql.raw(predicate)));
    }
  }
  for (const [key, spec] of columnEntries(desc)) {
    const ref = spec.references;
    if (!ref) continue;
    const target = registry.get(referencedTable(ref))?.[ref.column];
    if (!target) throw new Error(`foreign key target ${referencedTable(ref)}.${ref.column} is not compiled yet`);
    extras.push(b.foreignKey({ name: foreignKeyName(desc, key), columns: [cols[key]!], foreignColumns: [target] }).onDelete(ref.onDelete));
  }
  return extras;
}
