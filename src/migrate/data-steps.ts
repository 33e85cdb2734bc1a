/**
 * Migration steps that change data by rules SQL cannot state the same way on every dialect.
 * Such a step is one statement of a hand-written migration, `select 'qzpay-drizzle data step:
 * <name>'`: a no-op where another tool runs the file, and here the migrator runs the named
 * step instead, on the migration's own connection and transaction (on MySQL its writes commit
 * with the progress record after them). Each step is idempotent, so a re-run after a crash
 * simply does it again.
 */
import type { Connection, Driver, TransactionConnection } from '../dialect/drivers/types.js';
import type { DialectStrategy } from '../dialect/strategy.js';
import { asc, eq, gt } from '../repositories/conditions.js';
import { Executor } from '../repositories/executor.js';
import { foldCase } from '../repositories/values.js';
import { StatementCache } from '../repositories/statements.js';
import { TableRepository } from '../repositories/table.js';
import { tableDescriptions } from '../schema/registry.js';
import { MigrationDataConflictError } from './errors.js';

type DataStep = (conn: TransactionConnection, strategy: DialectStrategy, dialect: Driver['dialect']) => Promise<void>;

const BATCH = 500;

/** Repositories over the migration's connection: the same statements and value codecs as the storage. */
function repositoriesOn(conn: Connection, strategy: DialectStrategy, dialect: Driver['dialect']) {
  const driver: Driver = {
    dialect,
    name: 'migration',
    root: conn,
    begin: () => Promise.reject(new Error('a migration data step runs inside the migration transaction')),
  };
  const ctx = { strategy, executor: new Executor(driver), statements: new StatementCache() };
  return {
    customers: new TableRepository(ctx, 'customers', tableDescriptions.customers),
    promoCodes: new TableRepository(ctx, 'promoCodes', tableDescriptions.promoCodes),
  };
}

/** Every row of a table, in id order, one batch at a time. */
async function eachBatch<R extends { id: string }>(find: (after: string | null) => Promise<R[]>, visit: (rows: R[]) => Promise<void>): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows = await find(after);
    if (rows.length === 0) return;
    await visit(rows);
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Migration 0005: the folded lookup keys (customers' email, promo codes' code) are recomputed
 * with full case folding (src/repositories/values.ts); rows whose key is unchanged are not
 * written. Two promo codes of one livemode that fold to the same key would break the unique
 * index: the step then stops with MigrationDataConflictError naming them before writing anything.
 */
export const refoldCase: DataStep = async (conn, strategy, dialect) => {
  const repos = repositoriesOn(conn, strategy, dialect);
  const page = (after: string | null) => (after === null ? [] : [gt('id', after)]);
  const byKey = new Map<string, string[]>();
  const codes: Array<{ id: string; folded: string }> = [];
  await eachBatch(
    (after) => repos.promoCodes.findMany(page(after), { orderBy: [asc('id')], limit: BATCH }),
    async (rows) => {
      for (const row of rows) {
        const folded = foldCase(row.code);
        const key = `${row.livemode}:${folded}`;
        byKey.set(key, [...(byKey.get(key) ?? []), row.code]);
        if (folded !== row.codeLower) codes.push({ id: row.id, folded });
      }
    },
  );
  const clashes = [...byKey.values()].filter((same) => same.length > 1);
  if (clashes.length > 0) throw new MigrationDataConflictError('0005_full_case_folding', clashes);
  for (const code of codes) await repos.promoCodes.update([eq('id', code.id)], { codeLower: code.folded });
  await eachBatch(
    (after) => repos.customers.findMany(page(after), { orderBy: [asc('id')], limit: BATCH }),
    async (rows) => {
      for (const row of rows) {
        const folded = foldCase(row.email);
        // The version is written unchanged: re-folding a key is not an edit a lock holder must see.
        if (folded !== row.emailLower) await repos.customers.update([eq('id', row.id)], { emailLower: folded, version: row.version });
      }
    },
  );
};

const steps: Record<string, DataStep> = { refold_case: refoldCase };

const marker = /^\s*select\s+'qzpay-drizzle data step: ([a-z_]+)'\s*;?\s*$/i;

/** The data step a migration statement names, or undefined for plain SQL. */
export function dataStepOf(statement: string): DataStep | undefined {
  const name = marker.exec(statement)?.[1];
  if (name === undefined) return undefined;
  const step = steps[name];
  if (!step) throw new Error(`migration names an unknown data step '${name}' (a newer qzpay-drizzle wrote it?)`);
  return step;
}
