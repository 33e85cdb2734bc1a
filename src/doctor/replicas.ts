/**
 * Replica lag, for a `withReplicas(primary, [replicas])` database (only `storage.lagTolerant`
 * reads go to replicas, and they are as stale as the replica is behind): how long a write made
 * now takes to become visible on each replica, watched for at most LAG_WARN_MS. How it is
 * measured is the dialect's (`replicaLag` in pg.ts: WAL replay position; mysql.ts: MariaDB
 * GTIDs); a dialect without one lists its replicas unmeasured.
 */
import { driverFromDrizzle } from '../dialect/detect.js';
import type { Connection, DialectName } from '../dialect/drivers/types.js';
import { type DoctorCheck, ok, type QueryOne, warn } from './types.js';

/** A replica that has not replayed the primary's current position within this long is lagging. */
export const LAG_WARN_MS = 500;
export const POLL_MS = 25;

/** One replica's verdict: `replica` runs on the replica, `primary` reads the primary. */
export type ReplicaLag = (check: string, replica: Connection, primary: QueryOne) => Promise<DoctorCheck>;

export const lagging = (check: string, what: string): DoctorCheck =>
  warn(
    check,
    `${what}, not replayed within ${LAG_WARN_MS} ms: lag-tolerant reads there are at least that stale`,
    'check the replica (replication delay, load, network); contract methods are not affected (they use the primary)',
  );

export const caughtUp = (check: string, elapsedMs: number): DoctorCheck =>
  ok(check, elapsedMs < POLL_MS ? 'caught up with the primary' : `replayed the primary's current position in ${elapsedMs} ms`);

export async function replicaChecks(db: unknown, dialect: DialectName, primary: QueryOne, lagOf: ReplicaLag | null): Promise<DoctorCheck[]> {
  const replicas = (db as { $replicas?: readonly unknown[] } | null)?.$replicas ?? [];
  const out: DoctorCheck[] = [];
  for (const [i, replica] of replicas.entries()) {
    const check = `replica ${i + 1}`;
    out.push(lagOf ? await lagOf(check, driverFromDrizzle(replica, dialect).root, primary) : ok(check, 'configured; replica lag is not measured on this dialect'));
  }
  return out;
}
