/**
 * The newest-drivers run (scripts/newest-drivers.sh): the transaction, fault and driver suites
 * with every driver peer resolved to the newest release installed in .newest/ instead of the
 * pinned devDependency. Only imports that pass through Vite (src/, test/) are redirected.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

const newest = fileURLToPath(new URL('./.newest/node_modules/', import.meta.url));
const drivers = ['postgres', 'pg', 'mysql2', 'better-sqlite3', '@libsql/client', '@electric-sql/pglite'];
for (const name of drivers) {
  if (!existsSync(`${newest}${name}/package.json`)) throw new Error(`${name} is not installed in .newest/ (run scripts/newest-drivers.sh)`);
}
const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// mergeConfig concatenates `include` arrays: the base's whole-suite pattern is removed first.
const own = { ...base, test: { ...base.test, include: [] } };

export default mergeConfig(
  own,
  defineConfig({
    resolve: {
      // Exact names and their subpaths (`mysql2/promise`), never a longer name (`postgres-array`).
      alias: drivers.map((name) => ({ find: new RegExp(`^${escape(name)}(?=/|$)`), replacement: `${newest}${name}` })),
    },
    test: {
      include: ['test/transactions.test.ts', 'test/faults/*.test.ts', 'test/drivers/*.test.ts'],
      coverage: { enabled: false },
    },
  }),
);
