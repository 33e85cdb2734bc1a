/**
 * A FIFO async mutex. Single-connection drivers (better-sqlite3, libsql, PGlite, a lone pg or
 * mysql2 connection) run every statement through one, so a statement issued by another caller
 * can never land inside someone else's open transaction and be rolled back with it.
 */
export class Mutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  /** Resolves with a release function once the lock is held. */
  acquire(): Promise<() => void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => this.waiters.push(() => resolve(this.releaser())));
  }

  /** Uncontended (the common case): no promise is created to take the lock. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release: () => void;
    if (!this.locked) {
      this.locked = true;
      release = this.releaser();
    } else {
      release = await this.acquire();
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
