/**
 * Failover: a multi-host URL with target_session_attrs=primary; the primary is killed (SIGKILL
 * of its postmaster, by PID) and the standby promoted (pg_ctl promote) while writers keep
 * creating customers. Every call settles with a result or a typed error, writes resume within a
 * measured bound, and every acknowledged write is on the promoted standby. The standby is
 * synchronous (run.sh), so an acknowledged commit was flushed there before the ack.
 * Runs last (vitest.topologies.config.ts): the primary the other files use is gone afterwards.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connected } from '../../src/connect.js';
import { QZPayConnectionError, QZPayReadOnlyError, QZPayStorageError } from '../../src/contract/errors.js';
import { migrate } from '../../src/migrate/index.js';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import postgres from 'postgres';
import { freshDatabase, type FreshDatabase, topologyEnv, withDatabase } from './topology.js';

const run = promisify(execFile);
/** Measured on this machine class (2 cores): 0.43 s from the kill to the first acknowledged new write, i.e. the promotion time. */
const RECOVERY_BOUND_MS = 10_000;
const WATCHDOG_MS = 30_000;

interface Outcome {
  readonly externalId: string;
  /** When the call was issued and when it settled (performance.now()). */
  readonly started: number;
  readonly at: number;
  readonly error: unknown;
  readonly ok: boolean;
}

describe('failover: primary killed, standby promoted, during a stream of writes [postgres-js]', () => {
  let database: FreshDatabase;
  let connected: Connected;
  const portOf = (url: string) => /:(\d+)\//.exec(url)?.[1] ?? '';

  beforeAll(async () => {
    database = await freshDatabase();
    const direct = await connect(withDatabase(topologyEnv('QZPAY_TOPO_PG_PRIMARY_URL'), database.name));
    await migrate(direct.db);
    await direct.close();
    // The standby has replayed the migrations once their last table is readable there.
    const standby = postgres(withDatabase(topologyEnv('QZPAY_TOPO_PG_STANDBY_URL'), database.name), { max: 1, onnotice: () => undefined });
    for (let i = 0; ; i++) {
      const ok = await standby.unsafe("select count(*) from qzpay_drizzle_migrations").then((r) => Number(r[0]?.['count']) === shippedMigrations('pg').length, () => false);
      if (ok) break;
      if (i > 100) throw new Error('the standby did not replay the migrations');
      await new Promise((r) => setTimeout(r, 100));
    }
    await standby.end({ timeout: 5 });
    const hosts = [topologyEnv('QZPAY_TOPO_PG_PRIMARY_URL'), topologyEnv('QZPAY_TOPO_PG_STANDBY_URL')].map((u) => `127.0.0.1:${portOf(u)}`);
    connected = await connect(`postgres://postgres@${hosts.join(',')}/${database.name}?target_session_attrs=primary`, { poolSize: 4 });
  });
  afterAll(async () => {
    await connected?.close();
    // The old primary is dead: drop through the promoted standby.
    const promoted = postgres(topologyEnv('QZPAY_TOPO_PG_STANDBY_URL'), { max: 1, onnotice: () => undefined });
    await promoted.unsafe(`drop database if exists ${database.name} with (force)`).catch(() => undefined);
    await promoted.end({ timeout: 5 });
  });

  it('every write settles typed, writes resume within the bound, nothing acknowledged is lost', async () => {
    const storage = connected.storage;
    const outcomes: Outcome[] = [];
    let hung = 0;
    let stop = false;
    const once = async (): Promise<void> => {
      const externalId = randomUUID();
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const watchdog = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), WATCHDOG_MS)));
      const call = storage.customers.create({ externalId, email: 'failover@topo.io' }).then(
        () => ({ externalId, started, at: performance.now(), error: null, ok: true }),
        (error: unknown) => ({ externalId, started, at: performance.now(), error, ok: false }),
      );
      const settled = await Promise.race([call, watchdog]).finally(() => clearTimeout(timer));
      if (settled === 'hung') hung++;
      else outcomes.push(settled);
      if (settled === 'hung' || !settled.ok) await new Promise((r) => setTimeout(r, 50));
    };
    const writer = async () => {
      while (!stop) await once();
    };
    const writers = Array.from({ length: 4 }, writer);

    await new Promise((r) => setTimeout(r, 1_500));
    const beforeKill = outcomes.filter((o) => o.ok).length;
    const killedAt = performance.now();
    process.kill(Number(topologyEnv('QZPAY_TOPO_PG_PRIMARY_PID')), 'SIGKILL');
    await run('runuser', ['-u', 'postgres', '--', `${topologyEnv('QZPAY_TOPO_PG_BIN')}/pg_ctl`, 'promote', '-w', '-D', topologyEnv('QZPAY_TOPO_PG_STANDBY_DATA')]);
    const promotedAt = performance.now();
    // Keep writing until 2 s of writes went through after the first post-kill success (or 40 s).
    for (;;) {
      const first = outcomes.find((o) => o.ok && o.started > killedAt);
      if (first && performance.now() - first.at > 2_000) break;
      if (performance.now() - killedAt > 40_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    stop = true;
    await Promise.all(writers);

    const failures = outcomes.filter((o) => !o.ok);
    // A write issued after the kill: calls already in flight may still be acknowledged by the
    // dying primary's backends once the synchronous standby has flushed them.
    const firstAfter = outcomes.find((o) => o.ok && o.started > killedAt);
    const recoveryMs = firstAfter ? Math.round(firstAfter.at - killedAt) : Infinity;
    const classes = new Map<string, number>();
    for (const f of failures) {
      const name = f.error instanceof Error ? f.error.name : typeof f.error;
      classes.set(name, (classes.get(name) ?? 0) + 1);
    }
    console.log(
      `failover: ${beforeKill} writes before the kill, promote took ${Math.round(promotedAt - killedAt)} ms, first write issued after the kill acknowledged ${recoveryMs} ms after it; ` +
        `${outcomes.length} calls, ${failures.length} failed: ${JSON.stringify(Object.fromEntries(classes))}`,
    );

    expect(hung).toBe(0);
    expect(beforeKill).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.error).toBeInstanceOf(QZPayStorageError);
      expect(f.error instanceof QZPayConnectionError || f.error instanceof QZPayReadOnlyError).toBe(true);
    }
    expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
    // Writes after the recovery all went through: the pool holds no dead connection.
    const afterRecovery = outcomes.filter((o) => firstAfter && o.started > firstAfter.at + 500);
    expect(afterRecovery.length).toBeGreaterThan(0);
    expect(afterRecovery.filter((o) => !o.ok)).toEqual([]);

    const promoted = postgres(withDatabase(topologyEnv('QZPAY_TOPO_PG_STANDBY_URL'), database.name), { max: 1, onnotice: () => undefined });
    const stored = new Set((await promoted.unsafe('select external_id from billing_customers')).map((r) => String(r['external_id'])));
    await promoted.end({ timeout: 5 });
    const acknowledged = outcomes.filter((o) => o.ok).map((o) => o.externalId);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // Rows whose ack was lost with the connection may exist; nothing else does.
    const attempted = new Set(outcomes.map((o) => o.externalId));
    expect([...stored].filter((id) => !attempted.has(id))).toEqual([]);
  });
});
