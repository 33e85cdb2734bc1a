import type { QZPayIdempotencyKeyStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createIdempotencyKeys(_env: CollectionEnv): QZPayIdempotencyKeyStorage {
  return notImplemented<QZPayIdempotencyKeyStorage>('idempotency-keys');
}
