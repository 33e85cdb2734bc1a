/** MySQL / MariaDB: no RETURNING, duplicates caught as errno 1062, reads normalised. */
import { type Column, type SQL, sql, type Table } from 'drizzle-orm';
import type { MySqlDatabase, MySqlQueryResultHKT, MySqlTable, PreparedQueryHKTBase } from 'drizzle-orm/mysql-core';
import type { ColumnSpec } from '../schema/describe.js';
import { mysqlTables } from '../schema/mysql.js';
import type { TableKey } from '../schema/registry.js';
import { unwrapDriverError } from './errors.js';
import type { DbErrorClass, DialectStrategy, MigrationLeaseSql, StatementBuilder } from './strategy.js';

type AnyMySqlDatabase = MySqlDatabase<MySqlQueryResultHKT, PreparedQueryHKTBase, Record<string, never>>;

// 1927 ER_CONNECTION_KILLED (MariaDB), 2006/2013 server gone / lost during query.
const connectionErrnos = new Set([1927, 2006, 2013, 1053]);
const connectionCodes = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ER_CONNECTION_KILLED']);
// 1205 lock wait timeout, 3024 / 1969 statement time limit (MySQL / MariaDB); 1213 deadlock.
const timeoutErrnos = new Set([1205, 3024, 1969]);

function classify(error: unknown): DbErrorClass | null {
  const e = unwrapDriverError(error);
  const errno = typeof e.errno === 'number' ? e.errno : -1;
  if (errno === 1062) {
    // MariaDB: "for key 'name'"; MySQL 8: "for key 'table.name'".
    const key = /for key '([^']+)'/.exec(e.message)?.[1] ?? null;
    return { kind: 'unique', constraint: key === null ? null : (key.split('.').pop() ?? key), columns: null };
  }
  if (errno === 1451 || errno === 1452 || errno === 1216 || errno === 1217) {
    const name = /CONSTRAINT `([^`]+)`/.exec(e.message)?.[1] ?? null;
    return { kind: 'foreignKey', constraint: name };
  }
  if (errno === 1213) return { kind: 'deadlock' };
  if (timeoutErrnos.has(errno)) return { kind: 'timeout' };
  // 1146 no such table, 1054 unknown column: never migrated, or behind this version.
  if (errno === 1146) return { kind: 'schemaMissing', missing: /Table '(?:[^'.]+\.)?([^']+)'/.exec(e.message)?.[1] ?? null };
  if (errno === 1054) return { kind: 'schemaMissing', missing: /Unknown column '([^']+)'/.exec(e.message)?.[1] ?? null };
  // 1792 read-only transaction, 1290 --read-only / --super-read-only server, 1836 read-only mode.
  if (errno === 1792 || errno === 1836 || (errno === 1290 && /read.only/i.test(e.message))) return { kind: 'readOnly', retryable: true };
  // 1114 table full, 1021 disk full.
  if (errno === 1114 || errno === 1021) return { kind: 'full' };
  if (connectionErrnos.has(errno) || (typeof e.code === 'string' && connectionCodes.has(e.code)) || e.fatal === true) {
    return { kind: 'connection' };
  }
  return null;
}

function builder(db: AnyMySqlDatabase): StatementBuilder {
  return {
    select(fields, table, where, tail) {
      let q = db.select(fields).from(table as MySqlTable).where(where).$dynamic();
      if (tail.orderBy) q = q.orderBy(...tail.orderBy);
      if (tail.limit !== undefined) q = q.limit(tail.limit as number);
      if (tail.offset !== undefined) q = q.offset(tail.offset as number);
      if (tail.forUpdate) q = q.for('update');
      return q;
    },
    insert(table, values) {
      // Conflicts are detected from errno 1062 (see writes.insertIgnoringConflict).
      return db.insert(table as MySqlTable).values(values);
    },
    update(table, set, where) {
      return db.update(table as MySqlTable).set(set).where(where);
    },
    delete(table, where) {
      return db.delete(table as MySqlTable).where(where);
    },
  };
}

export function mysqlStrategy(db: unknown): DialectStrategy {
  return {
    name: 'mysql',
    tables: mysqlTables as unknown as Record<TableKey, Table>,
    builder: builder(db as AnyMySqlDatabase),
    wire: {
      boolean: (v) => (v ? 1 : 0),
      // DATETIME literal of the UTC wall clock: no session time zone takes part.
      timestamp: (d) => d.toISOString().replace('T', ' ').replace('Z', ''),
      decimal: (v, scale) => v.toFixed(scale),
    },
    // No RETURNING: update, then re-select. INSERT IGNORE would also swallow unrelated errors
    // (truncation, foreign keys), so a duplicate is caught by errno 1062 and its key instead.
    // The primary key's constraint is always named PRIMARY.
    writes: {
      updateOne: (steps) => steps.updateThenReselect(),
      insertIgnoringConflict: (steps) => steps.insertCatchingDuplicate(),
      isPrimaryKeyName: (constraint) => constraint === 'PRIMARY',
      duplicateChecksHoldLocks: true,
    },
    readExpr(column: Column, spec: ColumnSpec): SQL {
      // Epoch ms computed in SQL: no client-side time zone (mysql2's `timezone`) takes part.
      if (spec.kind === 'timestamp') return sql`(timestampdiff(microsecond, '1970-01-01 00:00:00', ${column}) div 1000)`;
      // MariaDB stores JSON as LONGTEXT, MySQL returns parsed objects: text on both.
      if (spec.kind === 'json') return sql`cast(${column} as char)`;
      return sql`${column}`;
    },
    jsonArrayContains: (column, value) => sql`json_contains(${column}, json_quote(${value}))`,
    // Provider-id maps are flat: a key-by-key merge in SQL cannot lose a concurrent writer's key.
    jsonMerge: (column, value) => sql`json_merge_patch(coalesce(${column}, json_object()), ${value})`,
    classifyError: classify,
    migrations: {
      createJournal:
        'create table if not exists qzpay_drizzle_migrations (tag varchar(191) primary key, hash varchar(64) not null, applied_at bigint not null)',
      // DDL commits implicitly, and GET_LOCK is local to one Galera node: a certified lease row.
      lock: null,
      lease: migrationLease,
      transactionalDdl: false,
      record: 'insert into qzpay_drizzle_migrations (tag, hash, applied_at) values (?, ?, ?)',
      tableExists: 'select 1 from information_schema.tables where table_schema = database() and table_name = ?',
      triggerNames: 'select trigger_name from information_schema.triggers where trigger_schema = database()',
      quote: (name) => `\`${name}\``,
      progress: {
        create:
          'create table if not exists qzpay_drizzle_migration_progress (tag varchar(191) primary key, next_statement int not null)',
        begin: 'start transaction',
        set: 'insert into qzpay_drizzle_migration_progress (tag, next_statement) values (?, ?) on duplicate key update next_statement = values(next_statement)',
        clear: 'delete from qzpay_drizzle_migration_progress where tag = ?',
        read: 'select tag, next_statement from qzpay_drizzle_migration_progress',
        alreadyApplied: (error) => alreadyExistsErrnos.has(mysqlErrno(error)),
      },
    },
  };
}

