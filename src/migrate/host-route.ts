/**
 * The host's own drizzle-kit route (docs/migrations.md "A host that owns its migrations"): a host
 * that generates the 28 tables from `qzpay-drizzle/schema/<dialect>` with its own drizzle-kit
 * gets the tables, but not what drizzle-kit cannot derive from them — the currency seed, the
 * append-only audit triggers, the invoice counters. `hostMigrationSql` gives that SQL for a
 * custom drizzle-kit migration, and `migrate()` adopts such a database only after checking that
 * it has everything the library's own migrations would have created.
 */
import type { Connection } from '../dialect/drivers/types.js';
import type { DialectStrategy } from '../dialect/strategy.js';
import { sqlName } from '../schema/describe.js';
import { tableDescriptions } from '../schema/registry.js';
import type { MigrationFile } from './migrator.js';

/**
 * Names of the migrations written by hand rather than generated from the tables
 * (scripts/custom-migrations; a test keeps the two lists equal). A tag is `NNNN_<name>`.
 */
export const CUSTOM_MIGRATION_NAMES: readonly string[] = ['seed_currencies', 'audit_logs_append_only', 'seed_sequences', 'field_fixes', 'full_case_folding'];

const BREAKPOINT = '\n--> statement-breakpoint\n';

/**
 * The shipped migrations say so themselves (per dialect: a schema diff on one dialect may be a
 * hand-written trigger on another); a folder of the caller's is judged by the migration's name.
 */
export function isCustomMigration(file: MigrationFile): boolean {
  return file.custom ?? CUSTOM_MIGRATION_NAMES.includes(file.tag.replace(/^\d+_/, ''));
}

/** The statements drizzle-kit does not produce, in migration order, as one drizzle-kit SQL file. */
export function hostMigrationSql(files: readonly MigrationFile[]): string {
  const parts = files.filter(isCustomMigration).map((f) => `-- qzpay-drizzle ${f.tag}\n${f.statements.join(BREAKPOINT)}`);
  return `${parts.join(BREAKPOINT)}\n`;
}

const createTrigger = /^\s*create\s+trigger\s+(?:if\s+not\s+exists\s+)?[`"[]?([A-Za-z0-9_]+)/i;
const insertInto = /^\s*insert\s+into\s+[`"[]?([A-Za-z0-9_]+)[`"\]]?[^]*?\bvalues\b/i;

/** Number of row tuples in an `INSERT ... VALUES (...), (...)` statement (quotes respected). */
export function countValueRows(statement: string): number {
  const start = insertInto.exec(statement);
  if (!start) return 0;
  let depth = 0;
  let rows = 0;
  let quoted = false;
  for (let i = start[0].length; i < statement.length; i++) {
    const ch = statement[i];
    if (quoted) {
      if (ch === "'") quoted = statement[i + 1] === "'" ? (i++, true) : false;
    } else if (ch === "'") quoted = true;
    else if (ch === '(') {
      if (depth === 0) rows++;
      depth++;
    } else if (ch === ')') depth--;
  }
  return rows;
}

type Reader = Pick<Connection, 'all'>;

async function fails(reader: Reader, sql: string): Promise<string | null> {
  try {
    await reader.all(sql, []);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
  }
}

/**
 * What the database lacks compared with a fresh `migrate()`: every table with every column, every
 * trigger of the custom migrations, and at least the seeded rows. Empty when it can be adopted.
 */
export async function adoptionDifferences(reader: Reader, strategy: DialectStrategy, files: readonly MigrationFile[]): Promise<string[]> {
  const q = strategy.migrations.quote;
  const differences: string[] = [];
  for (const table of Object.values(tableDescriptions)) {
    if ((await reader.all(strategy.migrations.tableExists, [table.name])).length === 0) {
      differences.push(`table ${table.name} is missing`);
      continue;
    }
    // Selecting every column by name is the same check on every dialect, and types aside it is
    // exactly what the repositories will do.
    const columns = Object.keys(table.columns).map((key) => q(sqlName(key)));
    const problem = await fails(reader, `select ${columns.join(', ')} from ${q(table.name)} where 1 = 0`);
    if (problem !== null) differences.push(`table ${table.name} lacks a column the library uses: ${problem}`);
  }
  if (differences.length > 0) return differences;
  const triggers = new Set((await reader.all(strategy.migrations.triggerNames, [])).map((r) => String(r[0])));
  for (const file of files.filter(isCustomMigration)) {
    for (const statement of file.statements) {
      const trigger = createTrigger.exec(statement)?.[1];
      if (trigger !== undefined && !triggers.has(trigger)) differences.push(`trigger ${trigger} (${file.tag}) is missing`);
      const table = insertInto.exec(statement)?.[1];
      if (table !== undefined) {
        const expected = countValueRows(statement);
        const found = Number((await reader.all(`select count(*) from ${q(table)}`, []))[0]?.[0]);
        if (found < expected) differences.push(`${table} holds ${found} of the ${expected} rows seeded by ${file.tag}`);
      }
    }
  }
  return differences;
}

