/**
 * List/update/delete plumbing every collection shares, written once on top of TableRepository:
 * §2.3 list semantics (defaults, whitelisted filters and ordering, livemode scope, soft delete),
 * not-found and optimistic-lock handling for updates, and soft deletes.
 */
import { QZPayEntityNotFoundError, QZPayOptimisticLockError, QZPayValidationError } from '../contract/errors.js';
import type { QZPayListOptions, QZPayPaginatedResult } from '../contract/inputs.js';
import type { QZPayPage, QZPayPageOptions } from '../contract/extensions.js';
import { COLUMN_GROUPS, type ColumnGroup } from '../schema/describe.js';
import type { TableKey } from '../schema/registry.js';
import { asc, type Cond, desc, eq, gt, gte, isNull, lt, lte, or, type Order } from './conditions.js';
import type { ColumnOf, Patch, RowFor, TableRepository } from './table.js';

export const DEFAULT_LIMIT = 20;

export interface ListScope<C extends string = string> {
  /** Conditions every row must meet (livemode, not deleted, parent id...). */
  readonly where: readonly Cond<C>[];
  /** Column keys callers may filter and order on; default: every non-JSON, non-internal column. */
  readonly fields?: readonly C[];
  /** Default order when `orderBy` names no known field; ties always break on `id`. */
  readonly defaultOrder?: Order<C>;
}

/**
 * A conventional column the shared plumbing uses on whichever table it serves: one the table
 * declares through its column group (`c.deletedAt()`, `c.version()`, ...; schema/describe.ts),
 * or its `id`. Checked at run time here, typed after; collections name columns literally, which
 * the compiler checks against the table.
 */
function columnKey<K extends TableKey>(repo: TableRepository<K>, of: ColumnGroup | 'id'): ColumnOf<K> {
  const declared = of === 'id' ? 'id' in repo.description.columns : repo.description.groups[of];
  if (!declared) throw new Error(`${repo.entityType} declares no ${of} column`);
  return (of === 'id' ? 'id' : COLUMN_GROUPS[of]) as ColumnOf<K>;
}

function filterableFields<K extends TableKey>(repo: TableRepository<K>): Set<string> {
  return new Set(
    Object.entries(repo.description.columns)
      .filter(([, c]) => c.spec.kind !== 'json' && c.spec.lowerOf === undefined)
      .map(([key]) => key),
  );
}

function isScalarFilter(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    value instanceof Date
  );
}

/** The most rows one `list` / `listPage` call returns (README "Input rules"). */
export const MAX_LIST_LIMIT = 10_000;

/**
 * List limits and offsets are clamped, never rejected, the same way on every dialect: a
 * missing, non-number or NaN value takes the default, fractions are truncated, and the result
 * is clamped to [min, max]. Unclamped, 1e20 or 2**63 reached SQLite as a float ("datatype
 * mismatch") and PostgreSQL past bigint, while NaN made MariaDB return every row.
 */
