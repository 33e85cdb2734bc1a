/**
 * The one owner of value conversions and of the checks that make them lossless: every value
 * written goes through `encodeValue`, every value read through `decodeValue`. Reads arrive
 * already normalised by the dialect's read expressions (timestamps as epoch milliseconds, JSON
 * as text), so decoding does not depend on how a host configured its driver's type parsers.
 */
import { QZPayValidationError } from '../contract/errors.js';
import type { WireFormat } from '../dialect/strategy.js';
import type { ColumnSpec, JsonShape } from '../schema/describe.js';

function fail(field: string, message: string): never {
  throw new QZPayValidationError(field, message);
}

/** PostgreSQL cannot store NUL in text, and drivers replace lone surrogates: both would not round-trip. */
function checkText(field: string, value: string, maxLength: number | undefined): string {
  if (!value.isWellFormed()) fail(field, 'contains a lone UTF-16 surrogate');
  if (value.includes('\u0000')) fail(field, 'contains a NUL character');
  checkSize(field, value);
  // UTF-16 length bounds the code point count from above: spread only when it could be over.
  if (maxLength !== undefined && value.length > maxLength && [...value].length > maxLength) {
    fail(field, `is longer than ${maxLength} characters`);
  }
  return value;
}

/**
 * Full Unicode case folding for case-insensitive keys (email, promo code), the same in every
 * process whatever the dialect: lower-, upper- then lower-casing applies the expanding folds
 * ('ß' and 'ẞ' -> 'ss', 'İ' -> 'i̇', 'ﬃ' -> 'ffi') and folds variant forms ('ſ', 'µ', 'ϐ'); final
 * sigma becomes 'σ' (lower-casing picks 'ς' by position, so 'ΟΔΟΣ' and 'οδος' would differ);
 * dotless 'ı' is kept, as full folding has no mapping for it (upper-casing would make it 'i').
 * Checked over every code point: idempotent, the same for a character and its upper and lower
 * case, and at most three per character, so the folded columns are three times as wide (schema).
 * Used for stored keys, lookups and the re-fold of migration 0005 (src/migrate/data-steps.ts).
 */
export function foldCase(value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value.toLowerCase();
  return value.replace(/[^\u0131]+/g, (part) => part.toLowerCase().toUpperCase().toLowerCase()).replace(/\u03c2/g, '\u03c3');
}

/**
 * Input rules shared by every dialect (README "Input rules"). MariaDB 10.11's JSON_VALID check
 * refuses 32 nested levels (31 measured as the deepest it stores) and any packet over
 * max_allowed_packet (16 MiB by default), after which that connection is unusable; checking
 * here, before any SQL, gives the same typed error on every dialect and never sends a
 * statement that could poison a connection.
 */
export const MAX_JSON_DEPTH = 31;
/** UTF-8 bytes of one text or JSON value: several such values still fit one 16 MiB packet. */
export const MAX_VALUE_BYTES = 2 * 1024 * 1024;

/**
 * Containers (objects, arrays) count one level each; only plain objects and arrays are JSON
 * values: a Map, Set or Error would be stored as `{}` and read back as something else, so it is
 * rejected with the field named instead. A Date is stored as its ISO text (saved cards and audit
 * changes carry entity dates and the collections revive them), except under `metadata`, whose
 * values are scalars (§2.4): there a Date would silently come back as a string.
 */
function checkJsonTree(field: string, value: unknown, depth: number, path: string): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_JSON_DEPTH) fail(field, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkJsonTree(field, v, depth + 1, `${path}[${i}]`));
    return;
  }
  if (value instanceof Date && field !== 'metadata') return;
  if (!isPlainObject(value)) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    fail(field, `holds a non-plain object (${typeof name === 'string' ? name : 'object'}) at "${path || '.'}"`);
  }
  for (const [key, v] of Object.entries(value)) checkJsonTree(field, v, depth + 1, path ? `${path}.${key}` : key);
}

function checkSize(field: string, text: string): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: measure only when the bound could be exceeded.
  if (text.length * 3 > MAX_VALUE_BYTES && Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES) {
    fail(field, `is larger than ${MAX_VALUE_BYTES} bytes`);
  }
}

