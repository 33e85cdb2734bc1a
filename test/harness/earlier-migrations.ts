/**
 * A copy of the shipped migrations folder whose journal stops before `firstLeftOut`: a database
 * built from it is what an earlier release left behind, for upgrade-migration tests.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '../../src/dialect/index.js';
import { migrationsFolder } from '../../src/migrate/folders.js';

export function migrationsBefore(dialect: DialectName, firstLeftOut: string): { folder: string; tags: string[]; remove(): void } {
  const folder = join(mkdtempSync(join(tmpdir(), 'qzpay-earlier-')), 'migrations');
  cpSync(migrationsFolder(dialect), folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag === firstLeftOut);
  if (cut < 0) throw new Error(`no migration ${firstLeftOut} for ${dialect}`);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return { folder, tags: journal.entries.map((e) => e.tag), remove: () => rmSync(join(folder, '..'), { recursive: true, force: true }) };
}
