import type { QZPayEntitlementStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createEntitlements(_env: CollectionEnv): QZPayEntitlementStorage {
  return notImplemented<QZPayEntitlementStorage>('entitlements');
}
