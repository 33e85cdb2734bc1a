import type { QZPayDrizzleVendorStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createVendors(_env: CollectionEnv): QZPayDrizzleVendorStorage {
  return notImplemented<QZPayDrizzleVendorStorage>('vendors');
}
