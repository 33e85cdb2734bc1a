/**
 * Lag-tolerant reads: the list views (`list`, `listPage`) of the paged collections, served by a
 * read replica when the Drizzle database is a `withReplicas` one. An explicit opt-in
 * (`storage.lagTolerant.customers.list()`): contract methods never read from a replica, because
 * core reads its own writes (a refund total right after a refund) and a lagging replica answers
 * with the state before them. These reads see the replica's snapshot, outside any `transaction`.
 */
import type { QZPayDrizzleStorage } from '../contract/extensions.js';

export const lagTolerantCollections = [
  'customers', 'subscriptions', 'payments', 'paymentMethods', 'invoices', 'plans', 'prices',
  'promoCodes', 'vendors', 'addons', 'checkouts', 'webhookEvents',
] as const;
type LagTolerantCollection = (typeof lagTolerantCollections)[number];
type ListViews<T> = Pick<T, Extract<keyof T, 'list' | 'listPage'>>;

export type QZPayLagTolerantReads = { readonly [C in LagTolerantCollection]: ListViews<QZPayDrizzleStorage[C]> };

type ListFn = (options?: unknown) => Promise<unknown>;
type Source = Pick<QZPayDrizzleStorage, LagTolerantCollection>;

/** Each call goes to one of `sources` (a random replica, as Drizzle's own `withReplicas` picks). */
export function lagTolerantReads(sources: readonly Source[]): QZPayLagTolerantReads {
  const pick = (): Source => sources[Math.floor(Math.random() * sources.length)] as Source;
  const views: Record<string, { list: ListFn; listPage: ListFn }> = {};
  for (const name of lagTolerantCollections) {
    const collection = (storage: Source) => storage[name] as unknown as { list: ListFn; listPage: ListFn };
    views[name] = {
      list: (options) => collection(pick()).list(options),
      listPage: (options) => collection(pick()).listPage(options),
    };
  }
  return views as unknown as QZPayLagTolerantReads;
}
