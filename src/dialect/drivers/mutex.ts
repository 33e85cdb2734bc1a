/**
 * A FIFO async mutex. Single-connection drivers (better-sqlite3, libsql, PGlite, a lone pg or
 * mysql2 connection) run every statement through one, so a statement issued by another caller
 * can never land inside someone else's open transaction and be rolled back with it.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once the lock is held. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
