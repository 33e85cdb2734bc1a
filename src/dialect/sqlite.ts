/** SQLite: RETURNING and ON CONFLICT; BEGIN IMMEDIATE instead of row locks; native raw shapes. */
import { type Column, type SQL, sql, type Table } from 'drizzle-orm';
import type { BaseSQLiteDatabase, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ColumnSpec } from '../schema/describe.js';
import { sqliteTables } from '../schema/sqlite.js';
import type { TableKey } from '../schema/registry.js';
import { unwrapDriverError } from './errors.js';
import type { DbErrorClass, DialectStrategy, StatementBuilder } from './strategy.js';

type AnySQLiteDatabase = BaseSQLiteDatabase<'sync' | 'async', unknown, Record<string, never>>;

function classify(error: unknown): DbErrorClass | null {
  const e = unwrapDriverError(error);
  const code = `${String(e.code ?? '')} ${String(e.extendedCode ?? '')}`;
  const unique = /(UNIQUE|PRIMARY KEY) constraint failed: (.+)$/.exec(e.message);
  if (unique || /SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(code)) {
    // "UNIQUE constraint failed: billing_refunds.provider_refund_id" names columns, not the index.
    const columns = unique?.[2]?.split(',').map((c) => c.trim().split('.').pop() ?? c) ?? null;
    return { kind: 'unique', constraint: null, columns };
  }
  if (/SQLITE_CONSTRAINT_FOREIGNKEY/.test(code) || /FOREIGN KEY constraint failed/.test(e.message)) {
    return { kind: 'foreignKey', constraint: null };
  }
  if (/SQLITE_BUSY|SQLITE_LOCKED/.test(code)) return { kind: 'timeout' };
  const missing = /no such (?:table|column): (\S+)|has no column named (\S+)/.exec(e.message);
  if (missing) return { kind: 'schemaMissing', missing: missing[1] ?? missing[2] ?? null };
  // A file opened read-only stays so: not retryable.
  if (/SQLITE_READONLY/.test(code) || /attempt to write a readonly database/.test(e.message)) return { kind: 'readOnly', retryable: false };
  if (/SQLITE_FULL/.test(code) || /database or disk is full/.test(e.message)) return { kind: 'full' };
  return null;
}

function builder(db: AnySQLiteDatabase): StatementBuilder {
  return {
    select(fields, table, where, tail) {
      let q = db.select(fields).from(table as SQLiteTable).where(where).$dynamic();
      if (tail.orderBy) q = q.orderBy(...tail.orderBy);
      if (tail.limit !== undefined) q = q.limit(tail.limit as number);
      if (tail.offset !== undefined) q = q.offset(tail.offset as number);
      // No FOR UPDATE: a transaction already holds SQLite's single write lock (BEGIN IMMEDIATE).
      return q;
    },
    insert(table, values, conflict) {
      const q = db.insert(table as SQLiteTable).values(values);
      if (!conflict) return q;
      if (!conflict.where) return q.onConflictDoNothing({ target: conflict.columns as never });
      // Drizzle renders `on conflict (cols) do nothing where …`, which SQLite rejects: the
      // partial index's predicate belongs inside the conflict target.
      return q.onConflictDoNothing({ target: sql`${sql.join(conflict.columns, sql`, `)}) where (${conflict.where}` as never });
    },
    update(table, set, where, returning) {
      const q = db.update(table as SQLiteTable).set(set).where(where);
      return returning ? q.returning(returning) : q;
    },
    delete(table, where) {
      return db.delete(table as SQLiteTable).where(where);
    },
  };
}

export function sqliteStrategy(db: unknown): DialectStrategy {
  return {
    name: 'sqlite',
    tables: sqliteTables as unknown as Record<TableKey, Table>,
    builder: builder(db as AnySQLiteDatabase),
    wire: {
      boolean: (v) => (v ? 1 : 0),
      timestamp: (d) => d.getTime(),
      decimal: (v) => v,
    },
    // RETURNING and ON CONFLICT DO NOTHING; unique errors name columns, not constraints.
    writes: {
      updateOne: (steps) => steps.returning(),
      insertIgnoringConflict: (steps) => steps.onConflictDoNothing(),
      isPrimaryKeyName: () => false,
      duplicateChecksHoldLocks: false,
    },
    readExpr: (column: Column, _spec: ColumnSpec): SQL => sql`${column}`,
    jsonArrayContains: (column, value) =>
      sql`exists (select 1 from json_each(${column}) where json_each.value = ${value})`,
    // Provider-id maps are flat: a key-by-key merge in SQL cannot lose a concurrent writer's key.
    jsonMerge: (column, value) => sql`json_patch(coalesce(${column}, '{}'), ${value})`,
    classifyError: classify,
    migrations: {
      createJournal:
        'create table if not exists qzpay_drizzle_migrations (tag text primary key, hash text not null, applied_at integer not null)',
      // BEGIN IMMEDIATE already makes the migrating transaction the only writer.
      lock: null,
      lease: null,
      transactionalDdl: true,
      record: 'insert into qzpay_drizzle_migrations (tag, hash, applied_at) values (?, ?, ?)',
      tableExists: "select 1 from sqlite_master where type = 'table' and name = ?",
      triggerNames: "select name from sqlite_master where type = 'trigger'",
      quote: (name) => `"${name}"`,
      progress: null,
    },
  };
}
