/** postgres.js: pooled; a transaction reserves one connection and issues BEGIN itself. */
import { QZPayLockTimeoutError } from '../../contract/errors.js';
import { StatementNotSentError } from '../errors.js';
import { openTransaction, waitLimited } from './transaction.js';
import { loadPeer } from './peer.js';
import type { Connection, Driver, DriverModule, DriverSettings, OpenedDatabase, OpenSettings, TransactionConnection } from './types.js';

interface PgJsResult extends Array<unknown> {
  count: number;
}
interface PgJsQuery extends Promise<PgJsResult> {
  values(): Promise<PgJsResult>;
}
/** postgres.js's internal connection, as handed to a query's `onexecute` option (the hook its own `begin` uses). */
interface PgJsInternalConnection {
  onclose: ((error: unknown) => void) | null;
  /** Closes the socket at once; the pool reopens the connection on demand. */
  terminate(): void;
}
interface PgJsQueryOptions {
  prepare?: boolean;
  onexecute?: (connection: PgJsInternalConnection) => boolean;
}
export interface PostgresJsClient {
  unsafe(query: string, params?: unknown[], options?: PgJsQueryOptions): PgJsQuery;
  reserve(): Promise<ReservedClient>;
  end(options?: { timeout?: number }): Promise<void>;
}

function connection(client: PostgresJsClient, settings: DriverSettings): Connection {
  return {
    // Named server-side prepared statements: the text is stable per statement shape. Without
    // them (`prepare: false`, or a shape outside the prepared set) postgres.js parses the
    // statement unnamed, in the same round trip, and keeps nothing of it.
    all: async (sql, params, options) =>
      (await client.unsafe(sql, params as unknown[], { prepare: settings.prepare && options?.unprepared !== true }).values()) as unknown as unknown[][],
    run: async (sql, params, options) => (await client.unsafe(sql, params as unknown[], { prepare: settings.prepare && options?.unprepared !== true })).count,
    control: async (sql) => {
      await client.unsafe(sql);
    },
  };
}

/** Shaped like postgres.js's own error, so the pg strategy classifies it as a lost connection. */
function connectionClosed(): Error {
  return Object.assign(new Error("connection closed: the transaction's session ended"), { code: 'CONNECTION_CLOSED' });
}

type ReservedClient = PostgresJsClient & { release(): void };

/** How long a reserve() request may stay unanswered before it is asked again. */
const RESERVE_RETRY_MS = 250;

/**
 * `reserve()`, asked again while unanswered. postgres.js 3.4.x loses a queued reserve request
 * when a connection closes and is reopened for it: the reopened connection drops the request
 * (it nulls it before fetching array types) and nothing ever settles it. A repeated request
 * queues again; the first connection granted is used and any later one released at once.
 */
function reserveConnection(client: PostgresJsClient): Promise<ReservedClient> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const ask = (): void => {
      client.reserve().then(
        (reserved) => {
          if (settled) return reserved.release();
          settled = true;
          clearInterval(timer);
          resolve(reserved);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearInterval(timer);
          reject(error);
        },
      );
    };
    const timer = setInterval(ask, RESERVE_RETRY_MS);
    ask();
  });
}

