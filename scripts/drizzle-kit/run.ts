/** Running drizzle-kit for one dialect, and reading a migrations folder's journal. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DialectName } from '../../src/dialect/drivers/types.js';

export const dialects: readonly DialectName[] = ['pg', 'mysql', 'sqlite'];
export const folderOf = (d: DialectName) => `migrations-${d}`;
export const configOf = (d: DialectName) => `scripts/drizzle-kit/${d}.config.ts`;

/** drizzle-kit exits 0 on success, on "nothing to do" and on an unanswerable prompt alike. */
export function drizzleKit(args: string[], cwd = process.cwd()): { status: number; output: string } {
  // The repository's own binary (npx from another directory would try to download one).
  const bin = resolve(process.cwd(), 'node_modules', '.bin', 'drizzle-kit');
  const result = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

export function journalTags(folder: string): string[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  return journal.entries.map((e) => e.tag);
}

/** Writes the SQL of every custom migration the folder's journal does not hold yet. */
export function addMissingCustomMigrations(
  dialect: DialectName,
  folder: string,
  config: string,
  migrations: ReadonlyArray<{ name: string; sql(d: DialectName): string | null }>,
): string[] {
  const added: string[] = [];
  for (const m of migrations) {
    if (journalTags(folder).some((t) => t.replace(/^\d+_/, '') === m.name)) continue;
    const text = m.sql(dialect);
    // A schema diff generated under this name (drizzle-kit generate --name) is that migration.
    if (text === null) continue;
    const run = drizzleKit(['generate', '--config', config, '--custom', '--name', m.name]);
    if (run.status !== 0) throw new Error(`drizzle-kit --custom failed for ${dialect}:\n${run.output}`);
    const tag = journalTags(folder).find((t) => t.replace(/^\d+_/, '') === m.name);
    if (!tag) throw new Error(`drizzle-kit did not create the ${m.name} migration for ${dialect}`);
    writeFileSync(join(folder, `${tag}.sql`), text);
    added.push(tag);
  }
  return added;
}
