/** Direct access to the library's table repositories for schema-level tests (no hand-written SQL). */
import { createRepositories, type Repositories } from '../../src/adapter/env.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { Executor } from '../../src/repositories/executor.js';
import { StatementCache } from '../../src/repositories/statements.js';

export function repositoriesFor(db: unknown): Repositories {
  const { driver, strategy } = resolveDatabase(db);
  return createRepositories({ strategy, executor: new Executor(driver), statements: new StatementCache() });
}
