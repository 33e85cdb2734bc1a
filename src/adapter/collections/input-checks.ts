/**
 * Checks on values the table descriptions cannot see: method inputs that are not columns
 * (`leaseMs`, `incrementAttemptsBy`, invoice line input, ...), keys nested inside a JSON column,
 * and minimums a column does not declare. Everything a column declares (allowed values, `.min`,
 * JSON shape, lengths, integer-ness) is checked by values.ts on write and is not repeated here.
 */
import { QZPayValidationError } from '../../contract/index.js';
import { isPlainObject } from '../../repositories/values.js';

export { isPlainObject };

function fail(field: string, message: string): never {
  throw new QZPayValidationError(field, message);
}

/** `hint` (e.g. `(minor units)`) is appended to the message. */
function reason(message: string, hint: string | undefined): string {
  return hint === undefined ? message : `${message} ${hint}`;
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A method input that is folded or compared before it reaches a column check (e.g. `email`). */
export function string(field: string, value: unknown): string {
  if (typeof value !== 'string') fail(field, 'must be a string');
  return value;
}

export function nonNegativeInteger(field: string, value: unknown, hint?: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(field, reason('must be a non-negative integer', hint));
  }
  return value;
}

export function positiveInteger(field: string, value: unknown, hint?: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail(field, reason('must be a positive integer', hint));
  }
  return value;
}


