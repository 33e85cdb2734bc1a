/**
 * Catalogue cases for the input rules of README "Input rules": JSON depth and size, non-plain
 * objects in JSON, non-string e-mail lookups, and list limits/offsets out of every range. Each
 * case has one documented outcome that every dialect must give.
 */
import { randomUUID } from 'node:crypto';
import { type Case, metadataCases, type Outcome, same } from './cases.js';

const C = ['billing_customers'];
const W = ['billing_webhook_events'];
const A = ['billing_audit_logs'];

/** `levels` nested containers: `{ a: { a: ... { a: 1 } } }`. */
export function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 1 };
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

/** Bigger than MAX_VALUE_BYTES (2 MiB) and than MariaDB's 16 MiB max_allowed_packet. */
const OVER_PACKET = 'x'.repeat(17 * 1024 * 1024);
const OVER_LIMIT = 'x'.repeat(2 * 1024 * 1024);

function jsonColumnCases(label: string, value: () => unknown, expected: (field: string) => Outcome): Case[] {
  return [
    {
      name: `webhookEvents.record payload=${label}`,
      tables: W,
      expected: expected('payload'),
      async run({ storage }) {
        const { event } = await storage.webhookEvents.record({ provider: 'stripe', providerEventId: randomUUID(), type: 't', payload: value() });
        return same(event.payload, (await storage.webhookEvents.findById(event.id))?.payload, 'findById');
      },
    },
    {
      name: `auditLogs.append changes=${label}`,
      tables: A,
      expected: expected('changes'),
      async run({ storage }) {
        const log = await storage.auditLogs.append({ entityType: 'x', entityId: randomUUID(), action: 'a', changes: value() });
        return same(log.changes, (await storage.auditLogs.findByEntity('x', log.entityId))[0]?.changes, 'findByEntity');
      },
    },
  ];
}

export function inputRuleCases(): Case[] {
  const cases: Case[] = [];
  cases.push(...metadataCases('31 levels', () => nested(31), 'ok'));
  cases.push(...metadataCases('32 levels', () => nested(32), 'invalid:metadata'));
  cases.push(...jsonColumnCases('31 levels', () => nested(31), () => 'ok'));
  cases.push(...jsonColumnCases('32 levels', () => nested(32), (f) => `invalid:${f}`));
  cases.push(...jsonColumnCases('array 40 levels', () => JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown, (f) => `invalid:${f}`));
  cases.push(...metadataCases('2 MiB + quotes', () => ({ big: OVER_LIMIT }), 'invalid:metadata'));
  cases.push(...jsonColumnCases('17 MiB', () => ({ big: OVER_PACKET }), (f) => `invalid:${f}`));
  for (const [label, make] of [
    ['Map', () => new Map([['a', 1]])],
    ['Set', () => new Set([1])],
    ['Error', () => new Error('e')],
    ['Date', () => new Date('2030-01-01T00:00:00.000Z')],
    ['class instance', () => new (class Point { x = 1 })()],
  ] as Array<[string, () => unknown]>) {
    cases.push(...metadataCases(label, () => ({ v: make() }), 'invalid:metadata'));
    // A Date outside metadata is stored as its ISO text (saved cards, audit changes): not a case here.
    if (label !== 'Date') cases.push(...jsonColumnCases(`nested ${label}`, () => ({ deep: [{ v: make() }] }), (f) => `invalid:${f}`));
  }
  // The same size rule on the subscription's scheduled plan change (a typed JSON column of its own).
  cases.push({
    name: 'subscriptions.update scheduledPlanChange with a 2 MiB field',
    tables: ['billing_subscriptions'],
    expected: 'invalid:scheduledPlanChange',
    prepare: ({ storage, customerId }) => storage.subscriptions.create({ id: randomUUID(), customerId, planId: 'p' }),
    async run({ storage }, prepared) {
      const { id } = prepared as { id: string };
      const change = { newPlanId: OVER_LIMIT, newPriceId: 'price', targetTransactionAmountMajor: 1, applyAt: '2030-01-01T00:00:00.000Z', requestedAt: '2029-12-01T00:00:00.000Z', status: 'pending' as const, attemptCount: 0 };
      await storage.subscriptions.update(id, { scheduledPlanChange: change });
      return (await storage.subscriptions.findById(id))?.scheduledPlanChange === null ? 'mismatch:not stored' : 'ok';
    },
  });
  // A value past MariaDB's max_allowed_packet never reaches the server, so the connection stays
  // usable: the very next call on it must succeed.
  cases.push({
    name: 'customers.create 17 MiB name, then the next call',
    tables: C,
    expected: 'invalid:name',
    async run({ storage, customerId }) {
      const failure = await storage.customers.create({ externalId: `big-${randomUUID()}`, email: 'b@bad.io', name: OVER_PACKET }).catch((e: unknown) => e);
      if ((await storage.customers.findById(customerId))?.id !== customerId) return 'mismatch:next call failed';
      throw failure;
    },
  });
  for (const [label, value] of [['{}', {}], ['42', 42], ['null', null], ['undefined', undefined]] as Array<[string, unknown]>) {
    cases.push({
      name: `customers.create email=${label}`,
      tables: C,
      expected: 'invalid:email',
      run: async ({ storage }) => (await storage.customers.create({ externalId: `e-${randomUUID()}`, email: value as string }), 'ok'),
    });
    cases.push({
      name: `customers.findByEmail(${label})`,
      tables: C,
      expected: 'invalid:email',
      run: async ({ storage }) => (await storage.customers.findByEmail(value as string), 'ok'),
    });
  }
  cases.push(...listLimitCases());
  return cases;
}