export function clampCount(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** Translates QZPayListOptions into conditions and order, accepting only known fields. */
export function listQuery<K extends TableKey>(
  repo: TableRepository<K>,
  options: QZPayListOptions | undefined,
  scope: ListScope<ColumnOf<K>>,
): { where: Array<Cond<ColumnOf<K>>>; order: Array<Order<ColumnOf<K>>>; limit: number; offset: number } {
  const fields = scope.fields ? new Set(scope.fields) : filterableFields(repo);
  const limit = clampCount(options?.limit, DEFAULT_LIMIT, 0, MAX_LIST_LIMIT);
  const offset = clampCount(options?.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const where: Array<Cond<ColumnOf<K>>> = [...scope.where];
  for (const [key, value] of Object.entries(options?.filters ?? {})) {
    // Unknown keys are ignored; values of a known key must be plain scalars (never interpolated).
    if (!fields.has(key) || value === undefined) continue;
    if (!isScalarFilter(value)) throw new QZPayValidationError(`filters.${key}`, 'must be a string, number, boolean, Date or null');
    // A key of `fields`: a column of this table.
    where.push(eq(key as ColumnOf<K>, value));
  }
  const dir = options?.orderDirection === 'asc' ? 'asc' : 'desc';
  const requested = options?.orderBy;
  const id = columnKey(repo, 'id');
  const primary: Order<ColumnOf<K>> =
    requested !== undefined && fields.has(requested) && requested !== 'id'
      ? { col: requested as ColumnOf<K>, dir: options?.orderDirection === undefined ? 'desc' : dir }
      : (scope.defaultOrder ?? desc(columnKey(repo, 'createdAt')));
  const tieBreak = primary.dir === 'asc' ? asc(id) : desc(id);
  return { where, order: requested === 'id' ? [{ col: id, dir }] : [primary, tieBreak], limit, offset };
}

/** §2.3: a page of rows plus the total ignoring limit/offset. */
export async function listRows<K extends TableKey>(
  repo: TableRepository<K>,
  options: QZPayListOptions | undefined,
  scope: ListScope<ColumnOf<K>>,
): Promise<QZPayPaginatedResult<RowFor<K>>> {
  const { where, order, limit, offset } = listQuery(repo, options, scope);
  const [data, total] = await Promise.all([
    limit === 0 ? Promise.resolve([]) : repo.findMany(where, { orderBy: order, limit, offset }),
    repo.count(where),
  ]);
  return { data, total, limit, offset, hasMore: offset + data.length < total };
}

export function mapPage<R, T>(page: QZPayPaginatedResult<R>, map: (row: R) => T): QZPayPaginatedResult<T> {
  return { ...page, data: page.data.map(map) };
}

export interface UpdateByIdOptions {
  /** Soft-deleted rows count as missing. */
  readonly softDeleted?: boolean;
  readonly expectedVersion?: number | undefined;
}

/**
 * Updates one row by id and resolves it as written. Missing (or soft-deleted) rows reject with
 * QZPayEntityNotFoundError; a version mismatch rejects with QZPayOptimisticLockError and writes
 * nothing (the version is part of the same conditional UPDATE).
 */
export async function updateById<K extends TableKey>(
  repo: TableRepository<K>,
  id: string,
  patch: Patch<K>,
  options: UpdateByIdOptions = {},
): Promise<RowFor<K>> {
  const key = [eq(columnKey(repo, 'id'), id)];
  const live = options.softDeleted ? [isNull(columnKey(repo, 'softDeleted'))] : [];
  const guard = options.expectedVersion !== undefined ? [...live, eq(columnKey(repo, 'versioned'), options.expectedVersion)] : live;
  const row = await repo.updateOne(key, guard, patch);
  if (row) return row;
  const current = await repo.findOne([...key, ...live]);
  if (!current) throw new QZPayEntityNotFoundError(repo.entityType, id);
  if (options.expectedVersion !== undefined) {
    const actual = (current as Record<string, unknown>)[COLUMN_GROUPS.versioned];
    throw new QZPayOptimisticLockError(repo.entityType, id, options.expectedVersion, typeof actual === 'number' ? actual : null);
  }
  // An empty patch matches nothing to write: the row is returned as it stands.
  return current;
}

/** Stamps `deletedAt` (plus `extra`) on a live row; a missing or already deleted row rejects. */
export async function softDeleteById<K extends TableKey>(
  repo: TableRepository<K>,
  id: string,
  now: Date,
  extra: Patch<K> = {},
): Promise<void> {
  const changed = await repo.update([eq(columnKey(repo, 'id'), id), isNull(columnKey(repo, 'softDeleted'))], { ...extra, deletedAt: now } as Patch<K>);
  if (changed === 0) throw new QZPayEntityNotFoundError(repo.entityType, id);
}

/**
 * Copies the fields an update input sets into its patch: a field the caller left out (or set to
 * `undefined`) is not written. Each collection declares its plainly updatable fields once; a
 * field whose value must be checked or merged (JSON maps) is set by the collection itself.
 * Typed so that each field's input type must fit the column it is written to.
 */
export function setDefined<P extends object, F extends keyof P & string>(patch: P, input: { readonly [K in F]?: P[K] | undefined }, fields: readonly F[]): P {
  for (const field of fields) {
    const value = input[field];
    if (value !== undefined) patch[field] = value;
  }
  return patch;
}

/**
 * Insert, else read the winner: inserts `row` unless the unique index `indexName` already holds
 * its key (resolving the stored row, as `insert`), else resolves the row that holds it (found by `key`). That read misses only when the
 * winner's transaction rolled back in between, and then it inserts again, `tries` times in all;
 * `winner: null` when every try missed. The recipe of webhook events, usage records and
 * idempotency keys.
 */
export async function insertOrWinner<K extends TableKey>(
  repo: TableRepository<K>,
  row: RowFor<K>,
  indexName: string | 'primary',
  key: readonly Cond<ColumnOf<K>>[],
  tries = 3,
): Promise<{ inserted: true; stored: RowFor<K> } | { inserted: false; winner: RowFor<K> | null }> {
  for (let attempt = 0; attempt < tries; attempt++) {
    const stored = await repo.insertIgnoringConflict(row, indexName);
    if (stored) return { inserted: true, stored };
    const winner = await repo.findOne(key);
    if (winner) return { inserted: false, winner };
  }
  return { inserted: false, winner: null };
}

// ---- keyset pagination -------------------------------------------------------------------


interface Cursor {
  /** The order column's value of the last row (Dates as epoch ms), then its id. */
  readonly v: string | number | boolean;
  readonly id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof parsed.id === 'string' && ['string', 'number', 'boolean'].includes(typeof parsed.v)) return parsed as Cursor;
  } catch {
    // fall through to the typed error
  }
  throw new QZPayValidationError('after', 'is not a cursor returned by listPage');
}

