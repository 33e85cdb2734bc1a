/**
 * The README's demo: a short billing flow through the adapter, printing what each step stored.
 * Written against the contract surface only, so it runs unchanged on every dialect.
 */
import { randomUUID } from 'node:crypto';
import type { QZPayDrizzleStorage } from './contract/extensions.js';

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

export async function runDemo(storage: QZPayDrizzleStorage, print: (line: string) => void): Promise<void> {
  // Per run: provider ids are unique keys, so a fixed refund id would be absorbed as a replay
  // of the previous run's refund on the same database (the second run printed 'refunded 0.00').
  const run = randomUUID().slice(0, 8);
  const customer = await storage.customers.create({
    externalId: `demo-${run}`,
    email: 'Ana@Example.com',
    name: 'Ana Demo',
  });
  print(`customer      ${customer.id}  ${customer.email}  version ${customer.version}`);

  const linked = await storage.customers.update(customer.id, { providerCustomerIds: { stripe: 'cus_demo' } });
  print(`  linked      providerCustomerIds ${JSON.stringify(linked.providerCustomerIds)}  version ${linked.version}`);

  const subscription = await storage.subscriptions.create({
    id: randomUUID(),
    customerId: customer.id,
    planId: 'plan-pro',
    trialDays: 14,
  });
  print(`subscription  ${subscription.id}  ${subscription.status}  trial ends ${subscription.trialEnd?.toISOString()}`);

  const now = new Date();
  const payment = await storage.payments.create({
    id: randomUUID(),
    customerId: customer.id,
    subscriptionId: subscription.id,
    invoiceId: null,
    amount: 10_000,
    currency: 'USD',
    status: 'succeeded',
    paymentMethodId: null,
    providerPaymentIds: { stripe: 'pi_demo' },
    failureCode: null,
    failureMessage: null,
    metadata: {},
    livemode: true,
    createdAt: now,
    updatedAt: now,
  });
  print(`payment       ${payment.id}  ${money(payment.amount, payment.currency)}  ${payment.status}`);

  for (const tranche of [`re_demo_${run}_1`, `re_demo_${run}_2`]) {
    await storage.payments.createRefund({ paymentId: payment.id, amount: 5_000, currency: 'USD', status: 'succeeded', providerRefundId: tranche, livemode: true });
    // A replayed provider event with the same refund id is absorbed by the ledger's unique key.
    await storage.payments.createRefund({ paymentId: payment.id, amount: 5_000, currency: 'USD', status: 'succeeded', providerRefundId: tranche, livemode: true });
    const total = await storage.payments.getTotalRefundedAmount(payment.id);
    const status = total >= payment.amount ? 'refunded' : 'partially_refunded';
    const updated = await storage.payments.update(payment.id, { status, metadata: { refundedAmount: total } });
    print(`  refund      ${tranche} (sent twice)  refunded ${money(total, 'USD')}  -> ${updated.status}`);
  }

  const invoice = await storage.invoices.create({
    id: randomUUID(),
    customerId: customer.id,
    subscriptionId: subscription.id,
    lines: [
      { description: 'Pro plan (monthly)', quantity: 1, unitAmount: 8_000 },
      { description: 'Extra seats', quantity: 2, unitAmount: 1_000 },
    ],
  });
  print(`invoice       ${invoice.number}  ${invoice.status}  total ${money(invoice.total, invoice.currency)}  lines ${invoice.lines.length}`);
  for (const line of invoice.lines) print(`  line        ${line.description}: ${line.quantity} x ${money(line.unitAmount, invoice.currency)}`);

  const before = (await storage.customers.list({ limit: 1 })).total;
  try {
    await storage.transaction(async () => {
      await storage.customers.create({ externalId: 'demo-rollback', email: 'rollback@example.com' });
      throw new Error('card declined');
    });
  } catch (error) {
    const after = (await storage.customers.list({ limit: 1 })).total;
    print(`transaction   rolled back (${error instanceof Error ? error.message : String(error)}): customers ${before} -> ${after}`);
  }
}
