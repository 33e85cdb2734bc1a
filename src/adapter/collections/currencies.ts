import type { QZPayCurrencyStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createCurrencies(_env: CollectionEnv): QZPayCurrencyStorage {
  return notImplemented<QZPayCurrencyStorage>('currencies');
}
