/**
 * Compiles the neutral conditions of conditions.ts for one table: `bind` encodes the values of a
 * call and names its shape (cheap, every call); `render` builds the Drizzle SQL with the same
 * placeholder names (once per shape, on a statement-cache miss).
 */
import { and, type Column, type SQL, sql } from 'drizzle-orm';
import type { DialectStrategy } from '../dialect/strategy.js';
import type { ColumnSpec } from '../schema/describe.js';
import type { Cond } from './conditions.js';
import { encodeValue } from './values.js';

type Values = Record<string, unknown>;

/**
 * IN lists are padded to a power of two by repeating the last value (same matches): every
 * distinct list length is a distinct cached statement, so this bounds the cache to ~15 shapes.
 */
function padToPowerOfTwo(values: readonly unknown[]): unknown[] {
  let size = 1;
  while (size < values.length) size *= 2;
  return [...values, ...Array<unknown>(size - values.length).fill(values[values.length - 1])];
}

/** A condition whose value can never match (e.g. a string PostgreSQL could not even compare). */
class NeverMatches extends Error {}

export class WhereCompiler {
  constructor(
    private readonly strategy: DialectStrategy,
    private readonly column: (key: string) => Column,
    private readonly spec: (key: string) => ColumnSpec,
  ) {}

  /** Comparison values are converted, not length-checked: an over-long id simply matches nothing. */
  private encodeMatch(col: string, value: unknown): unknown {
    const spec = this.spec(col);
    if (typeof value === 'string' && (!value.isWellFormed() || value.includes('\u0000'))) throw new NeverMatches();
    // A value no row can hold (unknown status, negative amount...) matches nothing; it is not an error.
    if (typeof value === 'string' && spec.allowed && !spec.allowed.includes(value)) throw new NeverMatches();
    const { maxLength: _length, allowed: _allowed, min: _min, ...unbounded } = spec;
    return encodeValue(this.strategy.wire, col, { ...unbounded, nullable: true }, value);
  }

  /**
   * Binds the conditions' values (encoded) into `values` and returns the statement shape, or
   * `null` when some value can never match (no query needed). Only the shape and the values are
   * computed per call; the SQL is rendered by `renderWhere` once per shape, on a cache miss.
   */
  bind(conds: readonly Cond[], values: Values): string | null {
    try {
      const counter = { n: 0 };
      return conds.map((c) => this.bindCond(c, values, counter)).join('&');
    } catch (error) {
      if (error instanceof NeverMatches) return null;
      throw error;
    }
  }

  private bindCond(cond: Cond, values: Values, counter: { n: number }): string {
    if (cond.op === 'or') {
      return `or(${cond.any.map((g) => g.map((c) => this.bindCond(c, values, counter)).join('&')).join('|')})`;
    }
    const bindOne = (value: unknown): void => {
      values[`w${counter.n++}`] = this.encodeMatch(cond.col, value);
    };
    switch (cond.op) {
      case 'eq':
        // `eq null` renders as IS NULL: a different statement from `eq value`.
        if (cond.value === null) return `${cond.col}.null`;
        bindOne(cond.value);
        return `${cond.col}.eq`;
      case 'ne':
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        bindOne(cond.value);
        return `${cond.col}.${cond.op}`;
      case 'isNull':
      case 'notNull':
        return `${cond.col}.${cond.op}`;
      case 'in': {
        if (cond.values.length === 0) throw new NeverMatches();
        const padded = padToPowerOfTwo(cond.values);
        padded.forEach(bindOne);
        return `${cond.col}.in${padded.length}`;
      }
      case 'ltColumn':
      case 'lteColumn':
        return `${cond.col}.${cond.op}.${cond.other}`;
      case 'lteColumnMinus':
        bindOne(cond.value);
        return `${cond.col}.${cond.op}.${cond.other}`;
      case 'jsonContains':
        values[`w${counter.n++}`] = cond.value;
        return `${cond.col}.jsonContains`;
    }
  }

  /** The SQL of conditions whose values `whereOrNothing` bound: same traversal, same names. */
  render(conds: readonly Cond[]): SQL | undefined {
    const counter = { n: 0 };
    const next = (): SQL => sql`${sql.placeholder(`w${counter.n++}`)}`;
    const render = (cond: Cond): SQL => {
      if (cond.op === 'or') {
        return sql`(${sql.join(cond.any.map((group) => sql`(${and(...group.map(render))})`), sql` or `)})`;
      }
      const column = this.column(cond.col);
      switch (cond.op) {
        case 'eq':
          return cond.value === null ? sql`${column} is null` : sql`${column} = ${next()}`;
        case 'ne':
          return sql`${column} <> ${next()}`;
        case 'lt':
          return sql`${column} < ${next()}`;
        case 'lte':
          return sql`${column} <= ${next()}`;
        case 'gt':
          return sql`${column} > ${next()}`;
        case 'gte':
          return sql`${column} >= ${next()}`;
        case 'isNull':
          return sql`${column} is null`;
        case 'notNull':
          return sql`${column} is not null`;
        case 'in':
          return sql`${column} in (${sql.join(padToPowerOfTwo(cond.values).map(next), sql`, `)})`;
        case 'ltColumn':
          return sql`${column} < ${this.column(cond.other)}`;
        case 'lteColumn':
          return sql`${column} <= ${this.column(cond.other)}`;
        case 'lteColumnMinus':
          return sql`${column} <= ${this.column(cond.other)} - ${next()}`;
        case 'jsonContains':
          return this.strategy.jsonArrayContains(column, next());
      }
    };
    return conds.length === 0 ? undefined : and(...conds.map(render));
  }
}
