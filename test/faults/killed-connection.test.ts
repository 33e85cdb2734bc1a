/**
 * The server ends the session of a transaction that has already written (PostgreSQL
 * `pg_terminate_backend`, MariaDB `KILL`), either before the transaction's next statement or
 * before its COMMIT. The caller must get a typed error, nothing of the transaction may survive,
 * and the same storage instance (a pool of ONE connection, so the dead one must be replaced)
 * must serve the next calls.
 *
 * SQLite has no server to end a session; its equivalent is a statement (or a COMMIT) failing
 * inside a transaction that has already written: there too the caller gets a typed error, the
 * writes are gone and the same storage carries on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { QZPayConnectionError, QZPayForeignKeyError } from '../../src/contract/errors.js';
import type { TransactionConnection } from '../../src/dialect/drivers/types.js';
import { type DialectContext, forEachDialect } from '../harness/index.js';
import { customersTagged, openTracked, sleep, type Tracked, within } from './support.js';

/** Ends the server session behind `tx` from another connection and waits until it is gone. */
async function killSession(ctx: DialectContext, tx: TransactionConnection): Promise<void> {
  if (ctx.dialect === 'pg') {
    const pid = Number((await tx.all('select pg_backend_pid()', []))[0]?.[0]);
    expect(await ctx.query('select pg_terminate_backend($1)', [pid])).toEqual([[true]]);
    for (let i = 0; i < 100; i++) {
      const n = Number((await ctx.query('select count(*) from pg_stat_activity where pid = $1', [pid]))[0]?.[0]);
      if (n === 0) return;
      await sleep(20);
    }
    throw new Error(`backend ${pid} still alive`);
  }
  if (ctx.dialect === 'mysql') {
    const id = Number((await tx.all('select connection_id()', []))[0]?.[0]);
    await ctx.exec(`KILL ${id}`);
    for (let i = 0; i < 100; i++) {
      const n = Number((await ctx.query('select count(*) from information_schema.processlist where id = ?', [id]))[0]?.[0]);
      if (n === 0) return;
      await sleep(20);
    }
    throw new Error(`connection ${id} still alive`);
  }
  throw new Error('no session to kill on SQLite');
}

function payment(customerId: string) {
  const now = new Date();
  return {
    id: randomUUID(),
    customerId,
    subscriptionId: null,
    invoiceId: null,
    amount: 500,
    currency: 'USD' as const,
    status: 'pending' as const,
    paymentMethodId: null,
    providerPaymentIds: {},
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: true,
    createdAt: now,
    updatedAt: now,
  };
}

/** After the fault: the same storage writes, reads and runs a transaction again. */
async function servesNextCalls(ctx: DialectContext, subject: Tracked, tag: string): Promise<void> {
  const { storage } = subject;
  const after = await within(10_000, storage.customers.create({ externalId: `${tag}-after`, email: `${tag}@after.io` }), 'create after the fault');
  expect(await storage.customers.findById(after.id)).toEqual(after);
  const inTx = await within(
    10_000,
    storage.transaction(async () => {
      const c = await storage.customers.create({ externalId: `${tag}-after-tx`, email: `${tag}@after-tx.io` });
      return storage.customers.update(c.id, { name: 'again' });
    }),
    'transaction after the fault',
  );
  expect(inTx.version).toBe(2);
  expect(await customersTagged(ctx, `${tag}-after`)).toBe(2);
}

forEachDialect('faults: session killed inside a transaction', (ctx) => {
  let subject: Tracked;
  beforeAll(async () => {
    // One connection: the dead session must be replaced, not merely skipped over.
    subject = await openTracked(ctx(), { poolSize: 1 });
  });
  afterAll(async () => {
    await subject.close();
  });

  const serverSide = () => ctx().target.serverUrl !== null;

  it('before its next statement: typed error, nothing written, storage serves the next calls', async () => {
    const c = ctx();
    const { storage } = subject;
    const tag = `kill-stmt-${randomUUID()}`;
    const failure = await within(
      20_000,
      storage
        .transaction(async () => {
          const first = await storage.customers.create({ externalId: `${tag}-1`, email: `${tag}@x.io` });
          await storage.customers.update(first.id, { name: 'written' });
          if (serverSide()) {
            await killSession(c, subject.lastTransaction());
            await storage.customers.create({ externalId: `${tag}-2`, email: `${tag}@x.io` });
          } else {
            // SQLite: the next statement fails in the database (unknown customer, foreign key).
            await storage.payments.create(payment(randomUUID()));
          }
          return 'committed';
        })
        .then(
          (v) => v,
          (e: unknown) => e,
        ),
      'the killed transaction',
    );
    if (serverSide()) {
      expect(failure).toBeInstanceOf(QZPayConnectionError);
      expect((failure as Error).message).toBe(
        'connection lost while writing billing_customers',
      );
    } else {
      expect(failure).toBeInstanceOf(QZPayForeignKeyError);
    }
    expect((failure as Error).cause).toBeDefined();
    expect(await customersTagged(c, tag)).toBe(0);
    await servesNextCalls(c, subject, tag);
  });

  it('before its COMMIT: typed error, nothing written, storage serves the next calls', async () => {
    const c = ctx();
    const { storage } = subject;
    const tag = `kill-commit-${randomUUID()}`;
    const failure = await within(
      20_000,
      storage
        .transaction(async () => {
          const first = await storage.customers.create({ externalId: `${tag}-1`, email: `${tag}@x.io` });
          await storage.payments.create(payment(first.id));
          if (serverSide()) {
            await killSession(c, subject.lastTransaction());
          } else {
            // SQLite: a deferred foreign key makes the COMMIT itself fail.
            await subject.lastTransaction().control('PRAGMA defer_foreign_keys = ON');
            await storage.payments.create(payment(randomUUID()));
          }
          return 'committed';
        })
        .then(
          (v) => v,
          (e: unknown) => e,
        ),
      'the killed transaction',
    );
    if (serverSide()) {
      expect(failure).toBeInstanceOf(QZPayConnectionError);
      expect((failure as Error).message).toBe('connection lost while writing transaction');
    } else {
      expect(failure).toBeInstanceOf(QZPayForeignKeyError);
    }
    expect(await customersTagged(c, tag)).toBe(0);
    await servesNextCalls(c, subject, tag);
  });
});
