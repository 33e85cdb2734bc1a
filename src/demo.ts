/**
 * The README's demo: a short billing flow through the adapter, printing what each step stored.
 * Written against the contract surface only, so it runs unchanged on every dialect.
 */
import { randomUUID } from 'node:crypto';
import type { QZPayDrizzleStorage } from './contract/extensions.js';

export async function runDemo(storage: QZPayDrizzleStorage, print: (line: string) => void): Promise<void> {
  const customer = await storage.customers.create({
    externalId: `demo-${randomUUID().slice(0, 8)}`,
    email: 'ana@example.com',
    name: 'Ana Demo',
  });
  print(`customer      ${customer.id}  ${customer.email}  version ${customer.version}`);
  print(`(demo continues once the remaining collections land)`);
}
