/**
 * Issue 14 §6: the host sees what the library does. A host's Drizzle logger (`drizzle(client,
 * { logger })`) is called for the library's statements, and the `onQuery` hook reports each one
 * with its duration, the method that sent it, redacted values (raw on request) and the error of
 * a failed statement, on every dialect.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { composeStorage, createQZPayDrizzleStorage } from '../src/adapter/factory.js';
import type { QZPayQueryEvent } from '../src/adapter/observe.js';
import type { QZPayDrizzleDatabase } from '../src/dialect/database.js';
import { QZPayUniqueConstraintError } from '../src/contract/errors.js';
import { type Recorded, recordingDriver } from './harness/capture.js';
import { hostDrizzle } from './harness/host-drizzle.js';
import { forEachDialect } from './harness/index.js';

/** The same client under a second Drizzle database made with a logger, as a host would make it. */
forEachDialect('observability', (ctx) => {
  const tag = randomUUID().slice(0, 8);

  it('onQuery reports every statement with its method, duration and redacted values', async () => {
    const { db } = ctx();
    const events: QZPayQueryEvent[] = [];
    const storage = createQZPayDrizzleStorage(db.main.db, { onQuery: (e) => events.push(e) });
    const email = `secret-${tag}@example.com`;
    const customer = await storage.customers.create({ externalId: `o-${tag}`, email });
    expect(events.map((e) => e.operation)).toEqual(['customers.create']);
    expect(events[0]?.sql).toMatch(/insert into .billing_customers./i);
    await storage.customers.findById(customer.id);
    expect(events.map((e) => e.operation)).toEqual(['customers.create', 'customers.findById']);
    for (const e of events) {
      expect(typeof e.durationMs).toBe('number');
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
      expect(e.error).toBeUndefined();
    }
    // Redacted by default: no e-mail address, name or id in the events.
    expect(JSON.stringify(events)).not.toContain(email);
    expect(JSON.stringify(events)).not.toContain(customer.id);
    expect(events[1]?.params).toContain('<string>');
    // Inside a caller's transaction: exactly the statements the driver received (recorded beneath
    // the storage; an update is one statement or, without RETURNING, two), each with its method.
    const log: Recorded[] = [];
    const inTx: QZPayQueryEvent[] = [];
    const { collections, executor } = composeStorage(db.main.db, { onQuery: (e) => inTx.push(e) }, { wrapDriver: (d) => recordingDriver(d, log) });
    await executor.transaction(() => collections.customers.update(customer.id, { name: 'Observed' }));
    const sent = log.filter((r) => !['BEGIN', 'COMMIT', 'ROLLBACK'].includes(r.sql)).map((r) => r.sql);
    expect(sent[0]).toMatch(/^update .billing_customers./i);
    expect(inTx.map((e) => e.sql)).toEqual(sent);
    expect(inTx.map((e) => e.operation)).toEqual(sent.map(() => 'customers.update'));
  });

  it("queryParams 'raw' reports the values; a failed statement reports the driver's error; a throwing hook changes nothing", async () => {
    const { db } = ctx();
    const events: QZPayQueryEvent[] = [];
    const storage = createQZPayDrizzleStorage(db.main.db, { onQuery: (e) => events.push(e), queryParams: 'raw' });
    const code = `OBS-${tag}`;
    await storage.promoCodes.create({ id: randomUUID(), code, discountType: 'percentage', discountValue: 5 });
    expect(events.at(-1)?.params).toContain(code);
    events.length = 0;
    await expect(storage.promoCodes.create({ id: randomUUID(), code, discountType: 'percentage', discountValue: 5 })).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    const failed = events.filter((e) => e.error !== undefined);
    expect(failed.map((e) => e.operation)).toEqual(['promoCodes.create']);
    expect(failed[0]?.error).toBeInstanceOf(Error);
    const throwing = createQZPayDrizzleStorage(db.main.db, {
      onQuery: () => {
        throw new Error('host bug');
      },
    });
    const found = await throwing.promoCodes.findByCode(code);
    expect(found?.code).toBe(code);
  });

  it("the host's Drizzle logger sees the library's statements, with their values", async () => {
    const { db, target } = ctx();
    const logged: Array<{ query: string; params: unknown[] }> = [];
    const hostDb = await hostDrizzle(target, db.main.db, { logger: { logQuery: (query, params) => logged.push({ query, params }) } });
    const storage = createQZPayDrizzleStorage(hostDb);
    const customer = await storage.customers.create({ externalId: `l-${tag}`, email: `logged-${tag}@example.com` });
    await storage.customers.findById(customer.id);
    expect(logged).toHaveLength(2);
    expect(logged[0]?.query).toMatch(/insert into .billing_customers./i);
    expect(logged[0]?.params).toContain(`logged-${tag}@example.com`);
    expect(logged[1]?.params).toContain(customer.id);
  });
});