/** Clamped, never rejected: limit to [0, 10 000] ([1, 10 000] for listPage), offset to [0, 2^53-1]. */
function listLimitCases(): Case[] {
  const list: Array<[string, { limit?: number; offset?: number }, { limit: number; offset: number }]> = [
    ['limit 1e20', { limit: 1e20 }, { limit: 10_000, offset: 0 }],
    ['limit 2**63', { limit: 2 ** 63 }, { limit: 10_000, offset: 0 }],
    ['limit NaN', { limit: Number.NaN }, { limit: 20, offset: 0 }],
    ['limit -5', { limit: -5 }, { limit: 0, offset: 0 }],
    ['limit Infinity', { limit: Number.POSITIVE_INFINITY }, { limit: 10_000, offset: 0 }],
    ['limit 2.7', { limit: 2.7 }, { limit: 2, offset: 0 }],
    ['offset 1e20', { offset: 1e20 }, { limit: 20, offset: Number.MAX_SAFE_INTEGER }],
    ['offset 2**63', { offset: 2 ** 63 }, { limit: 20, offset: Number.MAX_SAFE_INTEGER }],
    ['offset NaN', { offset: Number.NaN }, { limit: 20, offset: 0 }],
    ['offset -5', { offset: -5 }, { limit: 20, offset: 0 }],
  ];
  const cases: Case[] = list.map(([label, options, clamped]) => ({
    name: `customers.list ${label}`,
    tables: C,
    expected: 'ok',
    async run({ storage }) {
      const page = await storage.customers.list(options);
      const reference = await storage.customers.list(clamped);
      return same([page.limit, page.offset, page.data.map((c) => c.id)], [clamped.limit, clamped.offset, reference.data.map((c) => c.id)], 'clamped');
    },
  }));
  for (const [label, limit, clamped] of [['NaN', Number.NaN, 20], ['1e20', 1e20, 10_000], ['-5', -5, 1], ['2**63', 2 ** 63, 10_000]] as Array<[string, number, number]>) {
    cases.push({
      name: `customers.listPage limit ${label}`,
      tables: C,
      expected: 'ok',
      async run({ storage }) {
        const page = await storage.customers.listPage({ limit });
        const reference = await storage.customers.listPage({ limit: clamped });
        return same(page.data.map((c) => c.id), reference.data.map((c) => c.id), 'clamped');
      },
    });
  }
  return cases;
}
