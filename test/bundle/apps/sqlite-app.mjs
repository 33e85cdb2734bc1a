// A SQLite host app (better-sqlite3, external: a native module), bundled with only that driver installed.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { billingFlow } from './billing-flow.mjs';

async function main() {
  const sqlite = new Database(process.env.DATABASE_URL);
  try {
    console.log(JSON.stringify(await billingFlow(drizzle({ client: sqlite }), process.env.RUN_ID)));
  } finally {
    sqlite.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
