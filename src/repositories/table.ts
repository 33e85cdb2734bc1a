/**
 * The generic repository: CRUD, conditional updates, insert-or-ignore and counting for any table
 * description, written once. It renders statements through the dialect strategy (cached per
 * shape), encodes/decodes every value through values.ts and translates driver errors into the
 * library's typed errors. Collections build on it and never see SQL or a dialect.
 */
import { asc as ascSql, type Column, desc as descSql, type SQL, sql, type Table } from 'drizzle-orm';
import type { DialectStrategy } from '../dialect/strategy.js';
import { type ColumnSpec, COLUMN_GROUPS, type RowOf, type TableDescription } from '../schema/describe.js';
import type { TableDescriptions, TableKey } from '../schema/registry.js';
import { type Cond, eq, Increment, JsonMerge, type Order } from './conditions.js';
import { QZPayDeadlockError } from '../contract/errors.js';
import { deadlockBackoff, translateError } from './errors.js';
import type { Executor } from './executor.js';
import { bind, type CompiledStatement, type StatementCache } from './statements.js';
import { WhereCompiler } from './where.js';
import { PartialKeys } from './partial-keys.js';
import { UniqueKeys } from './unique-keys.js';
import { decodeValue, encodeValue, foldCase } from './values.js';

export type RowFor<K extends TableKey> = RowOf<TableDescriptions[K]>;
export type Patch<K extends TableKey> = { [C in keyof RowFor<K>]?: RowFor<K>[C] | Increment | JsonMerge };

export interface RepoContext {
  readonly strategy: DialectStrategy;
  readonly executor: Executor;
  readonly statements: StatementCache;
}

/** The column keys of table K: what its conditions, orders and patches may name. */
export type ColumnOf<K extends TableKey> = keyof RowFor<K> & string;

export interface FindOptions<C extends string = string> {
  readonly orderBy?: readonly Order<C>[];
  readonly limit?: number;
  readonly offset?: number;
  /** Lock the rows until the transaction ends (no-op on SQLite, whose writers are serialised). */
  readonly forUpdate?: boolean;
}


type Values = Record<string, unknown>;

/** Rows per multi-row insert: 100 × the widest table's columns stays far below every driver's parameter limit. */
const INSERT_BATCH = 100;

export class TableRepository<K extends TableKey> {
  readonly description: TableDescription;
  private readonly table: Table;
  private readonly columns: Record<string, Column>;
  private readonly specs: Array<[string, ColumnSpec]>;
  private readonly selection: Record<string, SQL.Aliased>;
  /** Source column -> lower-cased twin columns that must be written with it. */
  private readonly lowerTwins = new Map<string, string[]>();
  private readonly versioned: boolean;
  private readonly partialKeys: PartialKeys;
  private whereCompiler: WhereCompiler | undefined;
  private readonly keys: UniqueKeys;

  constructor(
    private readonly ctx: RepoContext,
    readonly key: K,
    description: TableDescriptions[K],
  ) {
    this.description = description;
    this.table = ctx.strategy.tables[key];
    this.columns = this.table as unknown as Record<string, Column>;
    this.specs = Object.entries(description.columns).map(([k, c]) => [k, c.spec]);
    this.selection = {};
    for (const [col, spec] of this.specs) {
      // Aliased by key: drivers that return rows as objects (mysql2) then get distinct names.
      this.selection[col] = ctx.strategy.readExpr(this.column(col), spec).as(col);
      if (spec.lowerOf) this.lowerTwins.set(spec.lowerOf, [...(this.lowerTwins.get(spec.lowerOf) ?? []), col]);
    }
    this.versioned = description.groups.versioned;
    this.partialKeys = new PartialKeys(description, this.columns);
    this.keys = new UniqueKeys(description, (k) => this.column(k), ctx.strategy);
  }

  get entityType(): string {
    return this.description.name;
  }

  // ---- reads -------------------------------------------------------------------------------