/**
 * Keyset pagination: rows strictly after the cursor in a stable (orderBy, id) order, with no
 * count query, so a page deep into a large table costs what the first page costs. Only NOT NULL
 * scalar columns can order a keyset; anything else falls back to `createdAt`.
 */
export async function pageRows<K extends TableKey>(
  repo: TableRepository<K>,
  options: QZPayPageOptions,
  scope: ListScope<ColumnOf<K>>,
): Promise<{ rows: Array<RowFor<K>>; nextCursor: string | null }> {
  const base = listQuery(repo, { filters: options.filters ?? {} }, scope);
  const requested = options.orderBy;
  const spec = requested === undefined ? undefined : repo.description.columns[requested]?.spec;
  const usable = spec !== undefined && !spec.nullable && spec.kind !== 'json' && (!scope.fields || (scope.fields as readonly string[]).includes(requested!));
  // `usable` means a column of this table.
  const col = usable ? (requested as ColumnOf<K>) : (scope.defaultOrder?.col ?? columnKey(repo, 'createdAt'));
  const id = columnKey(repo, 'id');
  const dir = options.orderDirection ?? (usable ? 'desc' : (scope.defaultOrder?.dir ?? 'desc'));
  const limit = clampCount(options.limit, DEFAULT_LIMIT, 1, MAX_LIST_LIMIT);
  const where = [...base.where];
  if (options.after !== undefined) {
    const cursor = decodeCursor(options.after);
    const value = repo.spec(col).kind === 'timestamp' ? new Date(Number(cursor.v)) : cursor.v;
    const beyond = dir === 'desc' ? lt : gt;
    // The redundant `col <= value` is what lets every planner start the index range at the
    // cursor; the OR alone would be a filter, making deep pages cost as much as OFFSET.
    where.push((dir === 'desc' ? lte : gte)(col, value));
    where.push(or([beyond(col, value)], [beyond(id, cursor.id)]));
  }
  const order = col === id ? [{ col, dir }] : [{ col, dir }, { col: id, dir }];
  const rows = await repo.findMany(where, { orderBy: order, limit: limit + 1 });
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1] as Record<string, unknown> | undefined;
  const v = last?.[col];
  return {
    rows: data,
    nextCursor: more && last ? encodeCursor({ v: v instanceof Date ? v.getTime() : (v as string | number | boolean), id: String(last['id']) }) : null,
  };
}

/**
 * `list` (§2.3, offset + total) and `listPage` (keyset) of one collection from one definition:
 * the table, the scope every row must meet, and how a page of rows becomes entities (a plain
 * mapper, or one that loads children for the whole page in a single query).
 */
export function listing<K extends TableKey, T>(
  repo: TableRepository<K>,
  scope: ListScope<ColumnOf<K>>,
  toEntities: (rows: Array<RowFor<K>>) => T[] | Promise<T[]>,
): {
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<T>>;
  listPage(options?: QZPayPageOptions): Promise<QZPayPage<T>>;
} {
  return {
    async list(options) {
      const page = await listRows(repo, options, scope);
      return { ...page, data: await toEntities(page.data) };
    },
    async listPage(options = {}) {
      const { rows, nextCursor } = await pageRows(repo, options, scope);
      return { data: await toEntities(rows), nextCursor };
    },
  };
}

/**
 * `findById` and `delete` of a soft-deleted entity (§2.7.7): deleted rows are invisible to the
 * lookup, and deleting stamps `deletedAt` and `updatedAt` (plus `extra`, e.g. `active: false`);
 * a missing or already deleted row rejects with QZPayEntityNotFoundError.
 */
export function softDeletable<K extends TableKey, T>(
  repo: TableRepository<K>,
  now: () => Date,
  toEntity: (row: RowFor<K>) => T | Promise<T>,
  extra: Patch<K> = {},
): { findById(id: string): Promise<T | null>; delete(id: string): Promise<void> } {
  return {
    async findById(id) {
      const row = await repo.findOne([eq(columnKey(repo, 'id'), id), isNull(columnKey(repo, 'softDeleted'))]);
      return row ? toEntity(row) : null;
    },
    async delete(id) {
      const at = now();
      await softDeleteById(repo, id, at, { ...extra, updatedAt: at } as Patch<K>);
    },
  };
}
