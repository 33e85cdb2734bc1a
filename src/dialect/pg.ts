/** PostgreSQL: RETURNING, ON CONFLICT, row locks; reads normalised to epoch ms and JSON text. */
import { type Column, type SQL, sql, type Table } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import type { ColumnSpec } from '../schema/describe.js';
import { pgTables } from '../schema/pg.js';
import type { TableKey } from '../schema/registry.js';
import { unwrapDriverError } from './errors.js';
import type { DbErrorClass, DialectStrategy, StatementBuilder } from './strategy.js';

type AnyPgDatabase = PgDatabase<PgQueryResultHKT, Record<string, never>>;

// SQLSTATE classes: 08 connection exception, 57P01-57P03 server shutdown / terminated backend.
const connectionCodes = new Set(['57P01', '57P02', '57P03', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);
// 57014 statement_timeout, 55P03 lock_timeout; 40P01 deadlock, 40001 serialization failure.
const terminatedCodes = new Set(['57P01', '57P02', '57P03']);
const timeoutCodes = new Set(['57014', '55P03']);
const deadlockCodes = new Set(['40P01', '40001']);

function classify(error: unknown): DbErrorClass | null {
  const e = unwrapDriverError(error);
  const code = typeof e.code === 'string' ? e.code : '';
  const constraint = (e.constraint_name ?? e.constraint ?? null) as string | null;
  if (code === '23505') return { kind: 'unique', constraint, columns: null };
  if (code === '23503') return { kind: 'foreignKey', constraint };
  if (deadlockCodes.has(code)) return { kind: 'deadlock' };
  if (timeoutCodes.has(code)) return { kind: 'timeout' };
  // 42P01 undefined table, 42703 undefined column: never migrated, or behind this version.
  if (code === '42P01' || code === '42703') {
    return { kind: 'schemaMissing', missing: /(?:relation|column) "([^"]+)"/.exec(e.message)?.[1] ?? null };
  }
  // 25006: a hot standby and a read-only transaction report the same code; both can pass after a failover.
  if (code === '25006') return { kind: 'readOnly', retryable: true };
  if (code === '53100') return { kind: 'full' };
  // The session was terminated (admin command, crash, shutdown): whatever statement got this reply
  // was aborted with its transaction, or (postgres.js 3.4.x) never sent: the reply was left over
  // from the previous session of a reconnected connection.
  if (terminatedCodes.has(code)) return { kind: 'connection', unexecuted: true };
  if (connectionCodes.has(code) || code.startsWith('08') || /Connection terminated|connection is closed|not queryable/i.test(e.message)) {
    return { kind: 'connection' };
  }
  return null;
}

function builder(db: AnyPgDatabase): StatementBuilder {
  return {
    select(fields, table, where, tail) {
      let q = db.select(fields).from(table as PgTable).where(where).$dynamic();
      if (tail.orderBy) q = q.orderBy(...tail.orderBy);
      if (tail.limit !== undefined) q = q.limit(tail.limit as number);
      if (tail.offset !== undefined) q = q.offset(tail.offset as number);
      if (tail.forUpdate) q = q.for('update');
      return q;
    },
    insert(table, values, conflict) {
      const q = db.insert(table as PgTable).values(values);
      if (!conflict) return q;
      return q.onConflictDoNothing(
        conflict.where ? { target: conflict.columns as never, where: conflict.where } : { target: conflict.columns as never },
      );
    },
    update(table, set, where, returning) {
      const q = db.update(table as PgTable).set(set).where(where);
      return returning ? q.returning(returning) : q;
    },
    delete(table, where) {
      return db.delete(table as PgTable).where(where);
    },
  };
}

export function pgStrategy(db: unknown): DialectStrategy {
  return {
    name: 'pg',
    tables: pgTables as unknown as Record<TableKey, Table>,
    builder: builder(db as AnyPgDatabase),
    wire: {
      boolean: (v) => v,
      timestamp: (d) => d.toISOString(),
      decimal: (v, scale) => v.toFixed(scale),
    },
    // RETURNING and ON CONFLICT DO NOTHING; a primary key's constraint is named <table>_pkey.
    writes: {
      updateOne: (steps) => steps.returning(),
      insertIgnoringConflict: (steps) => steps.onConflictDoNothing(),
      isPrimaryKeyName: (constraint) => constraint.endsWith('_pkey'),
      duplicateChecksHoldLocks: false,
    },
    readExpr(column: Column, spec: ColumnSpec): SQL {
      // Drizzle rewires a postgres.js client's date/JSON parsers; explicit casts make every pg
      // driver return the same raw shape whatever parsers the host configured.
      // date_part is float8 arithmetic, extract (numeric since PostgreSQL 14) is ~3x dearer per
      // value (measured: a 20-row page of customers 357 -> 288 µs). Exact here: columns hold
      // whole milliseconds and |epoch ms| <= 2.6e14 < 2^53, so the float error (< 0.05 ms even at
      // year 9999) vanishes in the cast to bigint, which rounds to the nearest integer.
      if (spec.kind === 'timestamp') return sql`(date_part('epoch', ${column}) * 1000)::bigint`;
      if (spec.kind === 'json') return sql`${column}::text`;
      return sql`${column}`;
    },
    jsonArrayContains: (column, value) => sql`jsonb_exists(${column}, ${value})`,
    // Provider-id maps are flat: a key-by-key merge in SQL cannot lose a concurrent writer's key.
    jsonMerge: (column, value) => sql`coalesce(${column}, '{}'::jsonb) || ${value}::jsonb`,
    classifyError: classify,
    migrations: {
      createJournal:
        'create table if not exists qzpay_drizzle_migrations (tag varchar(191) primary key, hash varchar(64) not null, applied_at bigint not null)',
      // Transaction-scoped advisory lock: released by COMMIT/ROLLBACK, even if the process dies.
      lock: "select pg_advisory_xact_lock(hashtext('qzpay_drizzle_migrations'))",
      lease: null,
      transactionalDdl: true,
      record: 'insert into qzpay_drizzle_migrations (tag, hash, applied_at) values ($1, $2, $3)',
      tableExists: 'select 1 from information_schema.tables where table_schema = current_schema() and table_name = $1',
      triggerNames: "select tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace",
      quote: (name) => `"${name}"`,
      progress: null,
    },
  };
}
