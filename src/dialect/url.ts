/**
 * Which dialect a database URL names: the URL schemes are the dialect layer's knowledge, so
 * `connect()` and the CLI ask here instead of matching schemes themselves.
 */
import { QZPayValidationError } from '../contract/errors.js';
import type { DialectName } from './drivers/types.js';

export interface ParsedUrl {
  readonly dialect: DialectName;
  /** Server URL, or the SQLite file path (`:memory:` for an in-memory database). */
  readonly target: string;
  /** `?prepare=false` (or `true`) on a PostgreSQL URL; removed from `target`. */
  readonly prepare?: boolean;
  /** The driver module to open it with, where it is not the dialect's default (`pglite:`). */
  readonly driver?: 'pglite';
}

/**
 * Takes `prepare` out of a PostgreSQL URL's query: it is this library's setting, and a driver
 * handed an unknown parameter may send it to the server as a run-time setting.
 */
function postgresUrl(url: string): ParsedUrl {
  const query = url.indexOf('?');
  if (query < 0) return { dialect: 'pg', target: url };
  const params = new URLSearchParams(url.slice(query + 1));
  const value = params.get('prepare');
  if (value === null) return { dialect: 'pg', target: url };
  if (value !== 'true' && value !== 'false') {
    throw new QZPayValidationError('url', `prepare must be true or false in a database URL, not "${value}"`);
  }
  params.delete('prepare');
  const rest = params.toString();
  return { dialect: 'pg', target: url.slice(0, query) + (rest ? `?${rest}` : ''), prepare: value === 'true' };
}

/**
 * `postgres://`, `postgresql://`, `mysql://`, `sqlite:<path>`, `file:<path>`, `:memory:`, and
 * `pglite:<data directory>` / `pglite:memory:` (an embedded PostgreSQL, no server needed).
 */
export function parseDatabaseUrl(url: string): ParsedUrl {
  if (/^postgres(ql)?:\/\//i.test(url)) return postgresUrl(url);
  const embedded = /^pglite:(.+)$/i.exec(url);
  if (embedded?.[1]) {
    // A data directory is a path, not a server: a query string would silently become part of it.
    if (embedded[1].includes('?')) throw new QZPayValidationError('url', 'a pglite: URL takes no query string (session options apply to server connections only)');
    return { dialect: 'pg', target: embedded[1], driver: 'pglite' };
  }
  if (/^(mysql|mariadb):\/\//i.test(url)) return { dialect: 'mysql', target: url.replace(/^mariadb:/i, 'mysql:') };
  if (url === ':memory:') return { dialect: 'sqlite', target: ':memory:' };
  const file = /^(sqlite|file):(\/\/)?(.+)$/i.exec(url);
  if (file?.[3]) return { dialect: 'sqlite', target: file[3] };
  throw new QZPayValidationError('url', `unsupported database URL scheme in "${url.split(':')[0] ?? url}:" (use postgres://, mysql://, sqlite:<path>, :memory: or pglite:<dir>)`);
}
