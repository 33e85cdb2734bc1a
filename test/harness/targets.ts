/**
 * The test matrix: which databases a run covers. SQLite (better-sqlite3 in memory) always;
 * PostgreSQL and MySQL when QZPAY_TEST_PG_URL / QZPAY_TEST_MYSQL_URL name a server (else, when a
 * Docker engine answers, testcontainers starts one in global setup). Without a PostgreSQL server
 * the PostgreSQL dialect still runs, on PGlite (an embedded PostgreSQL in the test process), so
 * a fresh machine covers two dialects; QZPAY_TEST_PGLITE=1 adds PGlite beside a server too.
 * Missing ones are reported loudly, and QZPAY_TEST_REQUIRE=sqlite,pg,mysql (set by CI) turns a
 * missing one into a failure (PGlite does not stand in for a required PostgreSQL server).
 */
import type { DialectName } from '../../src/dialect/index.js';

export interface Target {
  readonly name: DialectName;
  /** What test titles show: the dialect, or `pglite` for the embedded PostgreSQL. */
  readonly label?: string;
  /** Server URL without a database path (a fresh database is created per test file); null in process. */
  readonly serverUrl: string | null;
  /** In process only: the URL scheme of a database of this target (`sqlite:` or `pglite:`). */
  readonly embedded?: 'sqlite' | 'pglite';
}

export function availableTargets(): Target[] {
  const targets: Target[] = [{ name: 'sqlite', label: 'sqlite', serverUrl: null, embedded: 'sqlite' }];
  const pg = process.env['QZPAY_TEST_PG_URL'];
  const mysql = process.env['QZPAY_TEST_MYSQL_URL'];
  if (pg) targets.push({ name: 'pg', label: 'pg', serverUrl: pg });
  if (!pg || process.env['QZPAY_TEST_PGLITE'] === '1') targets.push({ name: 'pg', label: 'pglite', serverUrl: null, embedded: 'pglite' });
  if (mysql) targets.push({ name: 'mysql', label: 'mysql', serverUrl: mysql });
  return targets;
}

/** Dialects without a server in this run (PGlite runs the PostgreSQL suites, but is no server). */
export function missingTargets(): DialectName[] {
  const have = new Set(availableTargets().filter((t) => t.serverUrl !== null || t.name === 'sqlite').map((t) => t.name));
  return (['sqlite', 'pg', 'mysql'] as const).filter((d) => !have.has(d));
}

export function requiredTargets(): DialectName[] {
  return (process.env['QZPAY_TEST_REQUIRE'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is DialectName => s === 'sqlite' || s === 'pg' || s === 'mysql');
}

/** The target of a dialect's server in this run (not PGlite), for suites that open their own clients. */
export function serverTarget(name: DialectName): Target | undefined {
  return availableTargets().find((t) => t.name === name && t.serverUrl !== null);
}
