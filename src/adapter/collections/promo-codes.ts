import type { QZPayDrizzlePromoCodeStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createPromoCodes(_env: CollectionEnv): QZPayDrizzlePromoCodeStorage {
  return notImplemented<QZPayDrizzlePromoCodeStorage>('promo-codes');
}
