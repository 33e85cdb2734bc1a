import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { defineConfig } from 'tsup';

/**
 * tsup's CommonJS output with code splitting writes source maps whose `sources` are absolute
 * paths of the build machine; published maps must not carry them. Each one becomes relative to
 * its map, as the ESM maps already are.
 */
function relativeSourceMaps(folder: string): void {
  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.map')) continue;
    const file = join(folder, entry);
    const map = JSON.parse(readFileSync(file, 'utf8')) as { sources?: string[] };
    if (!map.sources?.some((s) => isAbsolute(s))) continue;
    map.sources = map.sources.map((s) => (isAbsolute(s) ? relative(dirname(file), s) : s));
    writeFileSync(file, JSON.stringify(map));
  }
}


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
  onSuccess: async () => relativeSourceMaps('dist'),
});
