/**
 * A 3-node MariaDB Galera cluster (scripts/topologies/galera.sh). GET_LOCK is local to one node,
 * so the migration lock must be one the cluster certifies; writes may go to any node, where a
 * conflicting commit on another node comes back as a certification failure (errno 1213).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedMigrations } from '../../src/migrate/shipped.js';
import { isoCurrencies } from '../../src/schema/seed/currencies.js';
import { freshGaleraDatabase, type FreshGaleraDatabase } from './topology.js';

const run = promisify(execFile);
const cli = (url: string) => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate', '--url', url], { timeout: 120_000 });

describe('Galera: migrate from three processes on three nodes at once', () => {
  const databases: FreshGaleraDatabase[] = [];
  afterEach(async () => {
    for (const d of databases.splice(0)) await d.drop();
  });

  for (const round of [1, 2, 3]) {
    it(`round ${round}: each migration applied exactly once, every process exits 0`, async () => {
      const database = await freshGaleraDatabase();
      databases.push(database);
      const outcomes = await Promise.allSettled(database.urls.map((url) => cli(url)));
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as { stderr?: unknown }).stderr ?? o.reason)] : []));
      expect(failures).toEqual([]);
      const [rows] = await database.sql.query({ sql: 'select tag, count(*) from qzpay_drizzle_migrations group by tag order by tag', rowsAsArray: true });
      expect((rows as unknown[][]).map((r) => [r[0], Number(r[1])])).toEqual(shippedMigrations('mysql').map((m) => [m.tag, 1]));
      expect(Number(await database.scalar('select count(*) from billing_currencies'))).toBe(isoCurrencies.length);
    });
  }
});
