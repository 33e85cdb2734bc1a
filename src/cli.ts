#!/usr/bin/env node
/**
 * qzpay-drizzle CLI: `migrate`, `status`, `doctor` and `demo` against a database URL
 * (`postgres://…`, `mysql://…`, `sqlite:<path>`, `file:<path>`, `:memory:`). Failures print one
 * line and exit non-zero; no stack traces for expected errors (bad URL, unreachable server).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect, type Connected, parseDatabaseUrl } from './connect.js';
import { runDemo } from './demo.js';
import { dialectNames } from './dialect/index.js';
import { hostMigrationSql, migrate, migrationStatus } from './migrate/index.js';
import { doctor, formatDoctor } from './doctor/index.js';

const usage = `usage: qzpay-drizzle <migrate|status [--check]|doctor|demo> [--url <database-url>]
       qzpay-drizzle host-sql --dialect <dialect>   (SQL for a host's own drizzle-kit route)
       qzpay-drizzle --help | --version
  exit codes: 0 ok, 1 failure, 2 usage error, 3 status --check found pending or interrupted migrations,
              4 doctor found a failing check
  --url   postgres://user@host/db | mysql://user@host/db | sqlite:<path> | file:<path> | :memory:
          (default for demo: sqlite:./qzpay.sqlite)`;

function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.split('\n')[0] ?? error.name;
}

/** The package's own version: package.json sits one folder above both src/cli.ts and dist/cli.js. */
function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : 'unknown';
}

const COMMANDS = ['migrate', 'status', 'demo', 'host-sql', 'doctor'];

/** A usage error: what went wrong and the usage, both on stderr, exit code 2. */
function usageError(problem: string): number {
  console.error(`qzpay-drizzle: ${problem}\n${usage}`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        check: { type: 'boolean' },
        dialect: { type: 'string' },
      },
    });
  } catch (error) {
    return usageError(message(error));
  }
  const { positionals, values } = parsed;
  // Asked-for output goes to stdout with exit 0; anything else is a usage error.
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.version) {
    console.log(version());
    return 0;
  }
  const command = positionals[0];
  if (!command) return usageError('no command given');
  if (!COMMANDS.includes(command)) return usageError(`unknown command '${command}'`);
  if (positionals.length > 1) return usageError(`unexpected argument '${positionals[1] ?? ''}'`);
  if (values.check && command !== 'status') return usageError('--check applies to status only');
  if (command === 'host-sql') {
    const dialect = dialectNames.find((d) => d === values.dialect);
    if (!dialect) return usageError(`host-sql: --dialect must be one of ${dialectNames.join(', ')}`);
    process.stdout.write(hostMigrationSql(dialect));
    return 0;
  }
  const url = values.url ?? (command === 'demo' ? 'sqlite:./qzpay.sqlite' : undefined);
  if (!url) return usageError(`${command}: --url is required`);
  // `status` only reads: a mistyped SQLite path must not create an empty database file.
  const sqlitePath = /^(?:sqlite|file):(.+)$/.exec(url)?.[1];
  if ((command === 'status' || command === 'doctor') && sqlitePath && !existsSync(sqlitePath)) {
    console.error(`qzpay-drizzle ${command}: no database file at ${sqlitePath}`);
    return 1;
  }
  let connected: Connected | undefined;
  try {
    connected = await connect(url, { poolSize: 4 });
    if (command === 'doctor') {
      const checks = await doctor(connected.db, { url, prepare: parseDatabaseUrl(url).prepare ?? true });
      console.log(formatDoctor(checks));
      // Exit 4 when any check fails (warnings alone exit 0).
      return checks.some((c) => c.verdict === 'fail') ? 4 : 0;
    }
    if (command === 'status') {
      const status = await migrationStatus(connected.db);
      for (const m of status) {
        const detail = m.appliedAt
          ? `  ${m.appliedAt.toISOString()}`
          : m.state === 'partial'
            ? `  interrupted: ${m.nextStatement} of ${m.statements} statements done; migrate resumes at statement ${m.nextStatement}`
            : '';
        console.log(`${m.state.padEnd(7)}  ${m.tag}${detail}`);
      }
      const pending = status.filter((m) => !m.applied).length;
      console.log(`${connected.dialect}: ${status.length - pending} applied, ${pending} pending`);
      // --check: exit 3 when anything is pending or half-applied (for deploy scripts).
      return values.check && pending > 0 ? 3 : 0;
    }
    const applied = await migrate(connected.db, {
      onApplied: (tag) => console.log(`applied  ${tag}`),
      onAdopted: (tags) => console.log(`adopted  tables created by the host's migrations (${tags.length} migrations recorded as applied)`),
    });
    console.log(`${connected.dialect}: ${applied.length === 0 ? 'up to date' : `${applied.length} migration(s) applied`}`);
    if (command === 'demo') await runDemo(connected.storage, (line) => console.log(line));
    return 0;
  } catch (error) {
    console.error(`qzpay-drizzle ${command}: ${message(error)}`);
    return 1;
  } finally {
    await connected?.close().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`qzpay-drizzle: ${message(error)}`);
    process.exit(1);
  },
);
