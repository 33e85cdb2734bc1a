/**
 * Statements are rendered by Drizzle once per shape (which columns, which operators) with named
 * placeholders, then cached; each call only binds values. The drivers keep their own prepared
 * handle per SQL text, so a hot path costs a cache lookup plus the driver round trip.
 */
import { is, Param, Placeholder } from 'drizzle-orm';
import type { RenderedQuery } from '../dialect/strategy.js';

export interface CompiledStatement {
  readonly sql: string;
  /** Placeholder name per parameter position, or a literal Drizzle inlined as a parameter. */
  readonly slots: ReadonlyArray<{ name: string } | { literal: unknown }>;
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
  private readonly cache = new Map<string, CompiledStatement>();

  get(key: string, build: () => RenderedQuery): CompiledStatement {
    let compiled = this.cache.get(key);
    if (!compiled) {
      const { sql, params } = build().toSQL();
      compiled = { sql, slots: params.map(slotOf) };
      this.cache.set(key, compiled);
    }
    return compiled;
  }

  get size(): number {
    return this.cache.size;
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
