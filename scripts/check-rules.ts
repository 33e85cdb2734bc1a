/**
 * The design rules of DESIGN.md §2, checked by a machine (issue 16 §9). Run by `.ci/run`; each
 * failure names the rule it breaks, so a newcomer learns the rule from the message.
 *
 *   npm run check:rules
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = join(import.meta.dirname, '..');
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Import specifiers of a file (static `from '…'` and dynamic `import('…')`). */
function imports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) if (m[1]) found.push(m[1]);
  return found;
}

/** The code without comments and string contents that are only prose (keeps import specifiers). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

interface Rule {
  readonly name: string;
  /** Files (paths relative to the repository, with `/`) the rule applies to. */
  applies(file: string): boolean;
  /** A violation message for this file, or null. */
  check(file: string, text: string): string | null;
}

/** Places allowed to know the dialects and drivers by name. */
const DIALECT_AWARE = [/^src\/dialect\//, /^src\/drivers\//, /^src\/schema\/compile\//, /^src\/schema\/(pg|mysql|sqlite)\.ts$/];
/** Names of dialects and drivers as they appear in code (string literals and package names). */
const DIALECT_NAMES = /['"`](pg|mysql|sqlite|postgres-js|node-postgres|pglite|mysql2|better-sqlite3|libsql|postgres|@libsql\/client|@electric-sql\/pglite)['"`]/;

const rules: Rule[] = [
  {
    name: 'contract-is-self-contained: src/contract/ imports nothing but itself',
    applies: (f) => f.startsWith('src/contract/'),
    check: (_f, text) => {
      const bad = imports(text).filter((s) => !s.startsWith('./'));
      return bad.length > 0 ? `imports ${bad.join(', ')}` : null;
    },
  },
  {
    name: 'collections-are-sql-free: a collection imports neither drizzle-orm nor the dialect layer',
    applies: (f) => f.startsWith('src/adapter/collections/'),
    check: (_f, text) => {
      const bad = imports(text).filter((s) => s.startsWith('drizzle-orm') || /(^|\/)(dialect|drivers)(\/|$)/.test(s));
      return bad.length > 0 ? `imports ${bad.join(', ')}` : null;
    },
  },
  {
    name: 'dialects-in-one-place: only the dialect/driver modules and the schema compilers name a dialect or driver',
    applies: (f) => f.startsWith('src/') && !DIALECT_AWARE.some((re) => re.test(f)),
    check: (_f, text) => {
      const lines = code(text).split('\n');
      const hits: string[] = [];
      lines.forEach((line, i) => {
        // Type-only imports of the shared DialectName type are fine; naming a value is not.
        if (/^\s*import\s+type\b/.test(line)) return;
        const m = DIALECT_NAMES.exec(line);
        if (m) hits.push(`line ${i + 1}: ${m[0]}`);
      });
      return hits.length > 0 ? hits.join('; ') : null;
    },
  },
  {
    name: `small-files: a source file has at most ${MAX_LINES} lines`,
    applies: (f) => f.startsWith('src/') || f.startsWith('scripts/'),
    check: (_f, text) => {
      const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      return n > MAX_LINES ? `${n} lines` : null;
    },
  },
];

const files = ['src', 'test', 'scripts', 'bench']
  .flatMap((d) => sourceFiles(join(root, d)))
  .map((p) => relative(root, p).split(sep).join('/'));

let failures = 0;
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const rule of rules) {
    if (!rule.applies(file)) continue;
    const problem = rule.check(file, text);
    if (problem) {
      failures++;
      console.error(`${file}: breaks rule "${rule.name}": ${problem}`);
    }
  }
}
console.log(`check-rules: ${files.length} files, ${rules.length} rules, ${failures} violation(s)`);
process.exit(failures > 0 ? 1 : 0);
