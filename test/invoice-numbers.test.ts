import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatInvoiceNumber,
  invoiceSequenceName,
  parseInvoiceNumber,
} from '../src/adapter/collections/invoice-numbers.js';
import type { QZPayDrizzleStorageHandle } from '../src/adapter/factory.js';
import type { QZPayStoredInvoice } from '../src/contract/index.js';
import { forEachDialect } from './harness/index.js';

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => formatInvoiceNumber(from + i));

const sorted = (invoices: readonly QZPayStoredInvoice[]): string[] =>
  invoices.map((i) => i.number).sort((a, b) => (parseInvoiceNumber(a) ?? 0) - (parseInvoiceNumber(b) ?? 0));

describe('invoice number format', () => {
  it('is INV- and at least six digits, per-livemode counter names', () => {
    expect(formatInvoiceNumber(1)).toBe('INV-000001');
    expect(formatInvoiceNumber(999_999)).toBe('INV-999999');
    expect(formatInvoiceNumber(1_234_567)).toBe('INV-1234567');
    expect(parseInvoiceNumber('INV-000042')).toBe(42);
    expect(parseInvoiceNumber('INV-1234567')).toBe(1_234_567);
    expect(parseInvoiceNumber('X-1')).toBeNull();
    expect(invoiceSequenceName(true)).toBe('invoice:live');
    expect(invoiceSequenceName(false)).toBe('invoice:test');
  });
});

forEachDialect('invoice numbers', (ctx) => {
  const newCustomer = async (storage: QZPayDrizzleStorageHandle): Promise<string> =>
    (await storage.customers.create({ externalId: randomUUID(), email: `${randomUUID()}@x.io` })).id;

  const createMany = (storage: QZPayDrizzleStorageHandle, customerId: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        storage.invoices.create({ id: randomUUID(), customerId, lines: [{ description: `#${i}`, quantity: 1, unitAmount: i }] }),
      ),
    );

  const counters = async (): Promise<Array<[string, number]>> =>
    (await ctx().query('select name, value from billing_sequences order by name')).map(
      (r) => [String(r[0]), Number(r[1])] as [string, number],
    );

  it('the seed migration starts both counters at 0', async () => {
    expect(await counters()).toEqual([
      ['invoice:live', 0],
      ['invoice:test', 0],
    ]);
  });

  it('50 concurrent first-ever creates (counter row missing) get INV-000001..INV-000050 exactly', async () => {
    const s = await ctx().open({ poolSize: 10 });
    // The rest of this file covers a database whose counter rows are missing (deleted by hand,
    // or created before the seed migration): the allocator must create them on its own.
    await ctx().exec('delete from billing_sequences');
    expect(await counters()).toEqual([]);
    const created = await createMany(s, await newCustomer(s), 50);
    expect(sorted(created)).toEqual(range(1, 50));
    expect(await ctx().count('billing_invoices')).toBe(50);
    expect(await counters()).toEqual([['invoice:live', 50]]);
  });

  it('a test-mode counter created inside a rolled-back transaction is re-created; test numbering starts at 1', async () => {
    const test = await ctx().open({ livemode: false });
    const customerId = await newCustomer(test);
    const boom = new Error('boom');
    let inside: QZPayStoredInvoice | undefined;
    await expect(
      test.transaction(async () => {
        inside = await test.invoices.create({ id: randomUUID(), customerId, lines: [] });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(inside?.number).toBe('INV-000001');
    expect(await counters()).toEqual([['invoice:live', 50]]);
    const first = await test.invoices.create({ id: randomUUID(), customerId, lines: [] });
    expect(first).toMatchObject({ number: 'INV-000001', livemode: false });
    expect(await counters()).toEqual([['invoice:live', 50], ['invoice:test', 1]]);
  });

  it('live and test sequences advance independently under concurrency (50 + 50 at once)', async () => {
    const live = await ctx().open({ poolSize: 10 });
    const test = await ctx().open({ poolSize: 10, livemode: false });
    const [liveCustomer, testCustomer] = [await newCustomer(live), await newCustomer(test)];
    const [liveCreated, testCreated] = await Promise.all([createMany(live, liveCustomer, 50), createMany(test, testCustomer, 50)]);
    expect(sorted(liveCreated)).toEqual(range(51, 100));
    expect(sorted(testCreated)).toEqual(range(2, 51));
    expect(testCreated.every((i) => !i.livemode)).toBe(true);
    expect(await counters()).toEqual([['invoice:live', 100], ['invoice:test', 51]]);
    // The same number exists once per livemode, never twice within one.
    const both = await ctx().query("select count(*) from billing_invoices where number = 'INV-000051'");
    expect(Number(both[0]?.[0])).toBe(2);
  });

  it('concurrent creates where half roll back leave no gap: the 10 committed get the next 10 numbers', async () => {
    const s = await ctx().open({ poolSize: 10 });
    const customerId = await newCustomer(s);
    const boom = new Error('boom');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        s.transaction(async () => {
          const invoice = await s.invoices.create({ id: randomUUID(), customerId, lines: [] });
          if (i % 2 === 1) throw boom;
          return invoice;
        }),
      ),
    );
    const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(committed.length).toBe(10);
    expect(results.filter((r) => r.status === 'rejected' && r.reason === boom).length).toBe(10);
    expect(sorted(committed)).toEqual(range(101, 110));
    expect(await counters()).toEqual([['invoice:live', 110], ['invoice:test', 51]]);
    expect((await s.invoices.findByCustomerId(customerId)).length).toBe(10);
  });
});
