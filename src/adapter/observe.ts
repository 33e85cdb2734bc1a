/**
 * What the host sees of the library's statements (issue 14 §6). Drizzle renders the SQL but the
 * library runs it on the driver itself, so Drizzle's own logger never sees it: the library calls
 * the host's Drizzle logger (`drizzle(client, { logger })`) and an `onQuery` hook of its own, for
 * every statement a storage sends, with the collection method that sent it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { entityKind } from 'drizzle-orm';
import type { Connection, StatementOptions } from '../dialect/drivers/types.js';

export interface QZPayQueryEvent {
  readonly sql: string;
  /**
   * The bound values: each redacted to its kind (`'<string>'`, `'<number>'`, ...; null stays
   * null) unless the storage was made with `queryParams: 'raw'`. Billing rows hold e-mail
   * addresses and names, so the default keeps them out of logs.
   */
  readonly params: readonly unknown[];
  readonly durationMs: number;
  /** The storage method that sent it, e.g. `customers.create` (undefined outside one). */
  readonly operation: string | undefined;
  /** The driver's error when the statement failed (the caller gets the library's typed error). */
  readonly error?: unknown;
}

export interface ObserveOptions {
  /** Called after each statement; an exception it throws is ignored (logging never fails a payment). */
  readonly onQuery?: ((event: QZPayQueryEvent) => void) | undefined;
  readonly queryParams?: 'redacted' | 'raw' | undefined;
}

/** Drizzle's Logger interface; `NoopLogger` is what a database made without `logger` holds. */
interface DrizzleLogger {
  logQuery(query: string, params: unknown[]): void;
}

/** The host's Drizzle logger, if the database was made with one. */
export function hostLogger(db: unknown): DrizzleLogger | undefined {
  const target = (db as { $primary?: unknown } | null)?.$primary ?? db;
  const logger = (target as { session?: { logger?: unknown } } | null)?.session?.logger as (DrizzleLogger & { constructor?: { [entityKind]?: string } }) | undefined;
  if (!logger || typeof logger.logQuery !== 'function') return undefined;
  return logger.constructor?.[entityKind] === 'NoopLogger' ? undefined : logger;
}

const operation = new AsyncLocalStorage<string>();

/** Runs every method of each collection under its name (`<collection>.<method>`). */
export function nameOperations<T extends object>(collections: T): T {
  const named: Record<string, unknown> = {};
  for (const [collection, methods] of Object.entries(collections)) {
    const out: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(methods as Record<string, unknown>)) {
      out[method] =
        typeof fn === 'function' ? (...args: unknown[]) => operation.run(`${collection}.${method}`, () => (fn as (...a: unknown[]) => unknown).apply(methods, args)) : fn;
    }
    named[collection] = out;
  }
  return named as T;
}

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return '<bytes>';
  return `<${typeof value}>`;
}

/** A connection that reports each statement to the host's logger and hook. */
export function observed(conn: Connection, logger: DrizzleLogger | undefined, options: ObserveOptions): Connection {
  const { onQuery } = options;
  const raw = options.queryParams === 'raw';
  const report = (sql: string, params: readonly unknown[], started: number, error?: unknown) => {
    if (!onQuery) return;
    const event: QZPayQueryEvent = {
      sql,
      params: raw ? [...params] : params.map(redact),
      durationMs: performance.now() - started,
      operation: operation.getStore(),
      ...(error === undefined ? {} : { error }),
    };
    try {
      onQuery(event);
    } catch {
      // The hook is the host's; its failure must not change the outcome of the call.
    }
  };
  const run = async <R>(sql: string, params: readonly unknown[], send: () => Promise<R>): Promise<R> => {
    logger?.logQuery(sql, [...params]);
    const started = performance.now();
    try {
      const result = await send();
      report(sql, params, started);
      return result;
    } catch (error) {
      report(sql, params, started, error ?? new Error('statement failed'));
      throw error;
    }
  };
  return {
    all: (sql, params, o?: StatementOptions) => run(sql, params, () => conn.all(sql, params, o)),
    run: (sql, params, o?: StatementOptions) => run(sql, params, () => conn.run(sql, params, o)),
    control: (sql, maxWaitMs) => run(sql, [], () => conn.control(sql, maxWaitMs)),
  };
}
