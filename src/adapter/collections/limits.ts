import type { QZPayLimitStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createLimits(_env: CollectionEnv): QZPayLimitStorage {
  return notImplemented<QZPayLimitStorage>('limits');
}