const lockTable = 'qzpay_drizzle_migration_lock';
const nowMs = 'cast(unix_timestamp(now(3)) * 1000 as signed)';
const migrationLease: MigrationLeaseSql = {
  create: `create table if not exists ${lockTable} (name varchar(64) primary key, owner varchar(64) not null, holder varchar(255) not null, expires_at bigint not null)`,
  seed: `insert ignore into ${lockTable} (name, owner, holder, expires_at) values ('migrations', '', '', 0)`,
  read: `select owner, holder, expires_at, expires_at - ${nowMs} from ${lockTable} where name = 'migrations'`,
  take: `update ${lockTable} set owner = ?, holder = ?, expires_at = ${nowMs} + ? where name = 'migrations' and owner = ? and expires_at = ?`,
  renew: `update ${lockTable} set expires_at = ${nowMs} + ? where name = 'migrations' and owner = ?`,
  release: `update ${lockTable} set owner = '', holder = '', expires_at = 0 where name = 'migrations' and owner = ?`,
  identity: "select concat(@@hostname, ':', @@port), connection_id()",
  sessionAlive: 'select 1 from information_schema.processlist where id = ?',
};

/**
 * "Already exists" errors of DDL: table (1050), column (1060), index (1061), trigger (1359),
 * foreign key (1826, or 1005 with errno 121 on InnoDB). Only tolerated for the one statement a
 * crashed run may have committed without recording it.
 */
const alreadyExistsErrnos = new Set([1050, 1060, 1061, 1359, 1826, 1005]);

function mysqlErrno(error: unknown): number {
  for (let e: unknown = error; e instanceof Error || (typeof e === 'object' && e !== null); e = (e as { cause?: unknown }).cause) {
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno === 'number') return errno;
    if ((e as { cause?: unknown }).cause === undefined) break;
  }
  return 0;
}
