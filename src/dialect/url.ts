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
}

/** `postgres://`, `postgresql://`, `mysql://`, `sqlite:<path>`, `file:<path>`, `:memory:`. */
export function parseDatabaseUrl(url: string): ParsedUrl {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'pg', target: url };
  if (/^(mysql|mariadb):\/\//i.test(url)) return { dialect: 'mysql', target: url.replace(/^mariadb:/i, 'mysql:') };
  if (url === ':memory:') return { dialect: 'sqlite', target: ':memory:' };
  const file = /^(sqlite|file):(\/\/)?(.+)$/i.exec(url);
  if (file?.[3]) return { dialect: 'sqlite', target: file[3] };
  throw new QZPayValidationError('url', `unsupported database URL scheme in "${url.split(':')[0] ?? url}:" (use postgres://, mysql://, sqlite:<path> or :memory:)`);
}
