/**
 * The test matrix: which databases a run covers. SQLite (better-sqlite3 in memory) always;
 * PostgreSQL and MySQL when QZPAY_TEST_PG_URL / QZPAY_TEST_MYSQL_URL name a server (else, when a
 * Docker engine answers, testcontainers starts one in global setup). Missing ones are reported
 * loudly, and QZPAY_TEST_REQUIRE=sqlite,pg,mysql (set by CI) turns a missing one into a failure.
 */
import type { DialectName } from '../../src/dialect/index.js';

export interface Target {
  readonly name: DialectName;
  /** Server URL without a database path (a fresh database is created per test file). */
  readonly serverUrl: string | null;
}

export function availableTargets(): Target[] {
  const targets: Target[] = [{ name: 'sqlite', serverUrl: null }];
  const pg = process.env['QZPAY_TEST_PG_URL'];
  const mysql = process.env['QZPAY_TEST_MYSQL_URL'];
  if (pg) targets.push({ name: 'pg', serverUrl: pg });
  if (mysql) targets.push({ name: 'mysql', serverUrl: mysql });
  return targets;
}

export function missingTargets(): DialectName[] {
  const have = new Set(availableTargets().map((t) => t.name));
  return (['sqlite', 'pg', 'mysql'] as const).filter((d) => !have.has(d));
}

export function requiredTargets(): DialectName[] {
  return (process.env['QZPAY_TEST_REQUIRE'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is DialectName => s === 'sqlite' || s === 'pg' || s === 'mysql');
}
