/**
 * The migration lock across processes (issue 12 §2). On MySQL/MariaDB it is a lease row
 * (src/migrate/lease.ts), so these cases pin what a lease could get wrong: a holder killed with
 * SIGKILL must not block the next run until its lease runs out (the holder's session is gone on
 * that server), and a live holder must be waited for. PostgreSQL's transaction-scoped advisory
 * lock and SQLite's write lock end with the process by themselves; the assertions are the same.
 * The Galera case (three nodes at once) is in test/topologies/galera.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { connect } from '../../src/connect.js';
import { migrate, migrationStatus } from '../../src/migrate/index.js';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import { createEmptyDatabase } from '../harness/database.js';
import { forEachDialect, skipSuiteWithoutServer } from '../harness/index.js';
import type { QZPayDrizzleDatabase } from '../../src/dialect/database.js';

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Starts test/migrate/fixtures/paused-migrator.ts and resolves once it is paused holding the lock. */
function pausedMigrator(url: string, pauseMs: number): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/migrate/fixtures/paused-migrator.ts', url, '3', String(pauseMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`paused migrator exited early (${String(code)}): ${stderr}`)));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('paused')) resolve({ child, exited });
    });
  });
}

forEachDialect('migration lock across processes', (ctx, target) => {
  if (skipSuiteWithoutServer(target, "PGlite's data directory has one owner process, so there is no second migrator process")) return;
  const emptyDatabase = async () => {
    const empty = await createEmptyDatabase(ctx().target);
    const opened = await connect(empty.url, { poolSize: 2 });
    cleanups.push(async () => {
      await opened.close();
      await empty.drop();
    });
    return { url: empty.url, db: opened.db };
  };
  const applied = async (db: QZPayDrizzleDatabase) => (await migrationStatus(db)).filter((s) => s.state === 'applied').map((s) => s.tag);

  it('a migrator killed with SIGKILL while holding the lock does not block the next run', async () => {
    const { url, db } = await emptyDatabase();
    const { child, exited } = await pausedMigrator(url, -1);
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    // A 60 s lease and a 10 s wait: only finding the holder's session gone lets this run in time.
    const done = await migrate(db, { lock: { leaseMs: 60_000, waitMs: 10_000 } });
    expect(done).toEqual(shippedMigrations(ctx().dialect).map((m) => m.tag));
    expect(await applied(db)).toEqual(done);
  });

  it('a second migrator waits for a live holder, then finds nothing left to do', async () => {
    const { url, db } = await emptyDatabase();
    const { exited } = await pausedMigrator(url, 1_500);
    const second = migrate(db, { lock: { waitMs: 60_000 } });
    expect(await exited).toBe(0);
    expect(await second).toEqual([]);
    expect(await applied(db)).toEqual(shippedMigrations(ctx().dialect).map((m) => m.tag));
  });
});
