/**
 * Test-only catalog introspection (which tables and indexes exist), the one place tests read
 * each dialect's system catalog. Everything else in the suite goes through the library.
 */
import type { DialectName, Driver } from '../../src/dialect/index.js';

export async function listTables(dialect: DialectName, driver: Driver): Promise<string[]> {
  const sql = {
    pg: "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    mysql: 'select table_name from information_schema.tables where table_schema = database() order by 1',
    sqlite: "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1",
  }[dialect];
  return (await driver.root.all(sql, [])).map((r) => String(r[0]));
}

export async function listIndexes(dialect: DialectName, driver: Driver, table: string): Promise<string[]> {
  const p = dialect === 'pg' ? '$1' : '?';
  const sql = {
    pg: `select indexname from pg_indexes where schemaname = 'public' and tablename = ${p} order by 1`,
    mysql: `select distinct index_name from information_schema.statistics where table_schema = database() and table_name = ${p} order by 1`,
    sqlite: `select name from sqlite_master where type = 'index' and tbl_name = ${p} order by 1`,
  }[dialect];
  return (await driver.root.all(sql, [table])).map((r) => String(r[0]));
}