  async findOne(where: readonly Cond<ColumnOf<K>>[], options: FindOptions<ColumnOf<K>> = {}): Promise<RowFor<K> | null> {
    const rows = await this.findMany(where, { ...options, limit: 1 });
    return rows[0] ?? null;
  }

  async findMany(where: readonly Cond<ColumnOf<K>>[], options: FindOptions<ColumnOf<K>> = {}): Promise<Array<RowFor<K>>> {
    const values: Values = {};
    const shape = this.whereOrNothing(where, values);
    if (shape === null) return [];
    const orderBy = options.orderBy ?? [];
    if (options.limit !== undefined) values['limit'] = options.limit;
    if (options.offset !== undefined) values['offset'] = options.offset;
    const forUpdate = options.forUpdate === true; // the builder renders it (not on SQLite)
    const key = `select:${this.key}:${shape}:${orderBy.map((o) => `${o.col} ${o.dir}`).join(',')}:${options.limit !== undefined}:${options.offset !== undefined}:${forUpdate}`;
    const statement = this.ctx.statements.get(key, () =>
      this.ctx.strategy.builder.select(this.selection, this.table, this.renderWhere(where), {
        orderBy: orderBy.map((o) => (o.dir === 'asc' ? ascSql(this.column(o.col)) : descSql(this.column(o.col)))),
        ...(options.limit !== undefined ? { limit: sql.placeholder('limit') } : {}),
        ...(options.offset !== undefined ? { offset: sql.placeholder('offset') } : {}),
        forUpdate,
      }),
    );
    const rows = await this.exec(() => this.ctx.executor.connection().all(statement.sql, bind(statement, values), statement.options), 'read');
    return rows.map((row) => this.decodeRow(row));
  }

  async count(where: readonly Cond<ColumnOf<K>>[]): Promise<number> {
    const values: Values = {};
    const shape = this.whereOrNothing(where, values);
    if (shape === null) return 0;
    const statement = this.ctx.statements.get(`count:${this.key}:${shape}`, () =>
      this.ctx.strategy.builder.select({ n: sql`count(*)` }, this.table, this.renderWhere(where), {}),
    );
    const rows = await this.exec(() => this.ctx.executor.connection().all(statement.sql, bind(statement, values), statement.options), 'read');
    return Number(rows[0]?.[0] ?? 0);
  }

  /** Locks the matching rows to the end of the transaction (`select 1 … for update`); resolves whether any matched. */
  async lock(where: readonly Cond<ColumnOf<K>>[]): Promise<boolean> {
    const values: Values = {};
    const shape = this.whereOrNothing(where, values);
    if (shape === null) return false;
    const statement = this.ctx.statements.get(`lock:${this.key}:${shape}`, () =>
      this.ctx.strategy.builder.select({ n: sql`1` }, this.table, this.renderWhere(where), { forUpdate: true }),
    );
    return (await this.exec(() => this.ctx.executor.connection().all(statement.sql, bind(statement, values), statement.options), 'read')).length > 0;
  }

  /** Whether this dialect's duplicate-key checks hold locks to the end of the transaction (strategy `writes`). */
  get duplicateChecksHoldLocks(): boolean {
    return this.ctx.strategy.writes.duplicateChecksHoldLocks;
  }

  /** Sum of an integer column over the matching rows (0 when none). */
  async sum(column: ColumnOf<K>, where: readonly Cond<ColumnOf<K>>[]): Promise<number> {
    const values: Values = {};
    const shape = this.whereOrNothing(where, values);
    if (shape === null) return 0;
    const statement = this.ctx.statements.get(`sum:${this.key}:${column}:${shape}`, () =>
      this.ctx.strategy.builder.select({ n: sql`coalesce(sum(${this.column(column)}), 0)` }, this.table, this.renderWhere(where), {}),
    );
    const rows = await this.exec(() => this.ctx.executor.connection().all(statement.sql, bind(statement, values), statement.options), 'read');
    return Number(rows[0]?.[0] ?? 0);
  }

