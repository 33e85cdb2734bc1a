import type { QZPayDrizzleAddOnStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createAddons(_env: CollectionEnv): QZPayDrizzleAddOnStorage {
  return notImplemented<QZPayDrizzleAddOnStorage>('addons');
}
