/**
 * `npm run db:generate`: new migrations for every dialect from the compiled tables, then any
 * custom migration (seed data, triggers) a journal lacks. `--fresh` rebuilds the folders from
 * scratch (only before a release: applied migrations must never change).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { customMigrations } from './custom-migrations/index.js';
import { embeddedModulePath, renderEmbeddedMigrations } from './embed-migrations.js';
import { relationTypesPath, renderRelationTypes } from './schema-types.js';
import { addMissingCustomMigrations, configOf, dialects, drizzleKit, folderOf } from './drizzle-kit/run.js';

const fresh = process.argv.includes('--fresh');
for (const dialect of dialects) {
  if (fresh) rmSync(folderOf(dialect), { recursive: true, force: true });
  const run = drizzleKit(['generate', '--config', configOf(dialect), ...(fresh ? ['--name', 'init'] : [])]);
  if (run.status !== 0 || !/No schema changes|Your SQL migration file/.test(run.output)) {
    console.error(run.output);
    process.exit(1);
  }
  const added = addMissingCustomMigrations(dialect, folderOf(dialect), configOf(dialect), customMigrations);
  console.log(`${dialect}: ${run.output.includes('No schema changes') ? 'schema unchanged' : 'generated'}${added.length ? `; custom: ${added.join(', ')}` : ''}`);
}
// The copy built into the package, so bundled apps carry their migrations (shipped.ts).
writeFileSync(embeddedModulePath, renderEmbeddedMigrations(process.cwd()));
console.log(`wrote ${embeddedModulePath}`);
// The static relation types of the schema modules (test/schema/exports.test.ts checks them).
writeFileSync(relationTypesPath, renderRelationTypes());
console.log(`wrote ${relationTypesPath}`);
