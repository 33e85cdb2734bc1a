// A MySQL/MariaDB host app (mysql2 pool in UTC), bundled with only `mysql2` installed.
import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { billingFlow } from './billing-flow.mjs';

async function main() {
  const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 2, timezone: 'Z' });
  try {
    console.log(JSON.stringify(await billingFlow(drizzle({ client: pool }), process.env.RUN_ID)));
  } finally {
    await pool.end();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
