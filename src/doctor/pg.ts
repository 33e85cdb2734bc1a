/** Doctor checks of a PostgreSQL target: standby or read-only, collation, a pooler in front. */
import { caughtUp, LAG_WARN_MS, lagging, POLL_MS, type ReplicaLag } from './replicas.js';
import { type DoctorCheck, type DoctorContext, fail, ok, warn } from './types.js';

/** The port of a `postgres://` URL (5432 when absent); undefined for multi-host URLs. */
function urlPort(url: string): number | undefined {
  const hosts = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?]*)/.exec(url)?.[1];
  if (hosts === undefined || hosts.includes(',')) return undefined;
  const port = /:(\d+)$/.exec(hosts)?.[1];
  return port === undefined ? 5432 : Number(port);
}

export async function pgChecks({ one, url, prepare }: DoctorContext): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  const [standby, readOnly] = (await one("select pg_is_in_recovery(), current_setting('transaction_read_only')")) ?? [];
  if (standby === true || standby === 't') {
    out.push(fail('writable', 'the target is a hot standby (pg_is_in_recovery): every write fails', 'point the URL at the primary; give standbys to withReplicas() for lag-tolerant reads'));
  } else if (readOnly === 'on') {
    out.push(fail('writable', 'transactions are read-only by default (default_transaction_read_only)', 'turn default_transaction_read_only off for this role or database'));
  } else {
    out.push(ok('writable', 'primary, read-write'));
  }

  const collation = String((await one('select datcollate from pg_database where datname = current_database()'))?.[0] ?? '');
  const notC = Number(
    (await one(
      "select count(*) from information_schema.columns where table_schema = current_schema() and table_name like 'billing\\_%' and data_type in ('character varying', 'text') and coalesce(collation_name, '') <> 'C'",
    ))?.[0] ?? 0,
  );
  if (notC > 0) {
    out.push(fail('collation', `${notC} text column(s) of the billing tables do not use COLLATE "C": keys sort and compare by ${collation}, unlike the other dialects`, 'recreate them from the shipped migrations (migrate()), or from qzpay-drizzle/schema/pg with the host drizzle-kit'));
  } else if (collation === 'C' || collation === 'POSIX') {
    out.push(ok('collation', `database ${collation}; billing columns COLLATE "C"`));
  } else {
    out.push(warn('collation', `database default ${collation}: the billing columns still compare by code point (COLLATE "C"), but text you compare or sort against them in your own SQL follows ${collation}`, 'add COLLATE "C" in your own queries where you need the library\'s order'));
  }

  const serverPort = Number((await one('select inet_server_port()'))?.[0] ?? NaN);
  const port = url === undefined ? undefined : urlPort(url);
  if (port === undefined || Number.isNaN(serverPort) || port === serverPort) {
    out.push(ok('pooler', port === undefined ? 'not checked (no URL given)' : 'none in front (the URL reaches the server port)'));
  } else if (prepare) {
    out.push(warn('pooler', `a proxy or pooler sits in front (URL port ${port}, server port ${serverPort}); named prepared statements break under transaction pooling (SQLSTATE 26000)`, 'pass prepare: false (?prepare=false), unless it is PgBouncer >= 1.21 with max_prepared_statements > 0 or runs in session mode'));
  } else {
    out.push(ok('pooler', `a proxy or pooler sits in front (URL port ${port}, server port ${serverPort}); prepare: false, so transaction pooling is safe`));
  }
  return out;
}

/** How long the standby takes to replay the primary's current WAL position (watched up to LAG_WARN_MS). */
export const pgReplicaLag: ReplicaLag = async (check, replica, primary) => {
  const [lsn] = (await primary('select pg_current_wal_lsn()::text')) ?? [];
  const started = Date.now();
  for (;;) {
    const [row] = await replica.all('select pg_is_in_recovery(), pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::bigint::text', [String(lsn)]);
    const [standby, behind] = row ?? [];
    const elapsed = Date.now() - started;
    if (standby !== true) {
      return warn(check, 'not a standby: lag-tolerant reads go to a server that is not replicating from the primary', "list the primary's streaming standbys as replicas");
    }
    if (Number(behind ?? 0) <= 0) return caughtUp(check, elapsed);
    if (elapsed >= LAG_WARN_MS) return lagging(check, `${Number(behind)} bytes of WAL behind`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};
