/**
 * Replica lag, for a `withReplicas(primary, [replicas])` database (only `storage.lagTolerant`
 * reads go to replicas, and they are as stale as the replica is behind). PostgreSQL: the primary's
 * current WAL position is read, then the standby is watched until it has replayed that far —
 * how long a write made now takes to become visible there — for at most LAG_WARN_MS. Other
 * dialects: the replicas are listed, their lag is not measured.
 */
import { driverFromDrizzle } from '../dialect/detect.js';
import type { DialectName } from '../dialect/drivers/types.js';
import { type DoctorCheck, ok, type QueryOne, warn } from './types.js';

/** A standby that has not replayed the primary's current position within this long is lagging. */
const LAG_WARN_MS = 500;
const POLL_MS = 25;

export async function replicaChecks(db: unknown, dialect: DialectName, primary: QueryOne): Promise<DoctorCheck[]> {
  const replicas = (db as { $replicas?: readonly unknown[] } | null)?.$replicas ?? [];
  const out: DoctorCheck[] = [];
  for (const [i, replica] of replicas.entries()) {
    const check = `replica ${i + 1}`;
    if (dialect !== 'pg') {
      out.push(ok(check, `configured; lag is measured on PostgreSQL standbys only (${dialect})`));
      continue;
    }
    const { root } = driverFromDrizzle(replica, dialect);
    const [lsn] = (await primary('select pg_current_wal_lsn()::text')) ?? [];
    const started = Date.now();
    for (;;) {
      const [row] = await root.all('select pg_is_in_recovery(), pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::bigint::text', [String(lsn)]);
      const [standby, behind] = row ?? [];
      const elapsed = Date.now() - started;
      if (standby !== true) {
        out.push(warn(check, 'not a standby: lag-tolerant reads go to a server that is not replicating from the primary', "list the primary's streaming standbys as replicas"));
      } else if (Number(behind ?? 0) <= 0) {
        out.push(ok(check, elapsed < POLL_MS ? 'caught up with the primary' : `replayed the primary's current position in ${elapsed} ms`));
      } else if (elapsed >= LAG_WARN_MS) {
        out.push(
          warn(
            check,
            `${Number(behind)} bytes of WAL behind, not replayed within ${LAG_WARN_MS} ms: lag-tolerant reads there are at least that stale`,
            'check the standby (replay delay, load, network); contract methods are not affected (they use the primary)',
          ),
        );
      } else {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        continue;
      }
      break;
    }
  }
  return out;
}
