/**
 * Statements are rendered by Drizzle once per shape (which columns, which operators) with named
 * placeholders, then cached; each call only binds values. Shapes come partly from callers (list
 * filters and orders, often straight from an admin API's query string), so both caches are
 * bounded (README "Statement cache"): the rendered shapes are an LRU, and only a bounded set of
 * SQL texts is ever prepared on the server (named statements on PostgreSQL, mysql2's statement
 * cache, better-sqlite3's compiled statements). A shape outside that set runs unprepared: the
 * driver keeps nothing of it once it has run.
 */
import { is, Param, Placeholder } from 'drizzle-orm';
import { QZPayValidationError } from '../contract/errors.js';
import type { StatementOptions } from '../dialect/drivers/types.js';
import type { RenderedQuery } from '../dialect/strategy.js';

export interface CompiledStatement {
  readonly sql: string;
  /** Placeholder name per parameter position, or a literal Drizzle inlined as a parameter. */
  readonly slots: ReadonlyArray<{ name: string } | { literal: unknown }>;
  /** Passed to the connection: `undefined` runs the statement prepared, UNPREPARED does not. */
  options: StatementOptions | undefined;
  /** Calls seen while not prepared: a text is admitted to the prepared set on its second use. */
  uses: number;
}

const UNPREPARED: StatementOptions = { unprepared: true };

export interface StatementCacheLimits {
  /** Rendered shapes kept in the process (least recently used dropped first). */
  readonly shapes: number;
  /** Distinct SQL texts this storage ever prepares on the server, per connection. */
  readonly prepared: number;
}

export const DEFAULT_STATEMENT_CACHE: StatementCacheLimits = { shapes: 2_000, prepared: 500 };

/** `statementCache` from the storage options: whole numbers, `shapes` >= 1, `prepared` >= 0. */
export function statementCacheLimits(option: { shapes?: number; prepared?: number } | undefined): StatementCacheLimits {
  const pick = (name: 'shapes' | 'prepared', min: number): number => {
    const value = option?.[name] ?? DEFAULT_STATEMENT_CACHE[name];
    if (!Number.isSafeInteger(value) || value < min) {
      throw new QZPayValidationError(`statementCache.${name}`, `must be a whole number >= ${min}`);
    }
    return value;
  };
  return { shapes: pick('shapes', 1), prepared: pick('prepared', 0) };
}

function slotOf(param: unknown): { name: string } | { literal: unknown } {
  if (is(param, Placeholder)) return { name: param.name };
  if (is(param, Param)) {
    const inner = param.value;
    if (is(inner, Placeholder)) return { name: inner.name };
    return { literal: inner };
  }
  return { literal: param };
}

export class StatementCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly cache = new Map<string, CompiledStatement>();
  /** Never shrinks: a text prepared on a pooled connection stays there until it closes. */
  private readonly prepared = new Set<string>();

  constructor(private readonly limits: StatementCacheLimits = DEFAULT_STATEMENT_CACHE) {}

  get(key: string, build: () => RenderedQuery): CompiledStatement {
    let compiled = this.cache.get(key);
    if (compiled) {
      this.cache.delete(key);
    } else {
      const { sql, params } = build().toSQL();
      compiled = { sql, slots: params.map(slotOf), options: this.prepared.has(sql) ? undefined : UNPREPARED, uses: 0 };
      if (this.cache.size >= this.limits.shapes) {
        const oldest = this.cache.keys().next();
        if (!oldest.done) this.cache.delete(oldest.value);
      }
    }
    this.cache.set(key, compiled);
    if (compiled.options !== undefined && ++compiled.uses >= 2 && this.prepared.size < this.limits.prepared) {
      this.prepared.add(compiled.sql);
      compiled.options = undefined;
    }
    return compiled;
  }

  /** Rendered shapes held, and SQL texts admitted to the prepared set. */
  get size(): { shapes: number; prepared: number } {
    return { shapes: this.cache.size, prepared: this.prepared.size };
  }
}

/** Values are already encoded by values.ts; Drizzle's column encoders are deliberately bypassed. */
export function bind(statement: CompiledStatement, values: Readonly<Record<string, unknown>>): unknown[] {
  return statement.slots.map((slot) => {
    if ('literal' in slot) return slot.literal;
    if (!(slot.name in values)) throw new Error(`no value bound for ${slot.name} in: ${statement.sql}`);
    return values[slot.name];
  });
}
