/** Finds the migration folders of the repository or the installed package (tests and scripts; `migrate()` uses the embedded copy, shipped.ts). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DialectName } from '../dialect/drivers/types.js';

const folderNames: Record<DialectName, string> = {
  pg: 'migrations-pg',
  mysql: 'migrations-mysql',
  sqlite: 'migrations-sqlite',
};

export function migrationsFolder(dialect: DialectName): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, folderNames[dialect]);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find ${folderNames[dialect]} next to the qzpay-drizzle package`);
}
