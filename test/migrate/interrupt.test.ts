/**
 * §1: an interrupted migration can always be finished. For every statement of every migration
 * and both sides of it, a run is aborted there by fault injection (the hook throws, so the
 * transaction rolls back while MySQL's auto-committed DDL stays), `status` must show what the
 * next run does, a re-run must complete, and the catalogue must equal a fresh migration's.
 */
import { it, expect } from 'vitest';
import { connect } from '../../src/connect.js';
import { resolveDatabase } from '../../src/dialect/index.js';
import { migrate, migrationStatus, type StatementPhase } from '../../src/migrate/index.js';
import { migrationsFolder } from '../../src/migrate/folders.js';
import { readMigrations } from '../../src/migrate/migrator.js';
import { createEmptyDatabase } from '../harness/database.js';
import { listTables } from '../harness/catalog.js';
import { forEachDialect } from '../harness/index.js';
import { dumpCatalog } from './catalog.js';

class Injected extends Error {}

forEachDialect('interrupted migrations', (ctx) => {
  it('resume after an interruption at every statement boundary and equal a fresh migration', async () => {
    const { dialect, db, target } = ctx();
    const fresh = await dumpCatalog(dialect, db.driver);
    const files = readMigrations(migrationsFolder(dialect));
    // One database per dialect, emptied between cases by dropping what the migrations created.
    const empty = await createEmptyDatabase(target);
    const conn = await connect(empty.url, { poolSize: 1 });
    const driver = resolveDatabase(conn.db).driver;
    const reset = async (c: typeof conn) => {
      const tables = await listTables(dialect, driver);
      if (tables.length === 0) return;
      if (dialect === 'pg') {
        await driver.root.control('drop schema public cascade');
        await driver.root.control('create schema public');
      } else if (dialect === 'mysql') {
        await driver.root.control('set foreign_key_checks = 0');
        await driver.root.control(`drop table ${tables.map((t) => `\`${t}\``).join(', ')}`);
        await driver.root.control('set foreign_key_checks = 1');
      } else {
        await driver.root.control('pragma foreign_keys = off');
        for (const t of tables) await driver.root.control(`drop table "${t}"`);
        await driver.root.control('pragma foreign_keys = on');
      }
      void c;
    };
    const started = Date.now();
    let cases = 0;
    for (const file of files) {
      for (let index = 0; index < file.statements.length; index++) {
        for (const phase of ['before', 'after'] as StatementPhase[]) {
          await reset(conn);
          try {
            const hook = (tag: string, i: number, p: StatementPhase) => {
              if (tag === file.tag && i === index && p === phase) throw new Injected(`${tag}#${i}:${p}`);
            };
            await expect(migrate(conn.db, { onStatement: hook })).rejects.toBeInstanceOf(Injected);
            const status = await migrationStatus(conn.db);
            // Transactional DDL rolls the whole run back; MySQL keeps the migrations before the
            // interrupted one and resumes that one at the interrupted statement.
            const position = files.indexOf(file);
            const expected = files.map((f, n) => {
              if (dialect !== 'mysql' || n > position) return [f.tag, 'pending', 0];
              return n < position ? [f.tag, 'applied', null] : [f.tag, 'partial', index];
            });
            expect(status.map((m) => [m.tag, m.state, m.nextStatement]), `${file.tag}#${index}:${phase}`).toEqual(expected);
            await migrate(conn.db);
            expect(await dumpCatalog(dialect, driver), `${file.tag}#${index}:${phase}`).toEqual(fresh);
            cases++;
          } catch (error) {
            throw new Error(`${file.tag}#${index}:${phase}: ${(error as Error).message}`);
          }
        }
      }
    }
    await conn.close();
    await empty.drop();
    const total = files.reduce((n, f) => n + f.statements.length, 0);
    expect(cases).toBe(total * 2);
    console.log(`[${dialect}] interruption matrix: ${files.length} migrations, ${total} statements, ${cases} cases recovered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 900_000);
});
