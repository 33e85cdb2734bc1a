/** drizzle-kit config for the pg migrations; paths are relative to the repository root. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/pg.ts',
  out: './migrations-pg',
  breakpoints: true,
});
