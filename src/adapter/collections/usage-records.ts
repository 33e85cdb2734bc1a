import type { QZPayUsageRecordStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createUsageRecords(_env: CollectionEnv): QZPayUsageRecordStorage {
  return notImplemented<QZPayUsageRecordStorage>('usage-records');
}