  // ---- writes ------------------------------------------------------------------------------

  /**
   * Inserts a full row and resolves it as a later read returns it (the one owner of a row's
   * stored form): JSON values as they come back (undefined keys dropped), lower-cased twins
   * filled in, and no object or Date shared with the caller's `row`, which is left untouched.
   */
  async insert(row: RowFor<K>): Promise<RowFor<K>> {
    return (await this.insertAll([row]))[0]!;
  }

  /**
   * Inserts rows in multi-row statements of at most INSERT_BATCH rows (one round trip each;
   * every statement is all-or-nothing, so callers wanting all rows or none run it atomically);
   * resolves the stored rows as `insert` does, in order.
   */
  async insertAll(rows: readonly RowFor<K>[]): Promise<Array<RowFor<K>>> {
    const out: Array<RowFor<K>> = [];
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const [statement, params, stored] = this.insertStatement(rows.slice(start, start + INSERT_BATCH), undefined);
      await this.exec(() => this.ctx.executor.connection().run(statement.sql, params, statement.options));
      out.push(...stored);
    }
    return out;
  }

  /**
   * Inserts unless the unique index `indexName` (or the primary key, `'primary'`) already holds
   * the row's key; resolves the stored row (as `insert`) or `null` when nothing was inserted.
   * Any other error still rejects.
   */
  async insertIgnoringConflict(row: RowFor<K>, indexName: string | 'primary'): Promise<RowFor<K> | null> {
    return this.ctx.strategy.writes.insertIgnoringConflict<RowFor<K>>({
      onConflictDoNothing: async () => {
        const [statement, params, [stored]] = this.insertStatement([row], { name: indexName, ...this.keys.conflictTarget(indexName) });
        return (await this.exec(() => this.ctx.executor.connection().run(statement.sql, params, statement.options))) > 0 ? (stored ?? null) : null;
      },
      insertCatchingDuplicate: async () => {
        try {
          return await this.insert(row);
        } catch (error) {
          // MySQL: a failed statement leaves the transaction usable, so catching 1062 is safe here.
          // InnoDB checks a foreign key before a later unique index, so a replay of a known key
          // naming a missing parent fails on the foreign key (1452): the key decides, as elsewhere.
          if (this.keys.isViolationOf(error, indexName)) return null;
          if (this.keys.classify(error)?.kind === 'foreignKey' && (await this.holdsKey(row, indexName))) return null;
          throw error;
        }
      },
    });
  }

  /** Updates every matching row; resolves the number of rows matched. */
  async update(where: readonly Cond<ColumnOf<K>>[], patch: Patch<K>): Promise<number> {
    const [statement, params] = this.updateStatement(where, patch, false);
    if (!statement) return 0;
    return this.exec(() => this.ctx.executor.connection().run(statement.sql, params, statement.options));
  }

  /**
   * Updates the single row identified by `key` when `guard` also holds, and resolves the row as
   * written or `null` when nothing matched; the dialect picks the algorithm (strategy `writes`).
   */
  async updateOne(key: readonly Cond<ColumnOf<K>>[], guard: readonly Cond<ColumnOf<K>>[], patch: Patch<K>): Promise<RowFor<K> | null> {
    return this.ctx.strategy.writes.updateOne<RowFor<K>>({
      returning: async () => {
        const [statement, params] = this.updateStatement([...key, ...guard], patch, true);
        if (!statement) return null;
        const rows = await this.exec(() => this.ctx.executor.connection().all(statement.sql, params, statement.options));
        return rows[0] ? this.decodeRow(rows[0]) : null;
      },
      updateThenReselect: () =>
        this.ctx.executor.atomic(async () => {
          const changed = await this.update([...key, ...guard], patch);
          return changed === 0 ? null : this.findOne(key);
        }),
    });
  }

  async delete(where: readonly Cond<ColumnOf<K>>[]): Promise<number> {
    const values: Values = {};
    const shape = this.whereOrNothing(where, values);
    if (shape === null) return 0;
    const statement = this.ctx.statements.get(`delete:${this.key}:${shape}`, () =>
      this.ctx.strategy.builder.delete(this.table, this.renderWhere(where)),
    );
    return this.exec(() => this.ctx.executor.connection().run(statement.sql, bind(statement, values), statement.options));
  }

  /** Whether a value was written under optimistic locking (a numeric `version` column). */
  get isVersioned(): boolean {
    return this.versioned;
  }

  // ---- internals ---------------------------------------------------------------------------

  column(key: string): Column {
    const column = this.columns[key];
    if (!column) throw new Error(`${this.description.name} has no column ${key}`);
    return column;
  }

  spec(key: string): ColumnSpec {
    const spec = this.description.columns[key]?.spec ?? this.partialKeys.spec(key);
    if (!spec) throw new Error(`${this.description.name} has no column ${key}`);
    return spec;
  }

  /**
   * Runs one statement with driver errors translated. Outside a transaction a deadlock victim
   * (rolled back whole by the database) is simply run again; inside one, only the owner of the
   * transaction can re-run it, so the typed error propagates.
   */
  private async exec<T>(run: () => Promise<T>, access: 'read' | 'write' = 'write'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const found = this.ctx.strategy.classifyError(error);
        const autoCommittedWrite = access === 'write' && !this.ctx.executor.inTransaction();
        const translated = translateError(found, this.description.name, error, autoCommittedWrite);
        // A deadlock victim, or a statement the server never ran (its session had ended).
        const rerunnable = translated instanceof QZPayDeadlockError || (found?.kind === 'connection' && found.unexecuted === true);
        const retry = this.ctx.executor.deadlockRetry;
        if (!rerunnable || this.ctx.executor.inTransaction() || attempt >= retry.attempts) {
          throw translated;
        }
        await deadlockBackoff(attempt, retry);
      }
    }
  }

  private decodeRow(raw: readonly unknown[]): RowFor<K> {
    const row: Record<string, unknown> = {};
    this.specs.forEach(([col, spec], i) => {
      row[col] = decodeValue(spec, raw[i]);
    });
    return row as RowFor<K>;
  }

  private encode(col: string, value: unknown): unknown {
    return encodeValue(this.ctx.strategy.wire, col, this.spec(col), value);
  }

  /** The compiler of this table's conditions (values bound per call, SQL per shape). */
  private get conditions(): WhereCompiler {
    this.whereCompiler ??= new WhereCompiler(this.ctx.strategy, (key) => this.column(key), (key) => this.spec(key));
    return this.whereCompiler;
  }

  private whereOrNothing(conds: readonly Cond[], values: Values): string | null {
    return this.conditions.bind(this.partialKeys.extend(conds), values);
  }

  private renderWhere(conds: readonly Cond[]): SQL | undefined {
    return this.conditions.render(this.partialKeys.extend(conds));
  }

  private withLowerTwins(row: Record<string, unknown>): Record<string, unknown> {
    if (this.lowerTwins.size === 0) return row;
    const out = { ...row };
    for (const [source, twins] of this.lowerTwins) {
      if (!(source in row)) continue;
      const value = row[source];
      for (const twin of twins) out[twin] = typeof value === 'string' ? foldCase(value) : value;
    }
    return out;
  }

  private insertStatement(
    inputs: readonly RowFor<K>[],
    conflict: { name: string; columns: Column[]; where?: SQL } | undefined,
  ): [CompiledStatement, unknown[], Array<RowFor<K>>] {
    const values: Values = {};
    const stored = inputs.map((input, i) => {
      const row = this.withLowerTwins(input as Record<string, unknown>);
      const out: Record<string, unknown> = {};
      for (const [col, spec] of this.specs) {
        const value = row[col];
        const encoded = this.encode(col, value);
        values[i === 0 ? col : `${col}_${i}`] = encoded;
        // What a read returns: JSON decoded from what is written, Dates as copies.
        out[col] = spec.kind === 'json' ? decodeValue(spec, encoded) : value instanceof Date ? new Date(value.getTime()) : value;
      }
      return out as RowFor<K>;
    });
    const statement = this.ctx.statements.get(`insert:${this.key}:${conflict?.name ?? ''}:${inputs.length}`, () =>
      this.ctx.strategy.builder.insert(
        this.table,
        inputs.map((_, i) => Object.fromEntries(this.specs.map(([col]) => [col, sql`${sql.placeholder(i === 0 ? col : `${col}_${i}`)}`]))),
        conflict ? { columns: conflict.columns, ...(conflict.where ? { where: conflict.where } : {}) } : undefined,
      ),
    );
    return [statement, bind(statement, values), stored];
  }

  private updateStatement(
    where: readonly Cond[],
    input: Patch<K>,
    returning: boolean,
  ): [CompiledStatement | null, unknown[]] {
    const patch = this.withLowerTwins(input as Record<string, unknown>);
    const values: Values = {};
    // Per call: encode the values and name the shape; the SET clause is rendered on a cache miss.
    const entries: Array<[string, 'set' | 'add' | 'merge']> = [];
    for (const [col, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value instanceof Increment) {
        // A delta may be negative even where the column's value may not (`amountDue - paid`).
        const { min: _unbounded, ...delta } = this.spec(col);
        values[`s_${col}`] = encodeValue(this.ctx.strategy.wire, col, delta, value.by);
        entries.push([col, 'add']);
      } else if (value instanceof JsonMerge) {
        values[`s_${col}`] = this.encode(col, value.value);
        entries.push([col, 'merge']);
      } else {
        values[`s_${col}`] = this.encode(col, value);
        entries.push([col, 'set']);
      }
    }
    if (entries.length === 0) return [null, []];
    // Every write raises the optimistic-lock version of a versioned table (docs/contract.md §E3).
    const bumpVersion = this.versioned && !(COLUMN_GROUPS.versioned in patch);
    const whereShape = this.whereOrNothing(where, values);
    if (whereShape === null) return [null, []];
    const shape = `${entries.map(([c, k]) => `${c}:${k}`).join(',')}${bumpVersion ? ',version++' : ''}`;
    const statement = this.ctx.statements.get(`update:${this.key}:${shape}:${whereShape}:${returning}`, () => {
      const set: Record<string, SQL> = {};
      for (const [col, kind] of entries) {
        const placeholder = sql.placeholder(`s_${col}`);
        const column = this.column(col);
        set[col] =
          kind === 'add' ? sql`${column} + ${placeholder}` : kind === 'merge' ? this.ctx.strategy.jsonMerge(column, placeholder) : sql`${placeholder}`;
      }
      if (bumpVersion) set[COLUMN_GROUPS.versioned] = sql`${this.column(COLUMN_GROUPS.versioned)} + 1`;
      return this.ctx.strategy.builder.update(this.table, set, this.renderWhere(where), returning ? this.selection : undefined);
    });
    return [statement, bind(statement, values)];
  }

  /** Whether a stored row already holds `row`'s key of that unique index. */
  private async holdsKey(row: RowFor<K>, indexName: string | 'primary'): Promise<boolean> {
    const keyed = this.withLowerTwins(row as Record<string, unknown>);
    const index = indexName === 'primary' ? undefined : this.keys.index(indexName);
    const where: Cond[] = (index?.columns ?? this.keys.primaryKey()).map((col) => eq(col, keyed[col]));
    if (index?.where) where.push(eq(index.where.column, index.where.equals));
    return (await this.count(where as Array<Cond<ColumnOf<K>>>)) > 0; // index columns are this table's
  }
}
