import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { QZPayValidationError } from '../src/contract/errors.js';
import { forEachDialect } from './harness/index.js';

const T0 = new Date('2031-07-01T12:00:00.250Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

forEachDialect('auditLogs', (ctx) => {
  async function clocked() {
    const clock = { now: T0 };
    const storage = await ctx().open({ now: () => clock.now });
    return { storage, clock };
  }

  it('appends with a generated id, the adapter clock and livemode, and reads it back', async () => {
    const { storage } = await clocked();
    const entityId = randomUUID();
    const changes = { status: { from: 'active', to: 'canceled' }, amounts: [1, 2], note: 'ñ 🧾', gone: undefined };
    const log = await storage.auditLogs.append({
      entityType: 'subscription',
      entityId,
      action: 'subscription.canceled',
      actorType: 'user',
      actorId: 'u-1',
      changes,
      ipAddress: '::ffff:192.168.100.200',
      userAgent: 'Mozilla/5.0 '.repeat(40),
    });
    expect(log).toEqual({
      id: log.id,
      entityType: 'subscription',
      entityId,
      action: 'subscription.canceled',
      actorType: 'user',
      actorId: 'u-1',
      changes: { status: { from: 'active', to: 'canceled' }, amounts: [1, 2], note: 'ñ 🧾' },
      ipAddress: '::ffff:192.168.100.200',
      userAgent: 'Mozilla/5.0 '.repeat(40),
      livemode: true,
      createdAt: T0,
    });
    expect(log.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storage.auditLogs.findByEntity('subscription', entityId)).toEqual([log]);
  });

  it('keeps a supplied id and defaults the optional fields to null', async () => {
    const { storage } = ctx();
    const id = randomUUID();
    const log = await storage.auditLogs.append({ id, entityType: 'customer', entityId: randomUUID(), action: 'created' });
    expect(log).toMatchObject({ id, actorType: null, actorId: null, changes: null, ipAddress: null, userAgent: null });
  });

  it('rejects bad input with a validation error and writes nothing', async () => {
    const { storage, count } = ctx();
    const before = await count('billing_audit_logs');
    await expect(storage.auditLogs.append({ entityType: 'customer', entityId: 'x', action: 'a', ipAddress: '1'.repeat(46) })).rejects.toBeInstanceOf(QZPayValidationError);
    await expect(storage.auditLogs.append({ entityType: 'c'.repeat(65), entityId: 'x', action: 'a' })).rejects.toBeInstanceOf(QZPayValidationError);
    expect(await count('billing_audit_logs')).toBe(before);
  });

  it('finds an entity history oldest first, across livemodes', async () => {
    const { storage, clock } = await clocked();
    const entityId = randomUUID();
    clock.now = at(20);
    const second = await storage.auditLogs.append({ entityType: 'invoice', entityId, action: 'paid' });
    clock.now = at(10);
    const first = await storage.auditLogs.append({ entityType: 'invoice', entityId, action: 'created' });
    const test = await ctx().open({ livemode: false, now: () => at(30) });
    const third = await test.auditLogs.append({ entityType: 'invoice', entityId, action: 'voided' });
    await storage.auditLogs.append({ entityType: 'payment', entityId, action: 'created' });
    expect(third.livemode).toBe(false);
    expect((await storage.auditLogs.findByEntity('invoice', entityId)).map((l) => l.id)).toEqual([first.id, second.id, third.id]);
    expect(await storage.auditLogs.findByEntity('invoice', randomUUID())).toEqual([]);
  });

  it('lists with entity, actor, action and [from, to) filters, paged newest first, livemode-scoped', async () => {
    const { storage, clock } = await clocked();
    const entityType = `t-${randomUUID().slice(0, 8)}`;
    const e1 = randomUUID();
    const e2 = randomUUID();
    const rows = [];
    const specs = [
      { entityId: e1, action: 'created', actorId: 'alice' },
      { entityId: e1, action: 'updated', actorId: 'bob', actorType: 'system' },
      { entityId: e2, action: 'created', actorId: 'alice' },
      { entityId: e2, action: 'updated', actorId: 'alice' },
    ];
    for (const [i, spec] of specs.entries()) {
      clock.now = at(i * 1000);
      rows.push(await storage.auditLogs.append({ entityType, ...spec }));
    }
    const test = await ctx().open({ livemode: false, now: () => at(1500) });
    await test.auditLogs.append({ entityType, entityId: e1, action: 'created', actorId: 'alice' });
    const ids = (page: { data: Array<{ id: string }> }) => page.data.map((l) => l.id);

    const all = await storage.auditLogs.list({ entityType });
    expect(ids(all)).toEqual([rows[3]?.id, rows[2]?.id, rows[1]?.id, rows[0]?.id]);
    expect(all).toMatchObject({ total: 4, limit: 20, offset: 0, hasMore: false });
    expect(ids(await storage.auditLogs.list({ entityType, entityId: e1 }))).toEqual([rows[1]?.id, rows[0]?.id]);
    expect(ids(await storage.auditLogs.list({ entityType, actorType: 'system' }))).toEqual([rows[1]?.id]);
    expect((await storage.auditLogs.list({ entityType, actorType: 'nobody' })).total).toBe(0);
    expect(ids(await storage.auditLogs.list({ entityType, actorId: 'alice' }))).toEqual([rows[3]?.id, rows[2]?.id, rows[0]?.id]);
    expect(ids(await storage.auditLogs.list({ entityType, action: 'created', actorId: 'alice' }))).toEqual([rows[2]?.id, rows[0]?.id]);
    // from inclusive, to exclusive.
    expect(ids(await storage.auditLogs.list({ entityType, from: at(1000), to: at(3000) }))).toEqual([rows[2]?.id, rows[1]?.id]);
    expect(ids(await storage.auditLogs.list({ entityType, from: at(1001) }))).toEqual([rows[3]?.id, rows[2]?.id]);
    expect(ids(await storage.auditLogs.list({ entityType, to: at(1) }))).toEqual([rows[0]?.id]);
    const paged = await storage.auditLogs.list({ entityType, limit: 1, offset: 1, orderDirection: 'asc', orderBy: 'createdAt' });
    expect(ids(paged)).toEqual([rows[1]?.id]);
    expect(paged).toMatchObject({ total: 4, limit: 1, offset: 1, hasMore: true });
    expect((await test.auditLogs.list({ entityType })).total).toBe(1);
    await expect(storage.auditLogs.list({ entityType, from: new Date(Number.NaN) })).rejects.toBeInstanceOf(QZPayValidationError);
  });

  it('the database itself rejects UPDATE and DELETE on billing_audit_logs', async () => {
    const { storage, count, exec, query, dialect } = ctx();
    const log = await storage.auditLogs.append({ entityType: 'customer', entityId: randomUUID(), action: 'created' });
    const before = await count('billing_audit_logs');
    await expect(exec(`UPDATE billing_audit_logs SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(exec(`UPDATE billing_audit_logs SET action = 'x' WHERE id = '${log.id}'`)).rejects.toThrow(/append-only/);
    await expect(exec(`DELETE FROM billing_audit_logs`)).rejects.toThrow(/append-only/);
    await expect(exec(`DELETE FROM billing_audit_logs WHERE id = '${log.id}'`)).rejects.toThrow(/append-only/);
    if (dialect === 'pg') await expect(exec('TRUNCATE billing_audit_logs')).rejects.toThrow(/append-only/);
    expect(await count('billing_audit_logs')).toBe(before);
    const p = dialect === 'pg' ? '$1' : '?';
    expect(await query(`select action from billing_audit_logs where id = ${p}`, [log.id])).toEqual([['created']]);
    expect(await storage.auditLogs.findByEntity('customer', log.entityId)).toEqual([log]);
  });
});
