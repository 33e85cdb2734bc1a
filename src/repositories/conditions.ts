/**
 * Neutral query conditions and patches: collections describe WHAT to match or change with these
 * plain objects; the table repository turns them into Drizzle SQL with placeholders (cached per
 * shape) and the values into bound parameters. Nothing here knows a dialect.
 */

export type Comparison = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';

export type Cond =
  | { readonly col: string; readonly op: Comparison; readonly value: unknown }
  | { readonly col: string; readonly op: 'isNull' | 'notNull' }
  | { readonly col: string; readonly op: 'in'; readonly values: readonly unknown[] }
  /** Compares two columns of the same row (e.g. `currentRedemptions < maxRedemptions`). */
  | { readonly col: string; readonly op: 'ltColumn' | 'lteColumn'; readonly other: string }
  /** `col <= other - value`, i.e. `col + value <= other` without a sum that could overflow first. */
  | { readonly col: string; readonly op: 'lteColumnMinus'; readonly other: string; readonly value: number }
  /** The JSON array in `col` contains the string `value`. */
  | { readonly col: string; readonly op: 'jsonContains'; readonly value: string }
  /** Any of the groups matches (each group is a conjunction). */
  | { readonly op: 'or'; readonly any: ReadonlyArray<readonly Cond[]> };

export const eq = (col: string, value: unknown): Cond => ({ col, op: 'eq', value });
export const ne = (col: string, value: unknown): Cond => ({ col, op: 'ne', value });
export const lt = (col: string, value: unknown): Cond => ({ col, op: 'lt', value });
export const lte = (col: string, value: unknown): Cond => ({ col, op: 'lte', value });
export const gt = (col: string, value: unknown): Cond => ({ col, op: 'gt', value });
export const gte = (col: string, value: unknown): Cond => ({ col, op: 'gte', value });
export const isNull = (col: string): Cond => ({ col, op: 'isNull' });
export const notNull = (col: string): Cond => ({ col, op: 'notNull' });
export const inList = (col: string, values: readonly unknown[]): Cond => ({ col, op: 'in', values });
/** `col < other`, both columns of the row being matched. */
export const ltColumn = (col: string, other: string): Cond => ({ col, op: 'ltColumn', other });
export const lteColumn = (col: string, other: string): Cond => ({ col, op: 'lteColumn', other });
export const lteColumnMinus = (col: string, other: string, value: number): Cond => ({ col, op: 'lteColumnMinus', other, value });
export const jsonContains = (col: string, value: string): Cond => ({ col, op: 'jsonContains', value });
export const or = (...any: ReadonlyArray<readonly Cond[]>): Cond => ({ op: 'or', any });

export interface Order {
  readonly col: string;
  readonly dir: 'asc' | 'desc';
}
export const asc = (col: string): Order => ({ col, dir: 'asc' });
export const desc = (col: string): Order => ({ col, dir: 'desc' });

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