function toJson(field: string, value: unknown): string {
  checkJsonTree(field, value, 0, '');
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) fail(field, 'contains a non-finite number');
      // JSON.stringify would silently drop these (data loss) or escape lone surrogates that
      // PostgreSQL's jsonb refuses: reject them the same way on every dialect.
      if (typeof v === 'function' || typeof v === 'symbol') fail(field, `has a ${typeof v} at "${key}"`);
      if (!key.isWellFormed() || (typeof v === 'string' && !v.isWellFormed())) fail(field, 'contains a lone UTF-16 surrogate');
      // PostgreSQL stores no NUL, not even in jsonb. Checked on the strings themselves: the
      // six characters `\u0000` typed by a user are ordinary text.
      if (key.includes('\u0000') || (typeof v === 'string' && v.includes('\u0000'))) fail(field, 'contains a NUL character');
      return v;
    });
  } catch (error) {
    if (error instanceof QZPayValidationError) throw error;
    fail(field, `is not JSON-serialisable (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === undefined) fail(field, 'is not JSON-serialisable');
  checkSize(field, text);
  return text;
}

// Years 1..9999 are what every dialect's timestamp type stores (MySQL DATETIME's range).
const MIN_TIME = new Date('0001-01-01T00:00:00.000Z').getTime();
const MAX_TIME = new Date('9999-12-31T23:59:59.999Z').getTime();

/** Validates a value against its column and converts it to what the dialect's driver expects. */
export function encodeValue(wire: WireFormat, field: string, spec: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (!spec.nullable) fail(field, 'is required');
    return null;
  }
  switch (spec.kind) {
    case 'id':
    case 'string':
    case 'text':
      if (typeof value !== 'string') fail(field, 'must be a string');
      if (spec.allowed && !spec.allowed.includes(value)) fail(field, `must be one of ${spec.allowed.join(', ')}`);
      return checkText(field, value, spec.maxLength);
    case 'boolean':
      if (typeof value !== 'boolean') fail(field, 'must be a boolean');
      return wire.boolean(value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        fail(field, 'must be an integer between -(2^53-1) and 2^53-1');
      }
      if (spec.min !== undefined && value < spec.min) fail(field, `must be at least ${spec.min}`);
      return value;
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'must be a finite number');
      if (spec.min !== undefined && value < spec.min) fail(field, `must be at least ${spec.min}`);
      const scale = spec.scale ?? 2;
      const limit = 10 ** ((spec.precision ?? 12) - scale);
      if (Math.abs(value) >= limit) fail(field, `must be less than ${limit} in magnitude`);
      if (Math.round(value * 10 ** scale) / 10 ** scale !== value) fail(field, `has more than ${scale} decimals`);
      return wire.decimal(value, scale);
    }
    case 'timestamp': {
      if (!(value instanceof Date)) fail(field, 'must be a Date');
      const time = value.getTime();
      if (Number.isNaN(time)) fail(field, 'is an invalid Date');
      if (time < MIN_TIME || time > MAX_TIME) fail(field, 'is outside the years 0001-9999');
      return wire.timestamp(value);
    }
    case 'json':
      checkShape(field, spec.shape ?? 'any', value);
      return toJson(field, value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function checkShape(field: string, shape: JsonShape, value: unknown): void {
  switch (shape) {
    case 'any':
      return;
    case 'object':
      if (!isPlainObject(value)) fail(field, 'must be a plain object');
      return;
    case 'stringMap':
      if (!isPlainObject(value)) fail(field, 'must be an object of strings');
      for (const [key, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'string') fail(`${field}.${key}`, 'must be a string');
      return;
    case 'array':
      if (!Array.isArray(value)) fail(field, 'must be an array');
      return;
    case 'stringArray':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(field, 'must be an array of strings');
      return;
  }
}

/** Converts a normalised raw value (see the dialect read expressions) back to its JS value. */
export function decodeValue(spec: ColumnSpec, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (spec.kind) {
    case 'id':
    case 'string':
    case 'text':
      // MySQL returns its byte columns (varbinary/longblob holding UTF-8) as Buffers.
      return typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
    case 'boolean':
      return raw === true || raw === 1 || raw === 1n || raw === '1' || raw === 't' || raw === 'true';
    case 'integer':
    case 'decimal':
      return Number(raw);
    case 'timestamp':
      return new Date(raw instanceof Date ? raw.getTime() : Number(raw));
    case 'json':
      return typeof raw === 'string' ? JSON.parse(raw) : raw;
  }
}
