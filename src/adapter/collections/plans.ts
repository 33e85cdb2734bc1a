import type { QZPayDrizzlePlanStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createPlans(_env: CollectionEnv): QZPayDrizzlePlanStorage {
  return notImplemented<QZPayDrizzlePlanStorage>('plans');
}
