/** What every collection receives: one repository per table, the livemode, the clock, ids, atomicity. */
import { randomUUID } from 'node:crypto';
import type { Executor } from '../repositories/executor.js';
import { type RepoContext, TableRepository } from '../repositories/table.js';
import { tableDescriptions, type TableKey } from '../schema/registry.js';

export type Repositories = { readonly [K in TableKey]: TableRepository<K> };

export interface CollectionEnv {
  readonly repos: Repositories;
  /** The adapter's livemode: stamped on writes and scoping lists (docs/contract.md §6). */
  readonly livemode: boolean;
  readonly now: () => Date;
  /** Adapter-wide `webhookEvents.markFailed` attempts before `dead`, unless a call overrides it. */
  readonly webhookMaxAttempts?: number | undefined;
  readonly newId: () => string;
  readonly executor: Executor;
  /** Joins the caller's transaction or opens one: for methods that run several statements. */
  atomic<T>(fn: () => Promise<T>): Promise<T>;
}

export function createRepositories(ctx: RepoContext): Repositories {
  const repos: Partial<Record<TableKey, unknown>> = {};
  for (const key of Object.keys(tableDescriptions) as TableKey[]) {
    repos[key] = new TableRepository(ctx, key, tableDescriptions[key]);
  }
  return repos as Repositories;
}

export function createEnv(ctx: RepoContext, options: { livemode: boolean; now: () => Date; webhookMaxAttempts?: number | undefined }): CollectionEnv {
  return {
    repos: createRepositories(ctx),
    livemode: options.livemode,
    now: options.now,
    webhookMaxAttempts: options.webhookMaxAttempts,
    newId: () => randomUUID(),
    executor: ctx.executor,
    atomic: (fn) => ctx.executor.atomic(fn),
  };
}
