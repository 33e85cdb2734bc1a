/**
 * A FIFO async mutex. Single-connection drivers (better-sqlite3, libsql, PGlite, a lone pg or
 * mysql2 connection) run every statement through one, so a statement issued by another caller
 * can never land inside someone else's open transaction and be rolled back with it.
 *
 * A wait may be limited (`maxWaitMs`, 0 or absent: no limit): a waiter that runs out leaves the
 * queue and rejects with QZPayLockTimeoutError, so nothing of it runs later.
 */
import { QZPayLockTimeoutError } from '../../contract/errors.js';

export class Mutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  /** Resolves with a release function once the lock is held. */
  acquire(maxWaitMs?: number): Promise<() => void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = (): void => {
        clearTimeout(timer);
        resolve(this.releaser());
      };
      this.waiters.push(waiter);
      if (maxWaitMs === undefined || maxWaitMs <= 0) return;
      timer = setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(new QZPayLockTimeoutError(`waited ${maxWaitMs} ms for the connection (maxWaitMs) while another caller held it; nothing ran`));
      }, maxWaitMs);
    });
  }

  /** Uncontended (the common case): no promise is created to take the lock. */
  async run<T>(fn: () => Promise<T>, maxWaitMs?: number): Promise<T> {
    let release: () => void;
    if (!this.locked) {
      this.locked = true;
      release = this.releaser();
    } else {
      release = await this.acquire(maxWaitMs);
    }
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Hands the lock to the next waiter (FIFO) or frees it; a second call does nothing. */
  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.locked = false;
    };
  }
}
