/**
 * The migrations the package ships, read from the module generated from the folders
 * (`embedded.generated.ts`) rather than from disk: a bundled app (esbuild, Next.js, a serverless
 * build) has no `migrations-*` folder next to its code, but it has this module inside it.
 */
import { createHash } from 'node:crypto';
import type { DialectName } from '../dialect/drivers/types.js';
import { embeddedMigrations } from './embedded.generated.js';
import type { MigrationFile } from './migrator.js';

/** One migration from its file text; the hash is over the exact text, as recorded in the journal. */
export function parseMigration(tag: string, text: string): MigrationFile {
  const statements = text
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { tag, hash: createHash('sha256').update(text).digest('hex'), statements };
}

export function shippedMigrations(dialect: DialectName): MigrationFile[] {
  return embeddedMigrations[dialect].map(({ tag, sql, custom }) => ({ ...parseMigration(tag, sql), custom }));
}
