import type { QZPayAuditLogStorage } from '../../contract/index.js';
import type { CollectionEnv } from '../env.js';
import { notImplemented } from './not-implemented.js';

export function createAuditLogs(_env: CollectionEnv): QZPayAuditLogStorage {
  return notImplemented<QZPayAuditLogStorage>('audit-logs');
}
