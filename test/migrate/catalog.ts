/**
 * A comparable dump of everything the migrations create: tables, columns, indexes, constraints,
 * triggers, and the seeded rows (currencies, invoice counters). Two databases built differently
 * must give equal dumps.
 */
import type { DialectName, Driver } from '../../src/dialect/index.js';

const catalogQueries: Record<DialectName, string[]> = {
  pg: [
    "select table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_nullable, column_default, collation_name from information_schema.columns where table_schema = 'public' order by 1, 2",
    "select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2",
    "select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2",
    "select event_object_table, trigger_name, event_manipulation, action_timing, action_statement from information_schema.triggers where trigger_schema = 'public' order by 1, 2, 3",
    "select proname, prosrc from pg_proc where pronamespace = 'public'::regnamespace order by 1",
  ],
  mysql: [
    'select table_name, column_name, column_type, is_nullable, column_default, extra, collation_name from information_schema.columns where table_schema = database() order by 1, 2',
    'select table_name, index_name, seq_in_index, column_name, non_unique from information_schema.statistics where table_schema = database() order by 1, 2, 3',
    'select table_name, constraint_name, referenced_table_name, update_rule, delete_rule from information_schema.referential_constraints where constraint_schema = database() order by 1, 2',
    'select table_name, constraint_name, check_clause from information_schema.check_constraints where constraint_schema = database() order by 1, 2',
    'select event_object_table, trigger_name, event_manipulation, action_timing, action_statement from information_schema.triggers where trigger_schema = database() order by 1, 2',
  ],
  sqlite: ["select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by 1, 2"],
};

const seedQueries = [
  'select * from billing_currencies order by code',
  'select * from billing_sequences order by name',
  'select tag, hash from qzpay_drizzle_migrations order by tag',
];

function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeof v === 'bigint') return v.toString();
  return v;
}

export async function dumpCatalog(dialect: DialectName, driver: Driver): Promise<unknown[][][]> {
  const out: unknown[][][] = [];
  for (const sql of [...catalogQueries[dialect], ...seedQueries]) {
    out.push((await driver.root.all(sql, [])).map((row) => row.map(plain)));
  }
  return out;
}
