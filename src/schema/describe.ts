/**
 * The dialect-neutral schema vocabulary. Every table of the library is written once with these
 * helpers (one file per table under `tables/`); the compilers in `compile/` turn a description
 * into a PostgreSQL, MySQL or SQLite Drizzle table. Nothing in this file knows a dialect.
 */

/** Neutral column kinds; the per-dialect SQL type of each is decided only by the compilers. */
export type ColumnKind =
  | 'id' // app-generated identifier, any caller string up to 36 chars (not a `uuid` column)
  | 'string' // short string with a maximum length (indexed strings stay <= 191 for utf8mb4)
  | 'text' // long text, no length limit
  | 'boolean'
  | 'integer' // 64-bit integer (money in minor units, counters); JS number, |n| <= 2^53-1
  | 'decimal' // fixed-point rate, e.g. commission 12.50; JS number
  | 'timestamp' // UTC instant with millisecond precision; JS Date
  | 'json'; // any JSON value; objects, arrays, provider-id maps, string lists

export type OnDelete = 'restrict' | 'cascade' | 'set null';

export interface ForeignKeySpec {
  /**
   * The referenced table's description, behind a function: table modules may reference each
   * other in any order, and the name is read only when the tables are compiled.
   */
  readonly target: () => { readonly name: string };
  /** Referenced column key (camelCase); always the referenced table's primary key here. */
  readonly column: string;
  readonly onDelete: OnDelete;
}

/**
 * Conventional columns the repository core relies on, declared by their constructor (`c.version()`,
 * `c.deletedAt()`, ...) rather than recognised by name; each must sit under its own key.
 */
export const COLUMN_GROUPS = { versioned: 'version', softDeleted: 'deletedAt', createdAt: 'createdAt', updatedAt: 'updatedAt', livemode: 'livemode' } as const;
export type ColumnGroup = keyof typeof COLUMN_GROUPS;

export interface ColumnSpec {
  readonly kind: ColumnKind;
  /** The convention this column implements (see COLUMN_GROUPS), if any. */
  readonly group?: ColumnGroup;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  /** Maximum length in characters for `string` (and `id`, fixed at 36). */
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** Literal database default (scalars only). The application also writes every value itself. */
  readonly dbDefault?: string | number | boolean;
  readonly references?: ForeignKeySpec;
  /**
   * App-maintained lower-cased copy of another column of the same table (case-insensitive
   * lookups and uniqueness without expression indexes, which MariaDB lacks). The repository
   * core fills it on every write of the source column; callers never see it.
   */
  readonly lowerOf?: string;
  /** The only values a string column accepts (status, interval, currency ...). */
  readonly allowed?: readonly string[];
  /** Smallest value a number column accepts (money and counters are never negative). */
  readonly min?: number;
  /** What a JSON column must hold at its top level; checked on every write. */
  readonly shape?: JsonShape;
}

/**
 * `object`: a plain object (metadata); `stringMap`: an object of strings (provider-id maps, which
 * are merged key by key in SQL); `array` / `stringArray`: lists; `any`: any JSON value.
 */
export type JsonShape = 'object' | 'stringMap' | 'array' | 'stringArray' | 'any';

/** A column description; the type parameters carry the TypeScript value type for RowOf<>. */
export class Col<T, N extends boolean> {
  declare readonly __value: T;
  declare readonly __nullable: N;
  constructor(readonly spec: ColumnSpec) {}

  nullable(): Col<T, true> {
    return new Col<T, true>({ ...this.spec, nullable: true });
  }
  primaryKey(): Col<T, N> {
    return new Col<T, N>({ ...this.spec, primaryKey: true });
  }
  default(value: T & (string | number | boolean)): Col<T, N> {
    return new Col<T, N>({ ...this.spec, dbDefault: value });
  }
  references(target: () => { readonly name: string }, onDelete: OnDelete, column = 'id'): Col<T, N> {
    return new Col<T, N>({ ...this.spec, references: { target, column, onDelete } });
  }
  lowerOf(sourceColumn: string): Col<T, N> {
    return new Col<T, N>({ ...this.spec, lowerOf: sourceColumn });
  }
  /** Smallest accepted value of a number column (e.g. `.min(0)` for money). */
  min(value: number): Col<T, N> {
    return new Col<T, N>({ ...this.spec, min: value });
  }
}

const base = { nullable: false, primaryKey: false } as const;

