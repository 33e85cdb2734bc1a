/** What `doctor()` reports: one line per check, with a verdict and, when not ok, the fix. */
export type DoctorVerdict = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  /** Short, stable name of the check (e.g. `migrations`, `journal mode`). */
  readonly check: string;
  readonly verdict: DoctorVerdict;
  /** What was found. */
  readonly detail: string;
  /** What to do about it (absent when ok). */
  readonly fix?: string;
}

/** Reads one row of one statement; the dialect check lists run only through this. */
export type QueryOne = (sql: string) => Promise<unknown[] | undefined>;

export interface DoctorContext {
  readonly one: QueryOne;
  /** The URL the caller connected with, when known (a proxy shows as a port other than the server's). */
  readonly url: string | undefined;
  /** Whether the storage will use named prepared statements (PostgreSQL). */
  readonly prepare: boolean;
}

export const ok = (check: string, detail: string): DoctorCheck => ({ check, verdict: 'ok', detail });
export const warn = (check: string, detail: string, fix: string): DoctorCheck => ({ check, verdict: 'warn', detail, fix });
export const fail = (check: string, detail: string, fix: string): DoctorCheck => ({ check, verdict: 'fail', detail, fix });
