/**
 * Neutral query conditions and patches: collections describe WHAT to match or change with these
 * plain objects; the table repository turns them into Drizzle SQL with placeholders (cached per
 * shape) and the values into bound parameters. Nothing here knows a dialect.
 */

export type Comparison = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';

/**
 * A condition on column `C` of a table. Repositories take `Cond<column keys of their table>`, so
 * a misspelt column (`eq('emial', x)`) is a compile error where the condition is used.
 */
export type Cond<C extends string = string> =
  | { readonly col: C; readonly op: Comparison; readonly value: unknown }
  | { readonly col: C; readonly op: 'isNull' | 'notNull' }
  | { readonly col: C; readonly op: 'in'; readonly values: readonly unknown[] }
  /** Compares two columns of the same row (e.g. `currentRedemptions < maxRedemptions`). */
  | { readonly col: C; readonly op: 'ltColumn' | 'lteColumn'; readonly other: C }
  /** `col <= other - value`, i.e. `col + value <= other` without a sum that could overflow first. */
  | { readonly col: C; readonly op: 'lteColumnMinus'; readonly other: C; readonly value: number }
  /** The JSON array in `col` contains the string `value`. */
  | { readonly col: C; readonly op: 'jsonContains'; readonly value: string }
  /** Any of the groups matches (each group is a conjunction). */
  | { readonly op: 'or'; readonly any: ReadonlyArray<readonly Cond<C>[]> };

export const eq = <C extends string>(col: C, value: unknown): Cond<C> => ({ col, op: 'eq', value });
export const ne = <C extends string>(col: C, value: unknown): Cond<C> => ({ col, op: 'ne', value });
export const lt = <C extends string>(col: C, value: unknown): Cond<C> => ({ col, op: 'lt', value });
export const lte = <C extends string>(col: C, value: unknown): Cond<C> => ({ col, op: 'lte', value });
export const gt = <C extends string>(col: C, value: unknown): Cond<C> => ({ col, op: 'gt', value });
export const gte = <C extends string>(col: C, value: unknown): Cond<C> => ({ col, op: 'gte', value });
export const isNull = <C extends string>(col: C): Cond<C> => ({ col, op: 'isNull' });
export const notNull = <C extends string>(col: C): Cond<C> => ({ col, op: 'notNull' });
export const inList = <C extends string>(col: C, values: readonly unknown[]): Cond<C> => ({ col, op: 'in', values });
/** `col < other`, both columns of the row being matched. */
export const ltColumn = <C extends string>(col: C, other: C): Cond<C> => ({ col, op: 'ltColumn', other });
export const lteColumn = <C extends string>(col: C, other: C): Cond<C> => ({ col, op: 'lteColumn', other });
export const lteColumnMinus = <C extends string>(col: C, other: C, value: number): Cond<C> => ({ col, op: 'lteColumnMinus', other, value });
export const jsonContains = <C extends string>(col: C, value: string): Cond<C> => ({ col, op: 'jsonContains', value });
export const or = <C extends string>(...any: ReadonlyArray<readonly Cond<C>[]>): Cond<C> => ({ op: 'or', any });

export interface Order<C extends string = string> {
  readonly col: C;
  readonly dir: 'asc' | 'desc';
}
export const asc = <C extends string>(col: C): Order<C> => ({ col, dir: 'asc' });
export const desc = <C extends string>(col: C): Order<C> => ({ col, dir: 'desc' });

/** Patch operations beyond "set to this value", computed by the database in one statement. */
export class Increment {
  constructor(readonly by: number) {}
}
/** Merge a flat JSON object into the stored one key by key (provider-id maps). */
export class JsonMerge {
  constructor(readonly value: Record<string, unknown>) {}
}
export const increment = (by: number): Increment => new Increment(by);
export const jsonMerge = (value: Record<string, unknown>): JsonMerge => new JsonMerge(value);
