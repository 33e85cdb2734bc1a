/** drizzle-kit config for the sqlite migrations; paths are relative to the repository root. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/sqlite.ts',
  out: './migrations-sqlite',
  breakpoints: true,
});
