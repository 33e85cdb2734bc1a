import type { QZPayPaymentMethodStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createPaymentMethods(_env: CollectionEnv): QZPayPaymentMethodStorage {
  return notImplemented<QZPayPaymentMethodStorage>('payment-methods');
}
