// A CommonJS TypeScript consumer of the packed tarball (test/package/pack.test.ts): compiled to
// `require` calls, so it loads the package's CJS build and `.d.cts` declarations.
import Database = require('better-sqlite3');
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createQZPayDrizzleStorage, migrate } from 'qzpay-drizzle';
import { customers } from 'qzpay-drizzle/schema/sqlite';

async function main(): Promise<void> {
  const client = new Database(':memory:');
  const db = drizzle(client);
  const applied: string[] = await migrate(db);
  const storage = createQZPayDrizzleStorage(db, { livemode: false });
  const customer = await storage.customers.create({ externalId: 'cjs-1', email: 'CJS@Example.io' });
  // @ts-expect-error findById takes an id string.
  const wrong = () => storage.customers.findById(42);
  void wrong;
  console.log(
    JSON.stringify({
      format: 'cjs',
      applied: applied.length,
      found: (await storage.customers.findByEmail('cjs@example.IO'))?.id === customer.id,
      table: typeof customers,
    }),
  );
  client.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
