import type { QZPayWebhookEventStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createWebhookEvents(_env: CollectionEnv): QZPayWebhookEventStorage {
  return notImplemented<QZPayWebhookEventStorage>('webhook-events');
}
