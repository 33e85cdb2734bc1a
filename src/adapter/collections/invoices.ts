import type { QZPayDrizzleInvoiceStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createInvoices(_env: CollectionEnv): QZPayDrizzleInvoiceStorage {
  return notImplemented<QZPayDrizzleInvoiceStorage>('invoices');
}
