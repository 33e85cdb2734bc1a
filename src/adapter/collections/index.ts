/** Assembles every collection of the adapter from one environment. */
import type { QZPayDrizzleStorage } from '../../contract/extensions.js';
import type { CollectionEnv } from '../env.js';
import { createCustomers } from './customers.js';

export type Collections = Omit<QZPayDrizzleStorage, 'transaction'>;

export function createCollections(env: CollectionEnv): Collections {
  return {
    customers: createCustomers(env),
  } as unknown as Collections; // TEMPORARY until every collection exists
}
