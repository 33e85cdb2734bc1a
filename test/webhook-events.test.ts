import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  DEFAULT_WEBHOOK_MAX_ATTEMPTS,
} from '../src/adapter/collections/webhook-events.js';
import { QZPayEntityNotFoundError, QZPayValidationError } from '../src/contract/errors.js';
import type { QZPayWebhookEventStorage } from '../src/contract/extensions.js';
import { forEachDialect } from './harness/index.js';

/** The collection as implemented: markFailed's optional `{ maxAttempts }` is not in the contract type. */
const extended = (events: QZPayWebhookEventStorage) => events;

const T0 = new Date('2031-05-04T10:00:00.123Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

forEachDialect('webhookEvents', (ctx) => {
  /** Rows stored for one (provider, event id), straight from SQL. */
  async function rowsFor(provider: string, providerEventId: string): Promise<number> {
    const p = (i: number) => (ctx().dialect === 'pg' ? `$${i}` : '?');
    const rows = await ctx().query(
      `select count(*) from billing_webhook_events where provider = ${p(1)} and provider_event_id = ${p(2)}`,
      [provider, providerEventId],
    );
    return Number(rows[0]?.[0]);
  }

  /** A storage whose clock the test moves. */
  async function clocked() {
    const clock = { now: T0 };
    const storage = await ctx().open({ now: () => clock.now });
    return { storage, clock };
  }

  it('records with defaults and finds it by id and by provider event id', async () => {
    const { storage } = await clocked();
    const evt = randomUUID();
    const payload = { id: evt, data: { object: { amount: 1999, nested: [1, 'two', null, true] } }, emoji: '🧾' };
    const { event, duplicate } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: evt, type: 'invoice.paid', payload });
    expect(duplicate).toBe(false);
    expect(event).toEqual({
      id: event.id,
      provider: 'stripe',
      providerEventId: evt,
      type: 'invoice.paid',
      payload,
      status: 'received',
      attempts: 0,
      lastError: null,
      lockedUntil: null,
      receivedAt: T0,
      processedAt: null,
      livemode: true,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storage.webhookEvents.findById(event.id)).toEqual(event);
    expect(await storage.webhookEvents.findByProviderEventId('stripe', evt)).toEqual(event);
    expect(await storage.webhookEvents.findByProviderEventId('mercadopago', evt)).toBeNull();
    expect(await storage.webhookEvents.findById('x'.repeat(400))).toBeNull();
  });

  it('keeps a supplied id and receivedAt', async () => {
    const { storage } = ctx();
    const id = randomUUID();
    const receivedAt = new Date('2030-01-02T03:04:05.678Z');
    const { event } = await storage.webhookEvents.record({ id, provider: 'mercadopago', providerEventId: randomUUID(), type: 'payment', payload: [1, 2], receivedAt });
    expect(event.id).toBe(id);
    expect((await storage.webhookEvents.findById(id))?.receivedAt).toEqual(receivedAt);
  });

  it('answers a replay with the first event and duplicate: true, storing one row', async () => {
    const { storage } = ctx();
    const evt = randomUUID();
    const first = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: evt, type: 'a', payload: { v: 1 } });
    const replay = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: evt, type: 'b', payload: { v: 2 } });
    expect(replay).toEqual({ event: first.event, duplicate: true });
    // Same event id from another provider is another event.
    const other = await storage.webhookEvents.record({ provider: 'acme', providerEventId: evt, type: 'a', payload: {} });
    expect(other.duplicate).toBe(false);
    expect(await rowsFor('stripe', evt)).toBe(1);
    expect(await rowsFor('acme', evt)).toBe(1);
  });

  it('records 100 concurrent deliveries of one event as one row: 1 new, 99 duplicates', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const evt = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => s.webhookEvents.record({ provider: 'stripe', providerEventId: evt, type: 'charge', payload: { delivery: i } })),
    );
    expect(results.filter((r) => !r.duplicate).length).toBe(1);
    expect(results.filter((r) => r.duplicate).length).toBe(99);
    expect(new Set(results.map((r) => r.event.id)).size).toBe(1);
    const winner = results.find((r) => !r.duplicate)?.event;
    expect(results.every((r) => JSON.stringify(r.event.payload) === JSON.stringify(winner?.payload))).toBe(true);
    expect(await rowsFor('stripe', evt)).toBe(1);
  });

  it('rejects bad input with a validation error and writes nothing', async () => {
    const { storage } = ctx();
    const evt = 'e'.repeat(256); // one past the 255-character limit
    await expect(storage.webhookEvents.record({ provider: 'stripe', providerEventId: evt, type: 't', payload: {} })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.webhookEvents.record({ provider: 'stripe', providerEventId: 'ok-' + randomUUID(), type: 't', payload: undefined })).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await rowsFor('stripe', evt)).toBe(0);
  });

  it('claims for one lease; a live lease blocks, an expired one is taken over', async () => {
    const { storage, clock } = await clocked();
    clock.now = T0;
    const { event } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    const claimed = await storage.webhookEvents.claim(event.id, { leaseMs: 30_000 });
    expect(claimed).toEqual({ ...event, status: 'processing', lockedUntil: at(30_000), updatedAt: T0 });
    expect(await storage.webhookEvents.claim(event.id)).toBeNull();
    clock.now = at(30_000); // lockedUntil is not yet < now
    expect(await storage.webhookEvents.claim(event.id)).toBeNull();
    clock.now = at(30_001);
    const takeover = await storage.webhookEvents.claim(event.id);
    expect(takeover?.status).toBe('processing');
    expect(takeover?.lockedUntil).toEqual(at(30_001 + 60_000));
    expect(takeover?.attempts).toBe(0);
  });

  it('does not claim processed, dead or missing events', async () => {
    const { storage } = ctx();
    const { event } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    await storage.webhookEvents.markProcessed(event.id);
    expect(await storage.webhookEvents.claim(event.id)).toBeNull();
    const dead = (await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} })).event;
    await extended(storage.webhookEvents).markFailed(dead.id, 'boom', { maxAttempts: 1 });
    expect(await storage.webhookEvents.claim(dead.id)).toBeNull();
    expect(await storage.webhookEvents.claim(randomUUID())).toBeNull();
    expect(await storage.webhookEvents.claim('not-a-uuid-' + 'x'.repeat(100))).toBeNull();
    await expect(storage.webhookEvents.claim(event.id, { leaseMs: 0 })).rejects.toBeInstanceOf(QZPayValidationError);
  });

  it('hands an event to exactly one of 20 concurrent claimers', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const { event } = await s.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    const results = await Promise.all(Array.from({ length: 20 }, () => s.webhookEvents.claim(event.id)));
    expect(results.filter((r) => r !== null).length).toBe(1);
    expect(results.filter((r) => r === null).length).toBe(19);
    expect((await s.webhookEvents.findById(event.id))?.status).toBe('processing');
  });

  it('marks processed', async () => {
    const { storage, clock } = await clocked();
    clock.now = T0;
    const { event } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    await storage.webhookEvents.claim(event.id);
    clock.now = at(5);
    const done = await storage.webhookEvents.markProcessed(event.id);
    expect(done).toEqual({ ...event, status: 'processed', processedAt: at(5), lockedUntil: null, updatedAt: at(5) });
    expect(await storage.webhookEvents.findById(event.id)).toEqual(done);
    await expect(storage.webhookEvents.markProcessed(randomUUID())).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
  });

  it('counts failures, keeps the last error, stays claimable, and dies at the default maximum', async () => {
    const { storage } = ctx();
    expect(DEFAULT_WEBHOOK_MAX_ATTEMPTS).toBe(5);
    const { event } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    for (let attempt = 1; attempt < 5; attempt++) {
      expect(await storage.webhookEvents.claim(event.id)).not.toBeNull();
      const failed = await storage.webhookEvents.markFailed(event.id, `error ${attempt}`);
      expect(failed).toMatchObject({ status: 'failed', attempts: attempt, lastError: `error ${attempt}`, lockedUntil: null });
    }
    expect(await storage.webhookEvents.claim(event.id)).not.toBeNull();
    const dead = await storage.webhookEvents.markFailed(event.id, 'error 5');
    expect(dead).toMatchObject({ status: 'dead', attempts: 5, lastError: 'error 5' });
    expect(await storage.webhookEvents.findById(event.id)).toEqual(dead);
    expect(await storage.webhookEvents.claim(event.id)).toBeNull();
  });

  it('an adapter-wide webhookMaxAttempts dead-letters at that count; a per-call maxAttempts still wins', async () => {
    const storage = await ctx().open({ webhookMaxAttempts: 2 });
    const { event } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    expect(await storage.webhookEvents.markFailed(event.id, 'e1')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await storage.webhookEvents.markFailed(event.id, 'e2')).toMatchObject({ status: 'dead', attempts: 2 });
    const other = (await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} })).event;
    expect(await extended(storage.webhookEvents).markFailed(other.id, 'e', { maxAttempts: 1 })).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('takes a per-call maxAttempts and rejects a missing event or a bad maximum', async () => {
    const { storage } = ctx();
    const events = extended(storage.webhookEvents);
    const { event } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    expect((await events.markFailed(event.id, 'x', { maxAttempts: 2 })).status).toBe('failed');
    expect((await events.markFailed(event.id, 'y', { maxAttempts: 2 })).status).toBe('dead');
    await expect(events.markFailed(randomUUID(), 'z')).rejects.toBeInstanceOf(QZPayEntityNotFoundError);
    await expect(events.markFailed(event.id, 'z', { maxAttempts: 0 })).rejects.toBeInstanceOf(QZPayValidationError);
    expect((await events.findById(event.id))?.attempts).toBe(2);
  });

  it('counts 10 concurrent failures exactly, and exactly one of them reports dead', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const events = extended(s.webhookEvents);
    const { event } = await s.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: {} });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => events.markFailed(event.id, `e${i}`, { maxAttempts: 10 })));
    expect(results.map((r) => r.attempts).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(results.filter((r) => r.status === 'dead').length).toBe(1);
    expect(results.find((r) => r.status === 'dead')?.attempts).toBe(10);
    expect(await s.webhookEvents.findById(event.id)).toMatchObject({ status: 'dead', attempts: 10 });
  });

  it('lists newest first within the adapter livemode, with filters and paging', async () => {
    const { storage, clock } = await clocked();
    const provider = `p-${randomUUID().slice(0, 8)}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.now = at(1000 + i);
      ids.push((await storage.webhookEvents.record({ provider, providerEventId: `e${i}`, type: 't', payload: {} })).event.id);
    }
    const test = await ctx().open({ livemode: false });
    const testEvent = (await test.webhookEvents.record({ provider, providerEventId: 'test-1', type: 't', payload: {} })).event;
    expect(testEvent.livemode).toBe(false);

    const page = await storage.webhookEvents.list({ filters: { provider }, limit: 2 });
    expect(page.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 0, hasMore: true });
    const rest = await storage.webhookEvents.list({ filters: { provider }, limit: 2, offset: 2 });
    expect(rest.data.map((e) => e.id)).toEqual([ids[0]]);
    expect(rest.hasMore).toBe(false);
    const oldest = await storage.webhookEvents.list({ filters: { provider }, orderBy: 'createdAt', orderDirection: 'asc' });
    expect(oldest.data.map((e) => e.id)).toEqual(ids);
    const testPage = await test.webhookEvents.list({ filters: { provider } });
    expect(testPage.data.map((e) => e.id)).toEqual([testEvent.id]);
    // Lookups by id or provider event id are not livemode-scoped.
    expect((await storage.webhookEvents.findById(testEvent.id))?.id).toBe(testEvent.id);
  });
});
