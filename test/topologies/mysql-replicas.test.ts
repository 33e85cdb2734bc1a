/**
 * A MariaDB primary with an asynchronous GTID replica (scripts/topologies/mariadb-replica.sh) as a
 * Drizzle `withReplicas(primary, [replica])` database: contract methods read their own writes on
 * the primary while the replica lags, and doctor measures the replica's lag (issue 13 §3).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { withReplicas } from 'drizzle-orm/mysql-core';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQZPayDrizzleStorage } from '../../src/adapter/factory.js';
import { doctor } from '../../src/doctor/index.js';
import { migrate } from '../../src/migrate/index.js';
import { topologyEnv, withDatabase } from './topology.js';

const setDelay = async (seconds: number) => {
  const replica = await mysql.createConnection(topologyEnv('QZPAY_TOPO_MYSQL_REPLICA_URL'));
  try {
    await replica.query('stop slave');
    await replica.query(`change master to master_delay = ${seconds}`);
    await replica.query('start slave');
  } finally {
    await replica.end();
  }
};

describe('withReplicas(primary, [replica]) on MariaDB replication', () => {
  const name = `qzpay_topo_${randomBytes(6).toString('hex')}`;
  const pools: mysql.Pool[] = [];
  let db: MySql2Database & { $primary: MySql2Database };
  const replicaHas = async (query: string) => {
    const replica = await mysql.createConnection(withDatabase(topologyEnv('QZPAY_TOPO_MYSQL_REPLICA_URL'), name));
    try {
      const [rows] = await replica.query<mysql.RowDataPacket[]>({ sql: query, rowsAsArray: true });
      return Number((rows[0] as unknown[] | undefined)?.[0] ?? 0);
    } finally {
      await replica.end();
    }
  };

  beforeAll(async () => {
    const admin = await mysql.createConnection(topologyEnv('QZPAY_TOPO_MYSQL_PRIMARY_URL'));
    await admin.query(`create database ${name}`);
    await admin.end();
    const primary = mysql.createPool({ uri: withDatabase(topologyEnv('QZPAY_TOPO_MYSQL_PRIMARY_URL'), name), connectionLimit: 4 });
    const replica = mysql.createPool({ uri: withDatabase(topologyEnv('QZPAY_TOPO_MYSQL_REPLICA_URL'), name), connectionLimit: 2 });
    pools.push(primary, replica);
    db = withReplicas(drizzle({ client: primary }), [drizzle({ client: replica })]) as typeof db;
    await migrate(db.$primary);
    for (let i = 0; (await replicaHas('select count(*) from qzpay_drizzle_migrations').catch(() => 0)) === 0; i++) {
      if (i > 100) throw new Error('the replica did not apply the migrations');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await setDelay(0);
    for (const pool of pools) await pool.end();
    const admin = await mysql.createConnection(topologyEnv('QZPAY_TOPO_MYSQL_PRIMARY_URL'));
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  });

  const replicaCheck = async () => (await doctor(db)).find((c) => c.check === 'replica 1');

  it('doctor: a replica that has applied everything is ok', async () => {
    expect(await replicaCheck()).toEqual({ check: 'replica 1', verdict: 'ok', detail: 'caught up with the primary' });
  });

  it('with a 2 s replication delay: contract reads see their own writes, doctor warns, then ok once applied', async () => {
    // Binlog events carry whole-second timestamps, so MASTER_DELAY = 1 holds an event back for
    // anything between 0 and 1 s: written late in a second it was replayed within the doctor's
    // 500 ms (seen once in CI). With 2 s the event waits more than 1 s, whatever the moment.
    await setDelay(2);
    const storage = createQZPayDrizzleStorage(db);
    const customer = await storage.customers.create({ externalId: randomUUID(), email: 'lag@replica.io' });
    expect((await storage.customers.findById(customer.id))?.id).toBe(customer.id);
    expect(await replicaHas(`select count(*) from billing_customers where id = '${customer.id}'`)).toBe(0);
    const lagging = await replicaCheck();
    expect(lagging?.verdict).toBe('warn');
    expect(lagging?.detail).toMatch(/^behind the primary's GTID position [\d-]+, not replayed within 500 ms: lag-tolerant reads there are at least that stale$/);
    let check = lagging;
    for (let i = 0; i < 100 && check?.verdict !== 'ok'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      check = await replicaCheck();
    }
    expect(check?.verdict).toBe('ok');
    expect(await replicaHas(`select count(*) from billing_customers where id = '${customer.id}'`)).toBe(1);
  });
});