/** Column constructors. Columns are NOT NULL unless `.nullable()` is called. */
export const c = {
  id: () => new Col<string, false>({ ...base, kind: 'id', maxLength: 36 }),
  string: (maxLength: number) => new Col<string, false>({ ...base, kind: 'string', maxLength }),
  /** A string restricted to a union of literals (status, interval, ...), checked on every write. */
  oneOf: <T extends string>(allowed: readonly T[], maxLength: number) =>
    new Col<T, false>({ ...base, kind: 'string', maxLength, allowed }),
  text: () => new Col<string, false>({ ...base, kind: 'text' }),
  boolean: () => new Col<boolean, false>({ ...base, kind: 'boolean' }),
  integer: () => new Col<number, false>({ ...base, kind: 'integer' }),
  decimal: (precision: number, scale: number) =>
    new Col<number, false>({ ...base, kind: 'decimal', precision, scale }),
  timestamp: () => new Col<Date, false>({ ...base, kind: 'timestamp' }),
  json: <T = unknown>(shape: JsonShape = 'any') => new Col<T, false>({ ...base, kind: 'json', shape }),
  /** Optimistic-lock version (docs/contract.md §E3): raised by every write of the row. */
  version: () => new Col<number, false>({ ...base, kind: 'integer', dbDefault: 1, group: 'versioned' }),
  /** Soft delete: rows with a `deletedAt` are hidden from the contract's reads. */
  deletedAt: () => new Col<Date, true>({ ...base, kind: 'timestamp', nullable: true, group: 'softDeleted' }),
  createdAt: () => new Col<Date, false>({ ...base, kind: 'timestamp', group: 'createdAt' }),
  updatedAt: () => new Col<Date, false>({ ...base, kind: 'timestamp', group: 'updatedAt' }),
  /** Live or test data: stamped on writes and scoping lists (contract §6). */
  livemode: () => new Col<boolean, false>({ ...base, kind: 'boolean', group: 'livemode' }),
};

export interface IndexSpec {
  /** SQL index name; keep it <= 64 chars (MySQL limit). */
  readonly name: string;
  /** Column keys (camelCase) in index order. */
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /**
   * Partial unique index: the constraint only holds for rows where `column = equals`.
   * PostgreSQL and SQLite get `WHERE`; MySQL gets generated columns that are non-null only
   * while the predicate holds, under a plain unique index (MySQL has no partial indexes).
   */
  readonly where?: { readonly column: string; readonly equals: string };
}

export type ColumnMap = Record<string, Col<unknown, boolean>>;

export interface TableDescription<TName extends string = string, TCols extends ColumnMap = ColumnMap> {
  /** SQL table name, always with the `billing_` prefix. */
  readonly name: TName;
  readonly columns: TCols;
  readonly indexes: readonly IndexSpec[];
  /** Optional composite primary key (column keys); otherwise one column has `.primaryKey()`. */
  readonly primaryKey?: readonly string[];
  /** Which conventional columns the table declares (from the columns' constructors). */
  readonly groups: Readonly<Record<ColumnGroup, boolean>>;
}

export function defineTable<TName extends string, TCols extends ColumnMap>(
  name: TName,
  columns: TCols,
  options: { indexes?: readonly IndexSpec[]; primaryKey?: readonly string[] } = {},
): TableDescription<TName, TCols> {
  const groups = { versioned: false, softDeleted: false, createdAt: false, updatedAt: false, livemode: false };
  for (const [key, col] of Object.entries(columns)) {
    const group = col.spec.group;
    if (group === undefined) continue;
    if (key !== COLUMN_GROUPS[group]) throw new Error(`${name}: a ${group} column must be named ${COLUMN_GROUPS[group]}, not ${key}`);
    groups[group] = true;
  }
  return {
    name,
    columns,
    groups,
    indexes: options.indexes ?? [],
    ...(options.primaryKey ? { primaryKey: options.primaryKey } : {}),
  };
}

/** The TypeScript row type of a description: camelCase keys, nullability from the description. */
export type RowOf<T extends TableDescription> = {
  -readonly [K in keyof T['columns']]: T['columns'][K] extends Col<infer V, infer N>
    ? N extends true
      ? V | null
      : V
    : never;
};

/** snake_case SQL name of a camelCase key: `providerCustomerIds` -> `provider_customer_ids`. */
export function sqlName(key: string): string {
  return key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}

/** SQL name of the table a foreign key references. */
export function referencedTable(ref: ForeignKeySpec): string {
  return ref.target().name;
}
