import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'schema/pg': 'src/schema/pg.ts',
    'schema/mysql': 'src/schema/mysql.ts',
    'schema/sqlite': 'src/schema/sqlite.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'schema/pg': 'src/schema/pg.ts', 'schema/mysql': 'src/schema/mysql.ts', 'schema/sqlite': 'src/schema/sqlite.ts' } },
  // import.meta.url (used to find the shipped migrations) in the CommonJS build too.
  shims: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
});
