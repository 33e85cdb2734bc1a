import { expect, it } from 'vitest';
import { QZPAY_CURRENCIES } from '../src/contract/index.js';
import { isoCurrencies } from '../src/schema/seed/currencies.js';
import { forEachDialect } from './harness/index.js';

forEachDialect('currencies', (ctx) => {
  it('lists the seeded ISO 4217 table by code, every QZPayCurrency included', async () => {
    const list = await ctx().storage.currencies.list();
    expect(list.length).toBe(isoCurrencies.length);
    const codes = list.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    for (const code of QZPAY_CURRENCIES) expect(codes).toContain(code);
    // Exact round trip of the seed, non-ASCII symbols included.
    expect(list).toEqual(isoCurrencies.map((c) => ({ ...c, active: true })));
  });

  it('finds by code, case-insensitively, with the right minor units', async () => {
    const { storage } = ctx();
    expect(await storage.currencies.findByCode('CLP')).toEqual({ code: 'CLP', name: 'Chilean Peso', minorUnits: 0, symbol: '$', active: true });
    expect(await storage.currencies.findByCode('usd')).toMatchObject({ code: 'USD', minorUnits: 2, active: true });
    expect(await storage.currencies.findByCode('Ars')).toMatchObject({ code: 'ARS', minorUnits: 2 });
    expect((await storage.currencies.findByCode('bhd'))?.minorUnits).toBe(3);
    expect(await storage.currencies.findByCode('XXX')).toBeNull();
    expect(await storage.currencies.findByCode('')).toBeNull();
    expect(await storage.currencies.findByCode('USDOLLAR')).toBeNull();
  });
});
