import type { QZPayCheckoutStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createCheckouts(_env: CollectionEnv): QZPayCheckoutStorage {
  return notImplemented<QZPayCheckoutStorage>('checkouts');
}
