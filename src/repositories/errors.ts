/** Turns a classified driver error into the library's typed errors, keeping the original as cause. */
import {
  QZPayConnectionError,
  QZPayForeignKeyError,
  QZPayStorageError,
  QZPayUniqueConstraintError,
} from '../contract/errors.js';
import type { DbErrorClass } from '../dialect/strategy.js';
import type { TableDescription } from '../schema/describe.js';

export function translateError(found: DbErrorClass | null, table: TableDescription, error: unknown): unknown {
  if (error instanceof QZPayStorageError) return error;
  switch (found?.kind) {
    case 'unique':
      return new QZPayUniqueConstraintError(
        table.name,
        found.constraint ?? (found.columns ? found.columns.join(',') : null),
        { cause: error },
      );
    case 'foreignKey':
      return new QZPayForeignKeyError(table.name, found.constraint, { cause: error });
    case 'connection':
      return new QZPayConnectionError(`connection lost while writing ${table.name}`, { cause: error });
    case 'timeout':
      return new QZPayConnectionError(`lock wait or statement timeout on ${table.name}`, { cause: error });
    default:
      return error;
  }
}
