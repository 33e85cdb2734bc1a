/**
 * The migration lock where a session lock is not enough: MySQL/MariaDB's GET_LOCK is local to the
 * server it runs on, so on a Galera cluster three migrators on three nodes all "held" it at once.
 * Instead the lock is a row (`qzpay_drizzle_migration_lock`) taken by a compare-and-swap UPDATE
 * in autocommit: on one server InnoDB's row lock orders two takers, and on a cluster the commit
 * is certified cluster-wide, so the second taker's commit fails (errno 1213) and it tries again.
 *
 * DDL commits implicitly on MySQL, so the row cannot be held by an open transaction: it is a
 * lease with an expiry, renewed while the migration runs. A holder that died frees it when the
 * lease runs out, or at once when it was a session of the same server that no longer exists.
 *
 * Everything runs on the migrating session (a pool of one has no other connection while it is
 * held); a timer also renews through the pool where it has a spare connection, which keeps the
 * lease through a DDL that runs longer than the lease. Release runs once the session is given back.
 */
import type { Connection } from '../dialect/drivers/types.js';
import type { DialectStrategy, MigrationLeaseSql } from '../dialect/strategy.js';
import { MigrationLockLostError, MigrationLockTimeoutError } from './errors.js';
import { randomUUID } from 'node:crypto';

export interface LeaseTimings {
  /** How long a lease lasts without renewal (a dead holder on another node blocks this long). */
  readonly ttlMs: number;
  /** How long to wait for another migrator's lease before giving up. */
  readonly waitMs: number;
}

export const defaultLeaseTimings: LeaseTimings = { ttlMs: 30_000, waitMs: 300_000 };

export interface HeldLease {
  /**
   * On the session, before each statement: renews when due, and rejects with
   * MigrationLockLostError once the lease is another's.
   */
  check(): Promise<void>;
  /** Through the pool, after the session ended its transaction. */
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lease on `session`, the migrating connection, whose identity marks the holder. Its
 * first statement is DDL, whose implicit commit leaves the session in autocommit: each lease
 * write commits (and is certified) on its own, and each read sees the latest state.
 */
export async function takeLease(
  root: Connection,
  session: Connection,
  strategy: DialectStrategy,
  sql: MigrationLeaseSql,
  timings: LeaseTimings = defaultLeaseTimings,
): Promise<HeldLease> {
  const deadlock = (error: unknown) => strategy.classifyError(error)?.kind === 'deadlock';
  // Concurrent first migrators on several nodes: a losing seed insert is a certification failure.
  await retryCertification(deadlock, async () => {
    await session.control(sql.create);
    await session.run(sql.seed, []);
  });
  const [server, sessionId] = ((await session.all(sql.identity, [])) as unknown[][])[0] ?? [];
  const owner = randomUUID();
  const holder = `${String(server)}/${String(sessionId)}`;
  const deadline = Date.now() + timings.waitMs;
  let seen = '';
  for (let attempt = 1; ; attempt++) {
    const [row] = (await session.all(sql.read, [])) as unknown[][];
    const [current = '', currentHolder = '', expiresAt = 0, remainingMs = 0] = row ?? [];
    seen = String(currentHolder);
    if (current === '' || Number(remainingMs) <= 0 || (await holderGone(session, sql, String(server), seen))) {
      // Compare-and-swap on what was read: a renewal in between makes this take nothing.
      const taken = await session.run(sql.take, [owner, holder, timings.ttlMs, current, expiresAt]).catch((error: unknown) => {
        if (deadlock(error)) return 0;
        throw error;
      });
      if (taken === 1) break;
    }
    if (Date.now() >= deadline) throw new MigrationLockTimeoutError(timings.waitMs, seen);
    await sleep(Math.min(50 * attempt, 500) + Math.floor(Math.random() * 50));
  }
  return renewing(root, session, sql, owner, timings.ttlMs);
}

/** The holder was a session of the server `session` is on, and that session has ended. */
async function holderGone(session: Connection, sql: MigrationLeaseSql, server: string, holder: string): Promise<boolean> {
  const slash = holder.lastIndexOf('/');
  if (slash < 0 || holder.slice(0, slash) !== server) return false;
  return (await session.all(sql.sessionAlive, [holder.slice(slash + 1)])).length === 0;
}

async function retryCertification(deadlock: (error: unknown) => boolean, work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!deadlock(error) || attempt >= 10) throw error;
      await sleep(10 * attempt + Math.floor(Math.random() * 20));
    }
  }
}

/** Renews the lease every third of its life; a renewal that finds another owner means it was lost. */
function renewing(root: Connection, session: Connection, sql: MigrationLeaseSql, owner: string, ttlMs: number): HeldLease {
  let validUntil = Date.now() + ttlMs;
  let lost = false;
  const renew = async (on: Connection): Promise<void> => {
    const at = Date.now();
    if ((await on.run(sql.renew, [ttlMs, owner])) === 1) validUntil = Math.max(validUntil, at + ttlMs);
    else lost = true;
  };
  let ended = false;
  const timer = setInterval(() => {
    if (!ended) void renew(root).catch(() => undefined); // retried next tick; check() renews too
  }, Math.max(Math.floor(ttlMs / 3), 50));
  timer.unref();
  return {
    async check() {
      if (!lost && Date.now() > validUntil - Math.floor((2 * ttlMs) / 3)) await renew(session);
      if (lost) throw new MigrationLockLostError(ttlMs);
    },
    async release() {
      ended = true;
      clearInterval(timer);
      await root.run(sql.release, [owner]).catch(() => undefined);
    },
  };
}
