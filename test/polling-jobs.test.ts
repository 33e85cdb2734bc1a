import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import {
  QZPayForeignKeyError,
  QZPayUniqueConstraintError,
  QZPayValidationError,
  type QZPaySubscriptionPollingJob,
  type QZPaySubscriptionPollingJobStorage,
} from '../src/contract/index.js';
import { forEachDialect } from './harness/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function newSubscription(storage: QZPayDrizzleStorageHandle): Promise<string> {
  const customer = await storage.customers.create({ externalId: randomUUID(), email: `${randomUUID()}@x.io` });
  const subscription = await storage.subscriptions.create({ id: randomUUID(), customerId: customer.id, planId: 'plan-poll' });
  return subscription.id;
}

function jobs(storage: QZPayDrizzleStorageHandle): QZPaySubscriptionPollingJobStorage {
  return storage.subscriptionPollingJobs;
}

/** Asserts non-null and narrows. */
function must(job: QZPaySubscriptionPollingJob | null): QZPaySubscriptionPollingJob {
  expect(job).not.toBeNull();
  return job as QZPaySubscriptionPollingJob;
}

forEachDialect('subscriptionPollingJobs', (ctx) => {
  it('creates a pending job with the contract defaults and finds it by id', async () => {
    const now = new Date('2031-05-06T07:08:09.123Z');
    const storage = await ctx().open({ now: () => now });
    const subscriptionId = await newSubscription(ctx().storage);
    const resource = randomUUID();
    const job = must(await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' }));
    expect(job).toEqual({
      id: job.id,
      subscriptionId,
      provider: 'mercadopago',
      providerResourceId: resource,
      resourceType: 'subscription',
      status: 'pending',
      attempts: 0,
      maxAttempts: 60,
      nextPollAt: new Date('2031-05-06T07:08:39.123Z'),
      lastPolledAt: null,
      lastProviderStatus: null,
      lastError: null,
      metadata: {},
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      version: job.version,
    });
    expect(job.id).toMatch(UUID);
    expect(job.version).toMatch(UUID);
    expect(await jobs(ctx().storage).findById(job.id)).toEqual(job);
    expect(await jobs(ctx().storage).findById(randomUUID())).toBeNull();
    expect(await jobs(ctx().storage).findById('not-a-uuid-and-far-too-long-'.repeat(10))).toBeNull();
  });

  it('round-trips resourceType, delay, maxAttempts and metadata', async () => {
    const now = new Date('2031-05-06T00:00:00.001Z');
    const storage = await ctx().open({ now: () => now });
    const subscriptionId = await newSubscription(ctx().storage);
    const job = must(
      await jobs(storage).create({
        subscriptionId,
        providerResourceId: randomUUID(),
        provider: 'stripe',
        resourceType: 'one_time_payment',
        initialDelayMs: 0,
        maxAttempts: 5,
        metadata: { checkout: 'c-1', n: 2, ok: true, none: null },
      }),
    );
    const found = must(await jobs(ctx().storage).findById(job.id));
    expect(found.resourceType).toBe('one_time_payment');
    expect(found.nextPollAt).toEqual(now);
    expect(found.maxAttempts).toBe(5);
    expect(found.metadata).toEqual({ checkout: 'c-1', n: 2, ok: true, none: null });
  });

  it('rejects a missing or empty provider and other bad input, inserting nothing', async () => {
    const { storage, count } = ctx();
    const subscriptionId = await newSubscription(storage);
    const before = await count('billing_subscription_polling_jobs');
    const base = { subscriptionId, providerResourceId: randomUUID() };
    await expect(jobs(storage).create(base)).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(jobs(storage).create({ ...base, provider: '' })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(jobs(storage).create({ ...base, provider: '  ' })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(jobs(storage).create(base)).rejects.toMatchObject({ field: 'provider' });
    await expect(jobs(storage).create({ ...base, provider: 'stripe', providerResourceId: '' })).rejects.toMatchObject({
      field: 'providerResourceId',
    });
    const bad = [
      { resourceType: 'invoice' as 'subscription' },
      { initialDelayMs: -1 },
      { initialDelayMs: Number.NaN },
      { maxAttempts: 1.5 },
      { maxAttempts: -3 },
      { metadata: { n: Number.POSITIVE_INFINITY } },
    ];
    for (const extra of bad) {
      await expect(jobs(storage).create({ ...base, provider: 'stripe', ...extra })).rejects.toBeInstanceOf(QZPayValidationError);
    }
    await expect(jobs(storage).create({ ...base, provider: 'x'.repeat(65) })).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await count('billing_subscription_polling_jobs')).toBe(before);
  });

  it('rejects an unknown subscription with a foreign-key error', async () => {
    await expect(
      jobs(ctx().storage).create({ subscriptionId: randomUUID(), providerResourceId: randomUUID(), provider: 'stripe' }),
    ).rejects.toBeInstanceOf(QZPayForeignKeyError);
  });

  it('allows one pending job per (provider, resource), several per subscription', async () => {
    const { storage } = ctx();
    const subscriptionId = await newSubscription(storage);
    const resource = randomUUID();
    const first = must(await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' }));
    expect(await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' })).toBeNull();
    // Same resource on another subscription is still the same resource: blocked.
    const other = await newSubscription(storage);
    expect(await jobs(storage).create({ subscriptionId: other, providerResourceId: resource, provider: 'mercadopago' })).toBeNull();
    // Another provider or another resource: a separate key.
    const stripe = must(await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'stripe' }));
    const second = must(await jobs(storage).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'mercadopago' }));
    expect(await jobs(storage).findActiveByProviderResourceId('mercadopago', resource)).toEqual(first);
    expect(await jobs(storage).findActiveByProviderResourceId('stripe', resource)).toEqual(stripe);
    expect(await jobs(storage).findActiveByProviderResourceId('mercadopago', randomUUID())).toBeNull();
    expect(await jobs(storage).findActiveByProviderResourceId('paypal', resource)).toBeNull();
    expect(second.subscriptionId).toBe(subscriptionId);
  });

  it('a pending conflict inside a caller transaction resolves null and leaves the transaction usable', async () => {
    const { storage } = ctx();
    const subscriptionId = await newSubscription(storage);
    const resource = randomUUID();
    const [first, duplicate, second] = await storage.transaction(async () => [
      await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' }),
      await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' }),
      await jobs(storage).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'mercadopago' }),
    ]);
    expect(duplicate).toBeNull();
    expect(await jobs(storage).findById(must(first).id)).toEqual(first);
    expect(await jobs(storage).findById(must(second).id)).toEqual(second);
  });

  it('findActiveBySubscriptionId returns the oldest pending job (createdAt, then id)', async () => {
    const subscriptionId = await newSubscription(ctx().storage);
    const later = await ctx().open({ now: () => new Date('2030-01-01T00:00:02.000Z') });
    const earlier = await ctx().open({ now: () => new Date('2030-01-01T00:00:01.000Z') });
    const create = (s: QZPayDrizzleStorageHandle) =>
      jobs(s).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'mercadopago' });
    expect(await jobs(ctx().storage).findActiveBySubscriptionId(subscriptionId)).toBeNull();
    must(await create(later));
    const tieA = must(await create(earlier));
    const tieB = must(await create(earlier));
    const oldest = [tieA, tieB].sort((a, b) => (a.id < b.id ? -1 : 1))[0] as QZPaySubscriptionPollingJob;
    expect(await jobs(ctx().storage).findActiveBySubscriptionId(subscriptionId)).toEqual(oldest);
    // A terminal job is no longer active: the next oldest takes its place.
    const newest = [tieA, tieB].find((j) => j.id !== oldest.id) as QZPaySubscriptionPollingJob;
    must(await jobs(ctx().storage).update({ id: oldest.id, expectedVersion: oldest.version, status: 'cancelled' }));
    expect((await jobs(ctx().storage).findActiveBySubscriptionId(subscriptionId))?.id).toBe(newest.id);
    expect(await jobs(ctx().storage).findActiveBySubscriptionId(randomUUID())).toBeNull();
  });

  it('a terminal job no longer blocks a new pending job for the same resource', async () => {
    const { storage } = ctx();
    const subscriptionId = await newSubscription(storage);
    const resource = randomUUID();
    for (const status of ['succeeded', 'failed', 'timeout', 'cancelled'] as const) {
      const job = must(await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' }));
      expect(await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' })).toBeNull();
      must(await jobs(storage).update({ id: job.id, expectedVersion: job.version, status }));
      expect(await jobs(storage).findActiveByProviderResourceId('mercadopago', resource)).toBeNull();
    }
    const fresh = must(await jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' }));
    expect(await jobs(storage).findActiveByProviderResourceId('mercadopago', resource)).toEqual(fresh);
    // Moving a terminal job back to pending while another is pending violates the same key.
    const done = must(await jobs(storage).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'x' }));
    const finished = must(await jobs(storage).update({ id: done.id, expectedVersion: done.version, status: 'succeeded' }));
    must(await jobs(storage).create({ subscriptionId, providerResourceId: done.providerResourceId, provider: 'x' }));
    await expect(
      jobs(storage).update({ id: done.id, expectedVersion: finished.version, status: 'pending' }),
    ).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect((await jobs(storage).findById(done.id))?.version).toBe(finished.version);
  });

  it('update applies supplied fields, rotates the version and bumps updatedAt', async () => {
    const created = new Date('2032-01-01T00:00:00.000Z');
    const polled = new Date('2032-01-01T00:01:00.456Z');
    const subscriptionId = await newSubscription(ctx().storage);
    const job = must(
      await jobs(await ctx().open({ now: () => created })).create({
        subscriptionId,
        providerResourceId: randomUUID(),
        provider: 'mercadopago',
        metadata: { keep: 'me' },
      }),
    );
    const worker = jobs(await ctx().open({ now: () => polled }));
    const next = new Date('2032-01-01T00:02:00.789Z');
    const first = must(
      await worker.update({
        id: job.id,
        expectedVersion: job.version,
        incrementAttemptsBy: 2,
        lastPolledAt: polled,
        lastProviderStatus: 'pending_authorization',
        lastError: 'timeout talking to provider',
        nextPollAt: next,
      }),
    );
    expect(first).toEqual({
      ...job,
      attempts: 2,
      lastPolledAt: polled,
      lastProviderStatus: 'pending_authorization',
      lastError: 'timeout talking to provider',
      nextPollAt: next,
      updatedAt: polled,
      version: first.version,
    });
    expect(first.version).toMatch(UUID);
    expect(first.version).not.toBe(job.version);
    // null clears; 0 leaves attempts alone; an empty update still rotates the version.
    const completed = new Date('2032-01-01T00:03:00.000Z');
    const second = must(
      await worker.update({
        id: job.id,
        expectedVersion: first.version,
        incrementAttemptsBy: 0,
        lastProviderStatus: null,
        lastError: null,
        status: 'succeeded',
        completedAt: completed,
      }),
    );
    expect(second).toMatchObject({ attempts: 2, lastProviderStatus: null, lastError: null, status: 'succeeded', completedAt: completed });
    const third = must(await worker.update({ id: job.id, expectedVersion: second.version, completedAt: null }));
    expect(third.completedAt).toBeNull();
    const fourth = must(await worker.update({ id: job.id, expectedVersion: third.version }));
    expect(fourth.version).not.toBe(third.version);
    expect({ ...fourth, version: third.version }).toEqual(third);
    expect(await jobs(ctx().storage).findById(job.id)).toEqual(fourth);
  });

  it('update resolves null for a stale version or an unknown id and writes nothing', async () => {
    const { storage } = ctx();
    const subscriptionId = await newSubscription(storage);
    const job = must(await jobs(storage).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'stripe' }));
    const moved = must(await jobs(storage).update({ id: job.id, expectedVersion: job.version, incrementAttemptsBy: 1 }));
    expect(await jobs(storage).update({ id: job.id, expectedVersion: job.version, status: 'failed', incrementAttemptsBy: 5 })).toBeNull();
    expect(await jobs(storage).update({ id: randomUUID(), expectedVersion: moved.version, status: 'failed' })).toBeNull();
    expect(await jobs(storage).update({ id: job.id, expectedVersion: 'v'.repeat(300), status: 'failed' })).toBeNull();
    expect(await jobs(storage).findById(job.id)).toEqual(moved);
  });

  it('update rejects bad input with a validation error and writes nothing', async () => {
    const { storage } = ctx();
    const subscriptionId = await newSubscription(storage);
    const job = must(await jobs(storage).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'stripe' }));
    const bad = [
      { status: 'done' as 'pending' },
      { incrementAttemptsBy: -1 },
      { incrementAttemptsBy: 0.5 },
      { nextPollAt: new Date(Number.NaN) },
      { lastError: 'nul\u0000byte' },
    ];
    for (const extra of bad) {
      await expect(jobs(storage).update({ id: job.id, expectedVersion: job.version, ...extra })).rejects.toBeInstanceOf(
        QZPayValidationError,
      );
    }
    expect(await jobs(storage).findById(job.id)).toEqual(job);
  });

  it('findDuePending: pending with nextPollAt <= now, earliest first, limit clamped to 1..200', async () => {
    // Jobs in an era of their own, so other tests' jobs are never due at these instants.
    const era = new Date('1990-06-01T00:00:00.000Z');
    const storage = await ctx().open({ now: () => era });
    const subscriptionId = await newSubscription(ctx().storage);
    const make = (delayMs: number) =>
      jobs(storage).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'mercadopago', initialDelayMs: delayMs });
    const c = must(await make(3000));
    const a = must(await make(1000));
    const b = must(await make(2000));
    const notDue = must(await make(5000));
    const finished = must(await make(500));
    must(await jobs(storage).update({ id: finished.id, expectedVersion: finished.version, status: 'succeeded' }));
    const at = new Date(era.getTime() + 3000);
    expect((await jobs(storage).findDuePending(at, 10)).map((j) => j.id)).toEqual([a.id, b.id, c.id]);
    expect((await jobs(storage).findDuePending(new Date(at.getTime() - 1), 10)).map((j) => j.id)).toEqual([a.id, b.id]);
    expect((await jobs(storage).findDuePending(at, 2)).map((j) => j.id)).toEqual([a.id, b.id]);
    expect((await jobs(storage).findDuePending(at, 2.9)).map((j) => j.id)).toEqual([a.id, b.id]);
    expect((await jobs(storage).findDuePending(at, 0)).map((j) => j.id)).toEqual([a.id]);
    expect((await jobs(storage).findDuePending(at, -7)).map((j) => j.id)).toEqual([a.id]);
    expect(await jobs(storage).findDuePending(new Date(era.getTime() + 999), 10)).toEqual([]);
    expect((await jobs(storage).findDuePending(new Date(era.getTime() + 5000), 10)).at(-1)?.id).toBe(notDue.id);
    await expect(jobs(storage).findDuePending(at, Number.NaN)).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(jobs(storage).findDuePending(new Date(Number.NaN), 10)).rejects.toBeInstanceOf(QZPayValidationError);
  });

  it('findDuePending never returns more than 200 jobs', async () => {
    const era = new Date('1985-01-01T00:00:00.000Z');
    const storage = await ctx().open({ now: () => era, poolSize: 10 });
    const subscriptionId = await newSubscription(ctx().storage);
    await Promise.all(
      Array.from({ length: 205 }, (_, i) =>
        jobs(storage).create({ subscriptionId, providerResourceId: `r-${i}-${randomUUID()}`, provider: 'p', initialDelayMs: i }),
      ),
    );
    const at = new Date(era.getTime() + 10_000);
    const due = await jobs(storage).findDuePending(at, 1000);
    expect(due.length).toBe(200);
    expect(due.map((j) => j.nextPollAt.getTime() - era.getTime())).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect((await jobs(storage).findDuePending(at, Number.POSITIVE_INFINITY)).length).toBe(200);
  });

  it('race: 100 concurrent creates for one resource -> exactly one job', async () => {
    const storage = await ctx().open({ poolSize: 10 });
    const subscriptionId = await newSubscription(storage);
    const resource = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => jobs(storage).create({ subscriptionId, providerResourceId: resource, provider: 'mercadopago' })),
    );
    const created = results.filter((r) => r !== null);
    expect(created.length).toBe(1);
    expect(results.filter((r) => r === null).length).toBe(99);
    expect(await jobs(storage).findActiveByProviderResourceId('mercadopago', resource)).toEqual(created[0]);
  });

  it('race: pending jobs for two resources of one subscription are both created', async () => {
    const storage = await ctx().open({ poolSize: 10 });
    const subscriptionId = await newSubscription(storage);
    const [r1, r2] = [randomUUID(), randomUUID()];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        jobs(storage).create({ subscriptionId, providerResourceId: i % 2 === 0 ? r1 : r2, provider: 'mercadopago' }),
      ),
    );
    const created = results.filter((r) => r !== null);
    expect(created.length).toBe(2);
    expect(created.map((j) => j.providerResourceId).sort()).toEqual([r1, r2].sort());
    expect(results.filter((r) => r === null).length).toBe(18);
  });

  it('race: 20 concurrent updates with the current version -> exactly one wins; with a stale one -> none', async () => {
    const storage = await ctx().open({ poolSize: 10 });
    const subscriptionId = await newSubscription(storage);
    const job = must(await jobs(storage).create({ subscriptionId, providerResourceId: randomUUID(), provider: 'mercadopago' }));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        jobs(storage).update({ id: job.id, expectedVersion: job.version, incrementAttemptsBy: 1, lastProviderStatus: `w${i}` }),
      ),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners.length).toBe(1);
    expect(results.filter((r) => r === null).length).toBe(19);
    const stored = must(await jobs(storage).findById(job.id));
    expect(stored).toEqual(winners[0]);
    expect(stored.attempts).toBe(1);
    const stale = await Promise.all(
      Array.from({ length: 20 }, () => jobs(storage).update({ id: job.id, expectedVersion: job.version, incrementAttemptsBy: 1 })),
    );
    expect(stale.filter((r) => r !== null).length).toBe(0);
    expect(await jobs(storage).findById(job.id)).toEqual(stored);
  });
});
