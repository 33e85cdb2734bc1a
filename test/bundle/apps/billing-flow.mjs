// The billing flow every bundled app runs (plain JavaScript, as a host would write it): migrate,
// then a customer, a payment, a partial refund and an invoice. Prints one JSON line for the test.
import { createQZPayDrizzleStorage, migrate } from 'qzpay-drizzle';

export async function billingFlow(db, runId) {
  const applied = await migrate(db);
  const again = await migrate(db);
  const storage = createQZPayDrizzleStorage(db, { livemode: true });
  const customer = await storage.customers.create({ externalId: `bundle-${runId}`, email: `${runId}@bundle.example` });
  const now = new Date();
  const payment = await storage.payments.create({
    id: `pay-${runId}`, customerId: customer.id, subscriptionId: null, invoiceId: null, amount: 2500, currency: 'USD',
    status: 'succeeded', paymentMethodId: null, providerPaymentIds: { stripe: `pi_${runId}` }, failureCode: null,
    failureMessage: null, metadata: {}, livemode: true, createdAt: now, updatedAt: now,
  });
  await storage.payments.createRefund({ paymentId: payment.id, amount: 700, currency: 'USD', status: 'succeeded', livemode: true, providerRefundId: `re_${runId}` });
  const invoice = await storage.invoices.create({
    id: `inv-${runId}`, customerId: customer.id,
    lines: [{ description: 'Seats', quantity: 3, unitAmount: 1250 }, { description: 'Setup', quantity: 1, unitAmount: 500 }],
  });
  const found = await storage.invoices.findById(invoice.id);
  return {
    applied, again,
    customer: (await storage.customers.findById(customer.id))?.email,
    refunded: await storage.payments.getTotalRefundedAmount(payment.id),
    invoice: { number: /^INV-\d{6,}$/.test(found?.number ?? ''), total: found?.total, lines: found?.lines.map((l) => l.amount) },
  };
}
