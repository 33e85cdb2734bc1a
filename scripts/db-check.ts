/**
 * `npm run db:check`: fails when the committed migrations differ from what the compiled schema
 * generates. drizzle-kit exits 0 whether it wrote a migration or not, so this generates into a
 * temporary copy of each folder and compares the folders file by file.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { customMigrations } from './custom-migrations/index.js';
import { configOf, dialects, drizzleKit, folderOf, journalTags } from './drizzle-kit/run.js';
import { embeddedMigrationsProblem } from './embed-migrations.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const root = process.cwd();
const problems: string[] = [];
for (const dialect of dialects) {
  const committed = resolve(root, folderOf(dialect));
  const work = mkdtempSync(join(tmpdir(), `qzpay-dbcheck-${dialect}-`));
  const copy = join(work, folderOf(dialect));
  cpSync(committed, copy, { recursive: true });
  const config = join(work, 'drizzle.config.ts');
  const original = readFileSync(resolve(root, configOf(dialect)), 'utf8');
  // A plain object: the temporary folder cannot resolve the drizzle-kit package for defineConfig.
  const dialectName = /dialect: '([^']+)'/.exec(original)?.[1] ?? dialect;
  writeFileSync(
    config,
    `export default ${JSON.stringify({ dialect: dialectName, schema: resolve(root, `src/schema/${dialect}.ts`), out: `./${folderOf(dialect)}`, breakpoints: true })};\n`,
  );
  // drizzle-kit only takes an `out` relative to its working directory.
  const run = drizzleKit(['generate', '--config', config], work);
  // It exits 0 even when it fails: success prints one of these two lines.
  if (run.status !== 0 || !/No schema changes|Your SQL migration file/.test(run.output)) {
    problems.push(`${dialect}: drizzle-kit failed\n${run.output}`);
  }
  if (/created or renamed|rename column|rename table/i.test(run.output)) {
    problems.push(`${dialect}: drizzle-kit asked a question (an ambiguous rename); generate interactively`);
  }
  const before = listFiles(committed);
  const after = listFiles(copy);
  const added = after.filter((f) => !before.includes(f));
  const changed = before.filter((f) => after.includes(f) && readFileSync(join(committed, f), 'utf8') !== readFileSync(join(copy, f), 'utf8'));
  if (added.length || changed.length) {
    problems.push(`${dialect}: schema and ${folderOf(dialect)} differ (new: ${added.join(', ') || '-'}; changed: ${changed.join(', ') || '-'})`);
  }
  const tags = journalTags(committed).map((t) => t.replace(/^\d+_/, ''));
  for (const m of customMigrations) {
    if (!tags.includes(m.name)) problems.push(`${dialect}: custom migration ${m.name} is missing`);
    else {
      const tag = journalTags(committed).find((t) => t.replace(/^\d+_/, '') === m.name)!;
      const source = m.sql(dialect);
      // null: the generated schema diff is the migration, already compared above.
      if (source !== null && readFileSync(join(committed, `${tag}.sql`), 'utf8') !== source) {
        problems.push(`${dialect}: custom migration ${tag} differs from its source`);
      }
    }
  }
  rmSync(work, { recursive: true, force: true });
}
// The migrations built into the package (src/migrate/embedded.generated.ts) must be the folders' text.
const embedded = embeddedMigrationsProblem(root);
if (embedded) problems.push(embedded);
if (problems.length) {
  console.error(`db:check FAILED — run \`npm run db:generate\` and commit the result:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('db:check: migrations-pg, migrations-mysql and migrations-sqlite match the schema, and the embedded copy matches them');
