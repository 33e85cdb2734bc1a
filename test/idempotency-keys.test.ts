import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { KEY_RETENTION_MS } from '../src/adapter/collections/idempotency-keys.js';
import { QZPayEntityNotFoundError, QZPayIdempotencyMismatchError, QZPayValidationError } from '../src/contract/errors.js';
import { forEachDialect } from './harness/index.js';

const T0 = new Date('2032-02-02T02:02:02.002Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const opts = { operation: 'payments.create', fingerprint: 'sha256:aaa', ttlMs: 30_000 };

forEachDialect('idempotencyKeys', (ctx) => {
  /**
   * A storage with a movable clock. Tests share the database, so the purge tests run in eras of
   * their own (before any other key of the file expires) and count only their own keys.
   */
  async function clocked(start = T0) {
    const clock = { now: start };
    const storage = await ctx().open({ now: () => clock.now });
    return { storage, clock };
  }

  async function stored(key: string): Promise<unknown[] | undefined> {
    const p = ctx().dialect === 'pg' ? '$1' : '?';
    const rows = await ctx().query(`select state, fingerprint from billing_idempotency_keys where ${ctx().dialect === 'mysql' ? '`key`' : '"key"'} = ${p}`, [key]);
    return rows[0];
  }

  it('starts a new key, reports it in progress, then replays the completed response', async () => {
    const { storage, clock } = await clocked();
    clock.now = T0;
    const key = randomUUID();
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'started' });
    expect(await stored(key)).toEqual(['in_progress', 'sha256:aaa']);
    clock.now = at(1000);
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'in_progress' });
    const response = { id: 'pay_1', amount: 1999, nested: { ok: true, list: [1, 'a'] } };
    await storage.idempotencyKeys.complete(key, { response, statusCode: 201 });
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'completed', response, statusCode: 201 });
  });

  it('completes without a status code', async () => {
    const { storage } = ctx();
    const key = randomUUID();
    await storage.idempotencyKeys.begin(key, opts);
    await storage.idempotencyKeys.complete(key, { response: ['done'] });
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'completed', response: ['done'], statusCode: null });
  });

  it('keeps the first response when completed twice, and rejects completing an unknown key', async () => {
    const { storage } = ctx();
    const key = randomUUID();
    await storage.idempotencyKeys.begin(key, opts);
    await storage.idempotencyKeys.complete(key, { response: { n: 1 }, statusCode: 200 });
    await storage.idempotencyKeys.complete(key, { response: { n: 2 }, statusCode: 500 });
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'completed', response: { n: 1 }, statusCode: 200 });
    await expect(storage.idempotencyKeys.complete(randomUUID(), { response: null })).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('rejects a key reused with another fingerprint or operation, in progress or completed', async () => {
    const { storage } = ctx();
    const key = randomUUID();
    await storage.idempotencyKeys.begin(key, opts);
    await expect(storage.idempotencyKeys.begin(key, { ...opts, fingerprint: 'sha256:bbb' })).rejects.toBeInstanceOf(QZPayIdempotencyMismatchError);
    await expect(storage.idempotencyKeys.begin(key, { ...opts, operation: 'refunds.create' })).rejects.toBeInstanceOf(QZPayIdempotencyMismatchError);
    await storage.idempotencyKeys.complete(key, { response: 1 });
    const error = await storage.idempotencyKeys.begin(key, { ...opts, fingerprint: 'sha256:bbb' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QZPayIdempotencyMismatchError);
    expect((error as QZPayIdempotencyMismatchError).key).toBe(key);
    expect(await stored(key)).toEqual(['completed', 'sha256:aaa']);
  });

  it('lets one caller take over a crashed request once its lock expired', async () => {
    const { storage, clock } = await clocked();
    clock.now = T0;
    const key = randomUUID();
    await storage.idempotencyKeys.begin(key, opts);
    clock.now = at(30_000); // lockedUntil == now: still live
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'in_progress' });
    clock.now = at(30_001);
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'started' });
    expect(await storage.idempotencyKeys.begin(key, opts)).toEqual({ state: 'in_progress' });
    await expect(storage.idempotencyKeys.begin(key, { ...opts, fingerprint: 'other' })).rejects.toBeInstanceOf(QZPayIdempotencyMismatchError);
  });

  it('takes over an expired lock for exactly one of 20 concurrent callers', async () => {
    const clock = { now: T0 };
    const s = await ctx().open({ poolSize: 10, now: () => clock.now });
    const key = randomUUID();
    await s.idempotencyKeys.begin(key, opts);
    clock.now = at(60_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => s.idempotencyKeys.begin(key, opts)));
    expect(results.filter((r) => r.state === 'started').length).toBe(1);
    expect(results.filter((r) => r.state === 'in_progress').length).toBe(19);
  });

  it('starts a new key for exactly one of 20 concurrent callers', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => s.idempotencyKeys.begin(key, opts)));
    expect(results.filter((r) => r.state === 'started').length).toBe(1);
    expect(results.filter((r) => r.state === 'in_progress').length).toBe(19);
    expect(await stored(key)).toEqual(['in_progress', 'sha256:aaa']);
  });

  it('release drops an in-progress key so the client may retry, and leaves completed keys alone', async () => {
    const { storage } = ctx();
    const key = randomUUID();
    await storage.idempotencyKeys.begin(key, opts);
    await storage.idempotencyKeys.release(key);
    expect(await stored(key)).toBeUndefined();
    // After a release the retry may even carry another fingerprint: it is a new request.
    expect(await storage.idempotencyKeys.begin(key, { ...opts, fingerprint: 'sha256:new' })).toEqual({ state: 'started' });
    await storage.idempotencyKeys.complete(key, { response: 'ok' });
    await storage.idempotencyKeys.release(key);
    expect(await stored(key)).toEqual(['completed', 'sha256:new']);
    await storage.idempotencyKeys.release(randomUUID()); // unknown key: nothing to do
  });

  it('replaces an expired key, and purgeExpired removes only expired keys', async () => {
    const P0 = new Date('2001-01-01T00:00:00.000Z');
    const at = (ms: number) => new Date(P0.getTime() + ms);
    const { storage, clock } = await clocked(P0);
    const old = randomUUID();
    const completedOld = randomUUID();
    await storage.idempotencyKeys.begin(old, opts);
    await storage.idempotencyKeys.begin(completedOld, opts);
    await storage.idempotencyKeys.complete(completedOld, { response: 'first' });
    clock.now = at(KEY_RETENTION_MS / 2);
    const fresh = randomUUID();
    await storage.idempotencyKeys.begin(fresh, opts);

    clock.now = at(KEY_RETENTION_MS + 1);
    // An expired completed key is forgotten: a new request (any fingerprint) starts over.
    expect(await storage.idempotencyKeys.begin(completedOld, { ...opts, fingerprint: 'sha256:zzz' })).toEqual({ state: 'started' });
    expect(await stored(completedOld)).toEqual(['in_progress', 'sha256:zzz']);

    expect(await storage.idempotencyKeys.purgeExpired(at(KEY_RETENTION_MS))).toBe(0); // expiresAt == now is not expired
    expect(await storage.idempotencyKeys.purgeExpired()).toBe(1); // `old`; completedOld was renewed
    expect(await stored(old)).toBeUndefined();
    expect(await stored(fresh)).toEqual(['in_progress', 'sha256:aaa']);
    expect(await storage.idempotencyKeys.purgeExpired(at(10 * KEY_RETENTION_MS))).toBe(2);
    expect(await stored(fresh)).toBeUndefined();
  });

  it('keeps a key at least as long as its lock', async () => {
    const P0 = new Date('2010-01-01T00:00:00.000Z');
    const at = (ms: number) => new Date(P0.getTime() + ms);
    const { storage, clock } = await clocked(P0);
    const key = randomUUID();
    const ttlMs = 2 * KEY_RETENTION_MS;
    await storage.idempotencyKeys.begin(key, { ...opts, ttlMs });
    clock.now = at(KEY_RETENTION_MS + 1);
    expect(await storage.idempotencyKeys.purgeExpired()).toBe(0);
    expect(await storage.idempotencyKeys.begin(key, { ...opts, ttlMs })).toEqual({ state: 'in_progress' });
  });

  it('rejects bad input with a validation error', async () => {
    const { storage } = ctx();
    await expect(storage.idempotencyKeys.begin(randomUUID(), { ...opts, ttlMs: 0 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.idempotencyKeys.begin(randomUUID(), { ...opts, ttlMs: 1.5 })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.idempotencyKeys.begin('k'.repeat(192), opts)).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.idempotencyKeys.begin(randomUUID(), { ...opts, fingerprint: 'f'.repeat(192) })).rejects.toBeInstanceOf(QZPayValidationError);
  });
});
