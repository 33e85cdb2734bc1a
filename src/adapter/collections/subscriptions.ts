import type { QZPayDrizzleSubscriptionStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createSubscriptions(_env: CollectionEnv): QZPayDrizzleSubscriptionStorage {
  return notImplemented<QZPayDrizzleSubscriptionStorage>('subscriptions');
}
