/** Doctor checks of a MySQL/MariaDB target: session and server settings the library meets. */
import { caughtUp, LAG_WARN_MS, lagging, type ReplicaLag } from './replicas.js';
import { type DoctorCheck, type DoctorContext, fail, ok, type QueryOne, warn } from './types.js';

const MiB = 1024 * 1024;

export async function mysqlChecks({ one }: DoctorContext): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  const [readOnly] = (await one('select @@global.read_only')) ?? [];
  out.push(
    Number(readOnly) === 1
      ? fail('writable', 'the server is read_only (a replica?): every write fails', 'point the URL at the primary')
      : ok('writable', 'read-write'),
  );

  const [zone, globalZone] = (await one('select @@session.time_zone, @@global.time_zone')) ?? [];
  const utc = (z: unknown) => ['+00:00', 'UTC', 'GMT'].includes(String(z));
  out.push(
    utc(zone)
      ? ok('time_zone', String(zone))
      : warn('time_zone', `session ${String(zone)} (global ${String(globalZone)}): the library stores and reads UTC without it, but NOW()/CURRENT_TIMESTAMP in your own SQL are ${String(zone)} and do not compare with its columns`, "set time_zone = '+00:00' for the application's sessions"),
  );

  const mode = String((await one('select @@session.sql_mode'))?.[0] ?? '');
  out.push(
    /STRICT_(TRANS|ALL)_TABLES/.test(mode)
      ? ok('sql_mode', mode)
      : warn('sql_mode', `${mode === '' ? '(empty)' : mode}: not strict; the library checks its own values, but other writers to these tables are truncated silently`, 'add STRICT_TRANS_TABLES to sql_mode'),
  );

  const packet = Number((await one('select @@max_allowed_packet'))?.[0] ?? 0);
  out.push(
    packet >= 16 * MiB
      ? ok('max_allowed_packet', `${packet / MiB} MiB`)
      : (packet >= 4 * MiB ? warn : fail)(
          'max_allowed_packet',
          `${(packet / MiB).toFixed(1)} MiB: a row with several of the 2 MiB text or JSON values the library accepts can exceed it`,
          'set max_allowed_packet to at least 16M on the server',
        ),
  );

  const wait = Number((await one('select @@session.innodb_lock_wait_timeout'))?.[0] ?? 0);
  out.push(
    wait <= 60
      ? ok('innodb_lock_wait_timeout', `${wait} s`)
      : warn('innodb_lock_wait_timeout', `${wait} s: a row lock wait holds a pool connection that long`, 'keep it at most 60 s (connect() sets it from lockTimeoutMs)'),
  );

  out.push(await galeraCheck(one));
  return out;
}

/** On a Galera node: in sync with its cluster (a desynced or joining node lags behind the others). */
async function galeraCheck(one: QueryOne): Promise<DoctorCheck> {
  const wsrep = await one("select variable_value from information_schema.global_variables where variable_name = 'WSREP_ON'").catch(() => undefined);
  if (String(wsrep?.[0] ?? 'OFF').toUpperCase() !== 'ON') return ok('cluster', 'not a Galera node');
  const status = async (name: string) => String((await one(`select variable_value from information_schema.global_status where variable_name = '${name}'`))?.[0] ?? '?');
  const state = await status('WSREP_LOCAL_STATE_COMMENT');
  const size = await status('WSREP_CLUSTER_SIZE');
  const syncWait = Number((await one('select @@wsrep_sync_wait'))?.[0] ?? 0);
  const node = `Galera node of a cluster of ${size}, ${state}`;
  if (state !== 'Synced') {
    return fail('cluster', `${node}: it is not in sync with the cluster, so reads lag and writes may stall`, 'point the URL at a Synced node');
  }
  return ok('cluster', `${node}, wsrep_sync_wait = ${syncWait}`);
}

/** MariaDB: MASTER_GTID_WAIT for the primary's binary log position, up to LAG_WARN_MS (Oracle MySQL: unmeasured). */
export const mysqlReplicaLag: ReplicaLag = async (check, replica, primary) => {
  const [position] = (await primary('select @@gtid_binlog_pos').catch(() => undefined)) ?? [];
  if (position === undefined) return ok(check, 'configured; lag is measured on MariaDB (GTID) replicas only');
  if (String(position) === '') return ok(check, 'caught up with the primary (the primary has written no binary log yet)');
  const [applied] = (await replica.all('select @@gtid_slave_pos', []))[0] ?? [];
  if (String(applied) === '') return warn(check, 'not a replica: it has applied no transaction of a primary', "list the primary's replicas as replicas");
  const started = Date.now();
  const [reached] = (await replica.all('select master_gtid_wait(?, ?)', [String(position), LAG_WARN_MS / 1000]))[0] ?? [];
  if (Number(reached) !== 0) return lagging(check, `behind the primary's GTID position ${String(position)}`);
  return caughtUp(check, Date.now() - started);
};
