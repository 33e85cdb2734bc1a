// An ESM TypeScript consumer of the packed tarball (test/package/pack.test.ts): type-checked
// against the published declarations, compiled, then run.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createQZPayDrizzleStorage, migrate, QZPayValidationError } from 'qzpay-drizzle';
import * as schema from 'qzpay-drizzle/schema/sqlite';

const client = new Database(':memory:');
const db = drizzle(client);
const applied: string[] = await migrate(db);
const storage = createQZPayDrizzleStorage(db, { livemode: false });
const customer = await storage.customers.create({ externalId: 'esm-1', email: 'ESM@Example.io' });
// @ts-expect-error a customer needs an e-mail: the published types are real, not `any`.
const missing = () => storage.customers.create({ externalId: 'esm-2' });
const rejected = await missing().then(() => 'accepted', (e: unknown) => (e instanceof QZPayValidationError ? e.field : String(e)));
console.log(
  JSON.stringify({
    format: 'esm',
    applied: applied.length,
    found: (await storage.customers.findByEmail('esm@example.IO'))?.id === customer.id,
    rejected,
    table: typeof schema.customers,
  }),
);
client.close();
