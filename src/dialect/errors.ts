/** Reading driver errors: the shared unwrapping; each dialect module classifies its own codes. */

export interface DriverErrorFields {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  extendedCode?: unknown;
  fatal?: unknown;
  cause?: unknown;
}

/** Drivers and wrappers nest the real error in `cause` (libsql, Drizzle's query errors). */
export function unwrapDriverError(error: unknown): DriverErrorFields & { message: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 4; depth++) {
    const fields = current as DriverErrorFields | null;
    if (fields && typeof fields === 'object' && (fields.code !== undefined || fields.errno !== undefined)) break;
    if (!fields || typeof fields !== 'object' || fields.cause === undefined) break;
    current = fields.cause;
  }
  const fields = (current && typeof current === 'object' ? current : {}) as DriverErrorFields;
  return { ...fields, message: typeof fields.message === 'string' ? fields.message : String(current) };
}
