import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // `connect(url)` on its own, for apps that want the URL opener without the rest of the entry.
    connect: 'src/connect.ts',
    cli: 'src/cli.ts',
    'schema/pg': 'src/schema/pg.ts',
    'schema/mysql': 'src/schema/mysql.ts',
    'schema/sqlite': 'src/schema/sqlite.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', connect: 'src/connect.ts', 'schema/pg': 'src/schema/pg.ts', 'schema/mysql': 'src/schema/mysql.ts', 'schema/sqlite': 'src/schema/sqlite.ts' } },
  // No shims: nothing in the entries reads import.meta (migrations are embedded, src/migrate/shipped.ts).
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
});
