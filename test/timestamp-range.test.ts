/**
 * Every millisecond of the supported range (years 1–9999) reads back exactly: the extremes, both
 * sides of the epoch, and a spread of odd milliseconds across the range, through a real column
 * on every dialect. Guards the per-dialect read expression (PostgreSQL computes epoch ms in SQL).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { forEachDialect } from './harness/index.js';

const EDGES = [
  '0001-01-01T00:00:00.000Z',
  '0001-01-01T00:00:00.001Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00.000Z',
  '1970-01-01T00:00:00.001Z',
  '2038-01-19T03:14:07.999Z',
  '9999-12-31T23:59:59.998Z',
  '9999-12-31T23:59:59.999Z',
].map((iso) => Date.parse(iso));

/** A deterministic spread over the whole range, every value with an odd millisecond part. */
function spread(n: number): number[] {
  const [lo, hi] = [EDGES[0]!, EDGES[EDGES.length - 1]!];
  let seed = 7;
  return Array.from({ length: n }, () => {
    seed = (seed * 48271) % 2147483647;
    const ms = lo + Math.floor((seed / 2147483647) * (hi - lo));
    return ms - (ms % 1000) + 1 + 2 * (seed % 499);
  });
}

forEachDialect('timestamp range', (ctx) => {
  it('reads back every millisecond it wrote, from year 1 to year 9999', async () => {
    const { storage } = ctx();
    const values = [...EDGES, ...spread(60)];
    for (let i = 0; i < values.length; i += 2) {
      const validFrom = new Date(values[i]!);
      const validUntil = new Date(values[i + 1] ?? values[i]!);
      const id = randomUUID();
      await storage.promoCodes.create({ id, code: `TS${id.slice(0, 8)}`, discountType: 'percentage', discountValue: 1, validFrom, validUntil });
      const found = await storage.promoCodes.findById(id);
      expect([found?.validFrom?.getTime(), found?.validUntil?.getTime()]).toEqual([validFrom.getTime(), validUntil.getTime()]);
    }
  });
});
