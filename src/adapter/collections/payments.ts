import type { QZPayDrizzlePaymentStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createPayments(_env: CollectionEnv): QZPayDrizzlePaymentStorage {
  return notImplemented<QZPayDrizzlePaymentStorage>('payments');
}