function wrap(rawClient: unknown, settings: DriverSettings): Driver {
  const client = rawClient as PostgresJsClient;
  return {
    dialect: 'pg',
    name: 'postgres-js',
    root: connection(client, settings),
    async begin(maxWaitMs): Promise<TransactionConnection> {
      const reserved = await waitLimited(reserveConnection(client), maxWaitMs, (late) => late.release());
      // postgres.js 3.4.x does not settle a statement on a reserved connection whose server
      // session has ended: one issued afterwards writes to a null socket from setImmediate (an
      // uncaught TypeError, porsager/postgres#1208), and one in flight when the socket resets is
      // never rejected. `release()` would also put the dead connection back in the pool. So the
      // transaction watches its connection's close (the hook postgres.js's own `begin` uses),
      // rejects what is in flight and refuses further statements.
      let lost: Error | null = null;
      let internalConnection: PgJsInternalConnection | null = null;
      const inFlight = new Set<(error: Error) => void>();
      const watched = <T>(run: () => Promise<T>): Promise<T> => {
        if (lost) return Promise.reject(new StatementNotSentError(lost));
        return new Promise<T>((resolve, reject) => {
          inFlight.add(reject);
          run().then(resolve, reject).finally(() => inFlight.delete(reject));
        });
      };
      const raw = connection(reserved, settings);
      return openTransaction(
        {
          conn: {
            all: (sql, params) => watched(() => raw.all(sql, params)),
            run: (sql, params) => watched(() => raw.run(sql, params)),
            control: (sql) => watched(() => raw.control(sql)),
          },
          // A closed connection is already back in postgres.js's `closed` queue (it reconnects it
          // on demand); releasing it would also put it in the `open` queue.
          giveBack: () => {
            if (!lost) reserved.release();
          },
          // A transaction past its time limit with a statement still running: close the socket
          // (the server rolls back); `onclose` then marks it lost and the pool reopens it.
          destroy: () => {
            if (!lost) internalConnection?.terminate();
          },
        },
        { begin: 'begin', commit: 'commit', rollback: 'rollback' },
        async () => {
          const begun = reserved.unsafe('begin', [], {
            onexecute: (internal) => {
              internalConnection = internal;
              internal.onclose = () => {
                lost = connectionClosed();
                for (const reject of inFlight) reject(lost);
                inFlight.clear();
              };
              return true;
            },
          });
          // postgres.js 3.4.x can leave this BEGIN unsettled when the reserved connection's session
          // ends around it (measured under a session-kill storm): bounded like the wait for the
          // connection. Nothing else was sent, so the call wrote nothing. The connection is not
          // given back now; a BEGIN that still succeeds later is rolled back and released then.
          await waitLimited(Promise.resolve(begun), maxWaitMs, () => {
            void Promise.resolve(reserved.unsafe('rollback')).then(() => reserved.release(), () => undefined);
          }).catch((error: unknown) => {
            if (error instanceof QZPayLockTimeoutError) lost ??= connectionClosed();
            throw error;
          });
        },
      );
    },
  };
}

/** `postgres://` in `connect()`: a postgres.js pool with a connect timeout and notices muted. */
async function open(target: string, settings: OpenSettings): Promise<OpenedDatabase> {
  const { default: postgres } = await loadPeer<{ default: typeof import('postgres') }>('postgres');
  const { drizzle } = await loadPeer<typeof import('drizzle-orm/postgres-js')>('drizzle-orm/postgres-js');
  // fetch_types stays on although postgres.js 3.4.9 fetches array types on each new connection
  // without catching a failure (a session ended during that fetch is an unhandled rejection):
  // with it off, a connection that reserve() opens is never announced as ready and stays out of
  // the pool (measured: 5 concurrent reserves on a pool of 5 ran one at a time, 2.5 s vs 0.7 s).
  // Time limits per session, as startup parameters of every connection (0: none). A limit the
  // URL already sets (`?options=-c lock_timeout=200`) is the user's: a startup parameter of ours
  // would override it. (A regex, not URL: multi-host failover URLs do not parse as one URL.)
  const fromUrl = (name: string) => new RegExp(`[?&]options=[^&]*${name}`).test(decodeURIComponent(target));
  const connection = {
    ...(fromUrl('statement_timeout') ? {} : { statement_timeout: settings.statementTimeoutMs }),
    ...(fromUrl('lock_timeout') ? {} : { lock_timeout: settings.lockTimeoutMs }),
  };
  const make = (startup: Record<string, number>) =>
    postgres(target, { max: settings.poolSize, onnotice: () => undefined, connect_timeout: 10, prepare: settings.prepare, connection: startup });
  let client = make(connection);
  if (Object.keys(connection).length > 0) {
    try {
      await client`select 1`;
    } catch (error) {
      // PgBouncer refuses startup parameters it does not know (unless its ignore_startup_parameters
      // lists them). A per-session SET would not survive its transaction pooling either, so the
      // session limits are left to PgBouncer (query_timeout) and the server (role settings); the
      // library's own transactionTimeoutMs and maxWaitMs still apply.
      // Any other failure is left to the caller's ping, which reports an unreachable server.
      if (/unsupported startup parameter/i.test(error instanceof Error ? error.message : String(error))) {
        await client.end({ timeout: 1 }).catch(() => undefined);
        client = make({});
      }
    }
  }
  const opened = client;
  return { db: drizzle(opened), close: () => opened.end({ timeout: 5 }) };
}

export const postgresJs: DriverModule = { name: 'postgres-js', dialect: 'pg', sessionKind: 'PostgresJsSession', wrap, open };
