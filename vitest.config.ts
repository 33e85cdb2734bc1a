import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The topology suites need the servers scripts/topologies/run.sh starts (npm run test:topologies).
    exclude: ['test/topologies/**', '**/node_modules/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/cli.ts', 'src/demo.ts'],
      reporter: ['text-summary', 'json-summary'],
      // The gate of issue 6, measured over the whole suite on sqlite, pg and mysql together.
      thresholds: { lines: 90, branches: 85 },
    },
  },
});
