/** node-postgres: a Pool hands one client to each transaction; a lone Client uses the mutex. */
import { StatementNotSentError } from '../errors.js';
import { singleConnectionDriver } from './single-connection.js';
import { openTransaction, waitLimited } from './transaction.js';
import type { Connection, Driver, DriverModule, DriverSettings, StatementOptions, TransactionConnection } from './types.js';

interface PgQueryConfig {
  text: string;
  values: unknown[];
  rowMode: 'array';
  name?: string;
}
interface PgQueryable {
  query(config: PgQueryConfig): Promise<{ rows: unknown[][]; rowCount: number | null }>;
}
interface PgPooledClient extends PgQueryable {
  release(destroy?: boolean | Error): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}
export interface NodePgPool extends PgQueryable {
  connect(): Promise<PgPooledClient>;
  connect(callback: (error: Error | undefined, client: PgPooledClient | undefined) => void): void;
  end(): Promise<void>;
  totalCount: number;
}
export type NodePgClient = PgQueryable & { end(): Promise<void> };

// Named statements are prepared once per pooled connection and reused by name afterwards.
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `qzpay_${names.size}`;
    names.set(sql, name);
  }
  return name;
}

function connection(client: PgQueryable, settings: DriverSettings): Connection {
  // Without a name (`prepare: false`, or a shape outside the prepared set) node-postgres parses
  // the statement unnamed on each call and keeps nothing of it.
  const query = (sql: string, params: readonly unknown[], options: StatementOptions | undefined) =>
    client.query(
      settings.prepare && options?.unprepared !== true
        ? { text: sql, values: params as unknown[], rowMode: 'array', name: statementName(sql) }
        : { text: sql, values: params as unknown[], rowMode: 'array' },
    );
  return {
    all: async (sql, params, options) => (await query(sql, params, options)).rows,
    run: async (sql, params, options) => (await query(sql, params, options)).rowCount ?? 0,
    control: async (sql) => {
      await client.query({ text: sql, values: [], rowMode: 'array' });
    },
  };
}

function isNodePgPool(client: unknown): client is NodePgPool {
  return typeof client === 'object' && client !== null && 'totalCount' in client && 'connect' in client;
}

function wrap(rawClient: unknown, settings: DriverSettings): Driver {
  const client = rawClient as NodePgPool | NodePgClient;
  if (!isNodePgPool(client)) return singleConnectionDriver('pg', 'node-postgres', connection(client, settings));
  return {
    dialect: 'pg',
    name: 'node-postgres',
    root: connection(client, settings),
    async begin(maxWaitMs): Promise<TransactionConnection> {
      // A checked-out client reports a lost connection as an 'error' event on itself, which
      // with no listener is an uncaught exception; afterwards every query fails with a generic
      // "not queryable" error. Keep the first error: later statements reject with it instead.
      let lost: Error | null = null;
      const onError = (error: Error): void => {
        lost ??= error;
      };
      // The callback form: the pool calls it in the same tick it takes its own idle listener off
      // the client, so an 'error' parsed right after (same socket chunk) finds this listener. The
      // promise form resolves a microtask later, and an error in between is uncaught.
      const checkout = new Promise<PgPooledClient>((resolve, reject) => {
        client.connect((error, checkedOut) => {
          if (error || !checkedOut) return reject(error ?? new Error('node-postgres pool returned no client'));
          checkedOut.on('error', onError);
          resolve(checkedOut);
        });
      });
      const pooled = await waitLimited(checkout, maxWaitMs, (late) => {
        late.removeListener('error', onError);
        late.release();
      });
      const raw = connection(pooled, settings);
      return openTransaction({
        conn: {
          all: (sql, params) => (lost ? Promise.reject(new StatementNotSentError(lost)) : raw.all(sql, params)),
          run: (sql, params) => (lost ? Promise.reject(new StatementNotSentError(lost)) : raw.run(sql, params)),
          control: (sql) => (lost ? Promise.reject(new StatementNotSentError(lost)) : raw.control(sql)),
        },
        giveBack: (failed) => {
          // A client whose BEGIN/COMMIT/ROLLBACK failed is broken: destroy it instead of reusing
          // it. A broken client keeps the listener: it may still report its end after being destroyed.
          const broken = failed || lost !== null;
          if (!broken) pooled.removeListener('error', onError);
          pooled.release(broken ? true : undefined);
        },
        // Past the time limit with a statement running: end the client (the server rolls back).
        // It keeps the listener: the end of its socket may still be reported as an error.
        destroy: () => pooled.release(true),
      });
    },
  };
}

export const nodePostgres: DriverModule = { name: 'node-postgres', dialect: 'pg', sessionKind: 'NodePgSession', wrap };
