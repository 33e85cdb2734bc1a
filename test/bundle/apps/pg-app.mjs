// A PostgreSQL host app (postgres.js), bundled by the test with only `postgres` installed.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { billingFlow } from './billing-flow.mjs';

async function main() {
  const client = postgres(process.env.DATABASE_URL, { max: 2, onnotice: () => undefined });
  try {
    console.log(JSON.stringify(await billingFlow(drizzle(client), process.env.RUN_ID)));
  } finally {
    await client.end({ timeout: 5 });
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
