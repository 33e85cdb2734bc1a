/**
 * The collections this library adds beside the contract's (docs/contract.md §E): webhook events, the
 * append-only audit log, metered usage, idempotency keys and currencies. Split from extensions.ts,
 * which re-exports everything here.
 */
import type {
  QZPayMetadata,
} from './entities.js';
import type {
  QZPayListOptions,
  QZPayPaginatedResult,
} from './inputs.js';

import type {
  QZPayCurrency,
  QZPayUsageAction,
  QZPayWebhookEventStatus,
} from './unions.js';

// ---- Webhook events ----

/** Options of `webhookEvents.markFailed`. */
export interface QZPayMarkWebhookFailedOptions {
  /** Attempts after which the event is `dead` instead of `failed`. */
  maxAttempts?: number;
}

export interface QZPayWebhookEvent {
  id: string;
  provider: string;
  /** Unique together with `provider`: replays are detected on this pair. */
  providerEventId: string;
  type: string;
  payload: unknown;
  status: QZPayWebhookEventStatus;
  attempts: number;
  lastError: string | null;
  /** End of the current worker's lease; an expired lease makes the event claimable again. */
  lockedUntil: Date | null;
  receivedAt: Date;
  processedAt: Date | null;
  livemode: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface QZPayRecordWebhookEventInput {
  id?: string;
  provider: string;
  providerEventId: string;
  type: string;
  payload: unknown;
  /** Default: now. */
  receivedAt?: Date;
}

/** `duplicate: true` = the delivery was a replay and `event` is the row recorded first. */
export interface QZPayRecordWebhookEventResult {
  event: QZPayWebhookEvent;
  duplicate: boolean;
}

export interface QZPayClaimWebhookEventOptions {
  /** How long the claim holds before another worker may take the event over. */
  leaseMs?: number;
}

export interface QZPayWebhookEventStorage {
  /** Idempotent on `(provider, providerEventId)`, also when two deliveries race. */
  record(input: QZPayRecordWebhookEventInput): Promise<QZPayRecordWebhookEventResult>;
  /** Hands the event to exactly one worker; the losers (and non-claimable events) get `null`. */
  claim(id: string, opts?: QZPayClaimWebhookEventOptions): Promise<QZPayWebhookEvent | null>;
  markProcessed(id: string): Promise<QZPayWebhookEvent>;
  /** Counts the attempt and keeps the error; past the configured attempts the event becomes `dead`. */
  /** `options.maxAttempts`: attempts after which the event is `dead` (default 5). */
  markFailed(id: string, error: string, options?: QZPayMarkWebhookFailedOptions): Promise<QZPayWebhookEvent>;
  findById(id: string): Promise<QZPayWebhookEvent | null>;
  findByProviderEventId(provider: string, providerEventId: string): Promise<QZPayWebhookEvent | null>;
  list(options?: QZPayListOptions): Promise<QZPayPaginatedResult<QZPayWebhookEvent>>;
}

// ---- Audit logs (append-only: no update or delete method, and the database rejects both) ----

export interface QZPayAuditLog {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  actorType: string | null;
  actorId: string | null;
  changes: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  livemode: boolean;
  createdAt: Date;
}

/** `createdAt` and `livemode` are stamped by the adapter, never supplied. */
export interface QZPayAppendAuditLogInput {
  id?: string;
  entityType: string;
  entityId: string;
  action: string;
  actorType?: string | null;
  actorId?: string | null;
  changes?: unknown;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** Filters combine with AND; `from` (inclusive) / `to` (exclusive) bound `createdAt`. */
export interface QZPayAuditLogListOptions extends QZPayListOptions {
  entityType?: string;
  entityId?: string;
  actorType?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export interface QZPayAuditLogStorage {
  append(entry: QZPayAppendAuditLogInput): Promise<QZPayAuditLog>;
  findByEntity(entityType: string, entityId: string): Promise<QZPayAuditLog[]>;
  list(options?: QZPayAuditLogListOptions): Promise<QZPayPaginatedResult<QZPayAuditLog>>;
}

// ---- Metered usage (distinct from the contract's limit `QZPayUsageRecord`) ----

export interface QZPayMeteredUsageRecord {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  metricName: string;
  quantity: number;
  action: QZPayUsageAction;
  timestamp: Date;
  /** A repeat `record` with the same key returns the first record. */
  idempotencyKey: string | null;
  metadata: QZPayMetadata;
  livemode: boolean;
  createdAt: Date;
}

export interface QZPayRecordMeteredUsageInput {
  id?: string;
  customerId: string;
  subscriptionId?: string;
  metricName: string;
  quantity: number;
  /** Default `increment`. */
  action?: QZPayUsageAction;
  /** Default: now. */
  timestamp?: Date;
  idempotencyKey?: string;
  metadata?: QZPayMetadata;
}

/** `from` (inclusive) / `to` (exclusive) bound `timestamp`. */
export interface QZPayUsageRecordQuery {
  metricName?: string;
  from?: Date;
  to?: Date;
}

/** Half-open period `[from, to)` on `timestamp`. */
export interface QZPayUsagePeriod {
  from: Date;
  to: Date;
}

export interface QZPayUsageRecordStorage {
  record(input: QZPayRecordMeteredUsageInput): Promise<QZPayMeteredUsageRecord>;
  findBySubscriptionId(subscriptionId: string, opts?: QZPayUsageRecordQuery): Promise<QZPayMeteredUsageRecord[]>;
  /** Applies increment / decrement / set in timestamp order; resolves the resulting quantity. */
  summarize(subscriptionId: string, metricName: string, period: QZPayUsagePeriod): Promise<number>;
}

// ---- Idempotency keys ----

export interface QZPayIdempotencyBeginOptions {
  operation: string;
  /** Hash of the request; reusing a key with another fingerprint rejects with `QZPayIdempotencyMismatchError`. */
  fingerprint: string;
  ttlMs: number;
}

/** Of two concurrent `begin` calls on a new key, exactly one gets `started`. */
export type QZPayIdempotencyBeginResult =
  | { state: 'started' }
  | { state: 'in_progress' }
  | { state: 'completed'; response: unknown; statusCode: number | null };

export interface QZPayIdempotencyCompleteInput {
  response: unknown;
  statusCode?: number;
}

export interface QZPayIdempotencyKeyStorage {
  begin(key: string, opts: QZPayIdempotencyBeginOptions): Promise<QZPayIdempotencyBeginResult>;
  complete(key: string, result: QZPayIdempotencyCompleteInput): Promise<void>;
  /** Drops an in-progress lock (e.g. the request failed) so the key can be retried. */
  release(key: string): Promise<void>;
  /** Resolves the number of keys removed. */
  purgeExpired(now?: Date): Promise<number>;
}

// ---- Currencies (ISO 4217 reference table) ----

/** `code` is a plain string: the table holds every active ISO 4217 currency, not only `QZPayCurrency`. */
export interface QZPayCurrencyInfo {
  code: string;
  name: string;
  /** Digits after the decimal point (CLP 0, ARS 2, ...). */
  minorUnits: number;
  symbol: string | null;
  active: boolean;
}

export interface QZPayCurrencyStorage {
  list(): Promise<QZPayCurrencyInfo[]>;
  findByCode(code: string): Promise<QZPayCurrencyInfo | null>;
}
