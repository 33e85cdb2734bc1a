import type { QZPaySubscriptionPollingJobStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createSubscriptionPollingJobs(_env: CollectionEnv): QZPaySubscriptionPollingJobStorage {
  return notImplemented<QZPaySubscriptionPollingJobStorage>('polling-jobs');
}
