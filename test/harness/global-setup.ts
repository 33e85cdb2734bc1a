/**
 * Runs once per `vitest run`: starts containers for servers without a URL when Docker answers,
 * then prints the matrix. A required target that is missing fails the run before any test.
 */
import { existsSync } from 'node:fs';
import { coverageFloor } from './coverage-floor.js';
import { missingTargets, requiredTargets } from './targets.js';

type Stop = () => Promise<void>;

async function startContainer(dialect: 'pg' | 'mysql'): Promise<Stop | null> {
  if (!existsSync('/var/run/docker.sock') && !process.env['DOCKER_HOST']) return null;
  try {
    const { GenericContainer, Wait } = await import('testcontainers');
    if (dialect === 'pg') {
      const c = await new GenericContainer('postgres:15')
        .withEnvironment({ POSTGRES_PASSWORD: 'test', POSTGRES_DB: 'test' })
        .withExposedPorts(5432)
        .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
        .start();
      process.env['QZPAY_TEST_PG_URL'] = `postgres://postgres:test@${c.getHost()}:${c.getMappedPort(5432)}/test`;
      return async () => void (await c.stop());
    }
    const c = await new GenericContainer('mariadb:10.11')
      .withEnvironment({ MARIADB_ROOT_PASSWORD: 'test', MARIADB_DATABASE: 'test' })
      .withExposedPorts(3306)
      .withWaitStrategy(Wait.forLogMessage(/ready for connections/, 2))
      .start();
    process.env['QZPAY_TEST_MYSQL_URL'] = `mysql://root:test@${c.getHost()}:${c.getMappedPort(3306)}/test`;
    return async () => void (await c.stop());
  } catch (error) {
    console.warn(`[qzpay] could not start a ${dialect} container: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  // Read before any container sets a URL: vitest.config.ts read the same environment.
  const floor = coverageFloor();
  const stops: Stop[] = [];
  for (const dialect of missingTargets()) {
    if (dialect === 'sqlite') continue;
    const stop = await startContainer(dialect);
    if (stop) stops.push(stop);
  }
  const missing = missingTargets();
  const banner = missing.length === 0
    ? '[qzpay] test targets: sqlite, pg, mysql'
    : `\n${'!'.repeat(72)}\n[qzpay] SKIPPED DIALECTS: ${missing.join(', ')} (set QZPAY_TEST_PG_URL / QZPAY_TEST_MYSQL_URL)\n${'!'.repeat(72)}\n`;
  console.log(banner);
  if (floor.lines < 90) console.log(`[qzpay] coverage floor lowered to lines ${floor.lines} %, branches ${floor.branches} % (${floor.reason})`);
  if (missing.includes('pg')) {
    console.log('[qzpay] pg runs on PGlite (embedded PostgreSQL, one session in this process): the cases that need a server are listed as skipped\n');
  }
  const required = requiredTargets().filter((d) => missing.includes(d));
  if (required.length > 0) throw new Error(`required test targets unavailable: ${required.join(', ')}`);
  return async () => {
    for (const stop of stops) await stop();
  };
}
