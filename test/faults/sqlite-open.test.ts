/**
 * connect('sqlite:<file>') while another process writes to the file. Switching a file to WAL
 * gets SQLITE_BUSY at once (busy_timeout is not consulted) while another process holds a
 * rollback-journal write lock: two processes migrating a new file at once met exactly that.
 * SQLite only: the journal-mode switch at open has no counterpart on the server dialects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/connect.js';
import { QZPayConnectionError } from '../../src/contract/errors.js';

const holderScript = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('create table if not exists held (x integer)');
db.exec('BEGIN IMMEDIATE');
db.exec('insert into held values (1)');
process.stdout.write('held\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[2]));
`;

/** A separate process holding SQLite's write lock (rollback journal) for `ms`. */
function holdWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', holderScript, file, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${String(code)})`)));
    child.stdout?.once('data', () => resolve(child));
  });
}

const files: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const file of files.splice(0)) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
});

function tempFile(): string {
  const file = `/tmp/qzpay_open_${randomBytes(6).toString('hex')}.sqlite`;
  files.push(file);
  return file;
}

describe('faults: opening a SQLite file another process is writing [sqlite]', () => {
  it('connect() waits for the other writer, switches to WAL and works', async () => {
    const file = tempFile();
    const holder = await holdWriteLock(file, 600);
    children.push(holder);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    const started = Date.now();
    const connected = await connect(`sqlite:${file}`, { poolSize: 1 });
    try {
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      await exited;
      expect(holder.exitCode).toBe(0);
      expect(await connected.storage.ping()).toBeUndefined();
    } finally {
      await connected.close();
    }
  });

  it('within lockTimeoutMs only: a writer that stays gets QZPayConnectionError naming the lock', async () => {
    const file = tempFile();
    children.push(await holdWriteLock(file, 5_000));
    const started = Date.now();
    const error = await connect(`sqlite:${file}`, { poolSize: 1, lockTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QZPayConnectionError);
    expect((error as Error).message).toMatch(/database is locked/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
