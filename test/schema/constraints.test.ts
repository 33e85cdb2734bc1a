import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Repositories } from '../../src/adapter/env.js';
import { QZPayForeignKeyError, QZPayUniqueConstraintError } from '../../src/contract/errors.js';
import { eq } from '../../src/repositories/conditions.js';
import type { RowFor } from '../../src/repositories/table.js';
import { forEachDialect } from '../harness/index.js';
import { repositoriesFor } from '../harness/repos.js';

const at = new Date('2026-05-06T07:08:09.123Z');

function customerRow(overrides: Partial<RowFor<'customers'>> = {}): RowFor<'customers'> {
  return {
    id: randomUUID(),
    externalId: `ext-${randomUUID()}`,
    email: 'a@b.c',
    emailLower: 'a@b.c',
    name: null,
    phone: null,
    providerCustomerIds: {},
    savedCards: null,
    metadata: {},
    livemode: true,
    version: 1,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    ...overrides,
  };
}

function paymentRow(customerId: string, overrides: Partial<RowFor<'payments'>> = {}): RowFor<'payments'> {
  return {
    id: randomUUID(),
    customerId,
    subscriptionId: null,
    invoiceId: null,
    amount: 100,
    currency: 'USD',
    status: 'succeeded',
    paymentMethodId: null,
    providerPaymentIds: {},
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: true,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  } as RowFor<'payments'>;
}

function refundRow(paymentId: string, providerRefundId: string | null): RowFor<'refunds'> {
  return {
    id: randomUUID(),
    paymentId,
    amount: 10,
    currency: 'USD',
    status: 'succeeded',
    reason: null,
    providerRefundId,
    livemode: true,
    metadata: {},
    createdAt: at,
  } as RowFor<'refunds'>;
}

forEachDialect('schema constraints and round-trips', (ctx) => {
  let repos: Repositories;
  beforeAll(() => {
    repos = repositoriesFor(ctx().db.main.db);
  });

  it('round-trips JSON, 64-bit amounts, millisecond dates, booleans and 4-byte emoji exactly', async () => {
    const metadata = { nested: { list: [1, 'two', { three: null }], ünïcödé: 'ñ', emoji: '🧾💸' }, flag: false };
    const customer = customerRow({ name: 'Zoë 🧾 Ωmega', metadata: metadata as never, livemode: false });
    await repos.customers.insert(customer);
    expect(await repos.customers.findOne([eq('id', customer.id)])).toEqual(customer);
    const payment = paymentRow(customer.id, { amount: 9007199254740991, livemode: true });
    await repos.payments.insert(payment);
    const back = await repos.payments.findOne([eq('id', payment.id)]);
    expect(back).toEqual(payment);
    expect(back?.amount).toBe(9007199254740991);
    expect(back?.createdAt.toISOString()).toBe('2026-05-06T07:08:09.123Z');
  });

  it('unique keys reject duplicates; NULLs in a unique column never collide', async () => {
    const customer = customerRow();
    await repos.customers.insert(customer);
    const payment = paymentRow(customer.id);
    await repos.payments.insert(payment);
    await expect(repos.payments.insert(payment)).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    const providerRefundId = `re_${randomUUID()}`;
    await repos.refunds.insert(refundRow(payment.id, providerRefundId));
    await expect(repos.refunds.insert(refundRow(payment.id, providerRefundId))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    await repos.refunds.insert(refundRow(payment.id, null));
    await repos.refunds.insert(refundRow(payment.id, null));
    expect(await repos.refunds.count([eq('paymentId', payment.id)])).toBe(3);
  });

  it('foreign keys: unknown parents are rejected, restrict blocks, cascade removes', async () => {
    await expect(repos.payments.insert(paymentRow(randomUUID()))).rejects.toBeInstanceOf(QZPayForeignKeyError);
    const customer = customerRow();
    await repos.customers.insert(customer);
    await repos.payments.insert(paymentRow(customer.id));
    // payments -> customers is RESTRICT
    await expect(repos.customers.delete([eq('id', customer.id)])).rejects.toBeInstanceOf(QZPayForeignKeyError);
    const other = customerRow();
    await repos.customers.insert(other);
    await repos.paymentMethods.insert({
      id: randomUUID(),
      customerId: other.id,
      type: 'card',
      status: 'active',
      isDefault: true,
      card: null,
      bankAccount: null,
      billingDetails: null,
      providerPaymentMethodIds: { stripe: 'pm_1' },
      metadata: {},
      livemode: true,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    } as RowFor<'paymentMethods'>);
    // payment methods -> customers is CASCADE
    expect(await repos.customers.delete([eq('id', other.id)])).toBe(1);
    expect(await repos.paymentMethods.count([eq('customerId', other.id)])).toBe(0);
  });

  it('the pending-job unique key holds only among pending jobs', async () => {
    const customer = customerRow();
    await repos.customers.insert(customer);
    const subscriptionId = randomUUID();
    await repos.subscriptions.insert({
      id: subscriptionId,
      customerId: customer.id,
      planId: 'plan',
      status: 'active',
      interval: 'month',
      intervalCount: 1,
      quantity: 1,
      currentPeriodStart: at,
      currentPeriodEnd: at,
      trialStart: null,
      trialEnd: null,
      cancelAt: null,
      canceledAt: null,
      cancelAtPeriodEnd: false,
      providerSubscriptionIds: {},
      promoCodeId: null,
      metadata: {},
      scheduledPlanChange: null,
      livemode: true,
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    } as RowFor<'subscriptions'>);
    const job = (status: string): RowFor<'subscriptionPollingJobs'> =>
      ({
        id: randomUUID(),
        subscriptionId,
        provider: 'mercadopago',
        providerResourceId: 'pre_1',
        resourceType: 'subscription',
        status,
        attempts: 0,
        maxAttempts: 60,
        nextPollAt: at,
        lastPolledAt: null,
        lastProviderStatus: null,
        lastError: null,
        metadata: {},
        createdAt: at,
        updatedAt: at,
        completedAt: null,
        version: randomUUID(),
      }) as RowFor<'subscriptionPollingJobs'>;
    await repos.subscriptionPollingJobs.insert(job('succeeded'));
    await repos.subscriptionPollingJobs.insert(job('failed'));
    await repos.subscriptionPollingJobs.insert(job('pending'));
    await expect(repos.subscriptionPollingJobs.insert(job('pending'))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect(await repos.subscriptionPollingJobs.count([eq('subscriptionId', subscriptionId)])).toBe(3);
  });
});
