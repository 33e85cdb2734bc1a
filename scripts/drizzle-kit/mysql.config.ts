/** drizzle-kit config for the mysql migrations; paths are relative to the repository root. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './src/schema/mysql.ts',
  out: './migrations-mysql',
  breakpoints: true,
});
