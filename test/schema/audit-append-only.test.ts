/**
 * Issue 12 §6: what keeps `billing_audit_logs` append-only on each dialect, and what does not.
 * - Triggers (every dialect): UPDATE, DELETE and each dialect's upsert/replace over an existing id.
 * - SQLite `INSERT OR REPLACE` / `REPLACE INTO`: refused by the 0004 BEFORE INSERT trigger (the
 *   DELETE trigger does not fire for REPLACE's implicit delete unless recursive_triggers is on).
 * - TRUNCATE: PostgreSQL's statement trigger refuses it; MariaDB fires no trigger for it, so an
 *   account with the DROP privilege can empty the table, and an application account granted
 *   SELECT, INSERT, UPDATE, DELETE only (README "Audit log privileges") cannot, yet runs the
 *   library normally. On PostgreSQL a non-owner role likewise cannot DROP the table.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { connect } from '../../src/connect.js';
import { QZPayUniqueConstraintError } from '../../src/contract/errors.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { forEachDialect, needsServer } from '../harness/index.js';

forEachDialect('audit log append-only', (ctx, target) => {
  const placeholder = (i: number) => (ctx().dialect === 'pg' ? `$${i}` : '?');
  const actionOf = async (id: string) => ctx().query(`select action from billing_audit_logs where id = ${placeholder(1)}`, [id]);
  const append = (id?: string) =>
    ctx().storage.auditLogs.append({ ...(id ? { id } : {}), entityType: 'invoice', entityId: randomUUID(), action: 'created' });
  /** Column list and values of a full audit row with the given id, as raw SQL. */
  const rowSql = (id: string) => {
    const bool = ctx().dialect === 'pg' ? 'true' : '1';
    const at = ctx().dialect === 'sqlite' ? '0' : `'2030-01-01 00:00:00'`;
    return {
      columns: '(id, entity_type, entity_id, action, livemode, created_at)',
      values: `('${id}', 'invoice', 'forged', 'rewritten', ${bool}, ${at})`,
    };
  };

  it('appending an id that exists is the same typed unique error everywhere, and changes nothing', async () => {
    const id = randomUUID();
    await append(id);
    const before = await ctx().count('billing_audit_logs');
    await expect(append(id)).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect(await ctx().count('billing_audit_logs')).toBe(before);
    expect(await actionOf(id)).toEqual([['created']]);
  });

  it('UPDATE, DELETE and every upsert / replace form over an existing id are refused; the row is unchanged', async () => {
    const { dialect, exec, count } = ctx();
    const log = await append();
    const { columns, values } = rowSql(log.id);
    const forms = [
      `UPDATE billing_audit_logs SET action = 'x' WHERE id = '${log.id}'`,
      `DELETE FROM billing_audit_logs WHERE id = '${log.id}'`,
      `DELETE FROM billing_audit_logs`,
      ...(dialect === 'sqlite'
        ? [
            `INSERT OR REPLACE INTO billing_audit_logs ${columns} VALUES ${values}`,
            `REPLACE INTO billing_audit_logs ${columns} VALUES ${values}`,
            `INSERT INTO billing_audit_logs ${columns} VALUES ${values} ON CONFLICT (id) DO UPDATE SET action = excluded.action`,
            `INSERT OR IGNORE INTO billing_audit_logs ${columns} VALUES ${values}`,
          ]
        : dialect === 'pg'
          ? [`INSERT INTO billing_audit_logs ${columns} VALUES ${values} ON CONFLICT (id) DO UPDATE SET action = excluded.action`]
          : [
              `REPLACE INTO billing_audit_logs ${columns} VALUES ${values}`,
              `INSERT INTO billing_audit_logs ${columns} VALUES ${values} ON DUPLICATE KEY UPDATE action = VALUES(action)`,
            ]),
    ];
    const before = await count('billing_audit_logs');
    for (const statement of forms) await expect(exec(statement), statement).rejects.toThrow(/append-only/);
    expect(await count('billing_audit_logs')).toBe(before);
    expect(await actionOf(log.id)).toEqual([['created']]);
    expect(await ctx().storage.auditLogs.findByEntity('invoice', log.entityId)).toEqual([log]);
  });

  it('SQLite: REPLACE is refused even with recursive_triggers on (both triggers then fire)', async () => {
    if (ctx().dialect !== 'sqlite') return;
    const log = await append();
    const { columns, values } = rowSql(log.id);
    await ctx().exec('PRAGMA recursive_triggers = ON');
    try {
      await expect(ctx().exec(`INSERT OR REPLACE INTO billing_audit_logs ${columns} VALUES ${values}`)).rejects.toThrow(/append-only/);
    } finally {
      await ctx().exec('PRAGMA recursive_triggers = OFF');
    }
    expect(await actionOf(log.id)).toEqual([['created']]);
  });

  // The role part logs in as another role: a server, not PGlite's one in-process session.
  it.skipIf(needsServer(target))('PostgreSQL: TRUNCATE is refused; a role that is not the owner cannot DROP the table', async () => {
    const { dialect, exec, count, db } = ctx();
    if (dialect !== 'pg') return;
    await append();
    const before = await count('billing_audit_logs');
    await expect(exec('TRUNCATE billing_audit_logs')).rejects.toThrow(/append-only/);
    const role = `qzpay_app_${randomBytes(5).toString('hex')}`;
    await exec(`CREATE ROLE ${role} LOGIN`);
    try {
      await exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
      const url = new URL(db.url);
      url.username = role;
      const app = await connect(url.toString(), { poolSize: 1 });
      try {
        const appRoot = resolveDatabase(app.db).driver.root;
        await expect(appRoot.control('DROP TABLE billing_audit_logs')).rejects.toThrow(/must be owner/);
        await expect(appRoot.control('TRUNCATE billing_audit_logs')).rejects.toThrow(/permission denied/);
        // The library itself works under that role.
        const log = await app.storage.auditLogs.append({ entityType: 'invoice', entityId: 'app-role', action: 'created' });
        expect((await app.storage.auditLogs.findByEntity('invoice', 'app-role')).map((l) => l.id)).toEqual([log.id]);
      } finally {
        await app.close();
      }
    } finally {
      await exec(`REASSIGN OWNED BY ${role} TO CURRENT_USER`);
      await exec(`DROP OWNED BY ${role}`);
      await exec(`DROP ROLE ${role}`);
    }
    expect(await count('billing_audit_logs')).toBe(before + 1);
  });

  it('MariaDB: no trigger stops TRUNCATE, the DROP privilege does — an app account without it cannot empty the table', async () => {
    const { dialect, exec, count, db } = ctx();
    if (dialect !== 'mysql') return;
    await append();
    const before = await count('billing_audit_logs');
    expect(before).toBeGreaterThan(0);
    const user = `qzpay_app_${randomBytes(5).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const database = new URL(db.url).pathname.slice(1);
    await exec(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    try {
      await exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${database}\`.* TO '${user}'@'%'`);
      const url = new URL(db.url);
      url.username = user;
      url.password = password;
      const app = await connect(url.toString(), { poolSize: 1 });
      try {
        const appRoot = resolveDatabase(app.db).driver.root;
        await expect(appRoot.control('TRUNCATE TABLE billing_audit_logs')).rejects.toThrow(/DROP command denied/);
        await expect(appRoot.control('DROP TABLE billing_audit_logs')).rejects.toThrow(/DROP command denied/);
        await expect(appRoot.control('DROP TRIGGER billing_audit_logs_no_delete')).rejects.toThrow(/denied/);
        await expect(appRoot.control(`DELETE FROM billing_audit_logs`)).rejects.toThrow(/append-only/);
        const log = await app.storage.auditLogs.append({ entityType: 'invoice', entityId: 'app-user', action: 'created' });
        expect((await app.storage.auditLogs.findByEntity('invoice', 'app-user')).map((l) => l.id)).toEqual([log.id]);
      } finally {
        await app.close();
      }
      expect(await count('billing_audit_logs')).toBe(before + 1);
      // What the privilege setup is for: an account holding DROP (here the migrating root) empties it.
      await exec('TRUNCATE TABLE billing_audit_logs');
      expect(await count('billing_audit_logs')).toBe(0);
    } finally {
      await exec(`DROP USER '${user}'@'%'`);
    }
  });
});
