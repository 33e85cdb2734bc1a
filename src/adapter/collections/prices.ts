import type { QZPayPriceStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createPrices(_env: CollectionEnv): QZPayPriceStorage {
  return notImplemented<QZPayPriceStorage>('prices');
}
