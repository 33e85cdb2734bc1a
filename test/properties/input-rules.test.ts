/**
 * Input rules as properties, on every dialect: metadata of any depth is stored iff it has at
 * most 31 levels (else QZPayValidationError on `metadata`), and any list limit/offset number
 * (NaN, ±Infinity, 1e20, negatives, fractions) gives the clamped page instead of an error.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { QZPayValidationError } from '../../src/contract/index.js';
import { nested } from '../bad-input/input-rules.js';
import { forEachDialect } from '../harness/index.js';

const clamp = (v: number, fallback: number, min: number, max: number): number =>
  Number.isNaN(v) ? fallback : Math.min(max, Math.max(min, Math.trunc(v)));

forEachDialect('input-rule properties', (ctx) => {
  it('metadata depth: stored iff ≤ 31 levels', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (depth) => {
        const outcome = await ctx()
          .storage.customers.create({ externalId: `d-${randomUUID()}`, email: 'd@x.io', metadata: nested(depth) as never })
          .then((c) => c.metadata)
          .catch((e: unknown) => (e instanceof QZPayValidationError ? `invalid:${e.field}` : e));
        expect(outcome).toEqual(depth <= 31 ? nested(depth) : 'invalid:metadata');
      }),
      { numRuns: 40 },
    );
  });

  it('list limit/offset: any number gives the clamped page', async () => {
    const any = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, 1e20, 2 ** 63, -5, Number.POSITIVE_INFINITY), fc.integer());
    await fc.assert(
      fc.asyncProperty(any, any, async (limit, offset) => {
        const page = await ctx().storage.customers.list({ limit, offset });
        expect([page.limit, page.offset]).toEqual([clamp(limit, 20, 0, 10_000), clamp(offset, 0, 0, Number.MAX_SAFE_INTEGER)]);
      }),
      { numRuns: 50 },
    );
  });
});
