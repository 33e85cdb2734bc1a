/**
 * The one builder behind `qzpay-drizzle/schema/{pg,mysql,sqlite}`: compiles every description with
 * a dialect's table compiler and derives the Drizzle `relations()` from their foreign keys. Each
 * dialect module only names the results as ESM exports (drizzle-kit and `import * as schema` read
 * named exports); test/schema/exports.test.ts checks those names against the descriptions.
 */
import { relations as drizzleRelations, type Relations } from 'drizzle-orm';
import type { RowOf, TableDescription } from './describe.js';
import { compileAll } from './compile/all.js';
import { buildRelations } from './compile/shared.js';
import type { RelationConfigs } from './relations.generated.js';
import { tableDescriptions, type TableDescriptions } from './registry.js';

/** Each table's Drizzle relations, typed from the generated relation list (scripts/schema-types.ts). */
export type TableRelations = {
  [K in keyof RelationConfigs as `${K & string}Relations`]: Relations<TableDescriptions[K & keyof TableDescriptions]['name'], RelationConfigs[K]>;
};

/** Row types derived from the neutral descriptions (identical for every dialect). */
export type Rows = { [K in keyof TableDescriptions]: RowOf<TableDescriptions[K]> };

export interface DialectSchema<Tables> {
  readonly tables: Tables;
  readonly relations: TableRelations;
}

export function buildDialectSchema<Tables, Column>(
  compileOne: (desc: TableDescription, registry: Map<string, Record<string, Column>>) => unknown,
): DialectSchema<Tables> {
  const tables = compileAll<TableDescriptions, Column, Tables>(tableDescriptions, compileOne);
  const relations = buildRelations(tableDescriptions, tables as never, drizzleRelations as never);
  return { tables, relations: relations as TableRelations };
}
