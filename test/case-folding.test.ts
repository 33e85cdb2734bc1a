/**
 * Issue 11 §5: e-mail and promo-code lookups use full Unicode case folding (final sigma, dotted
 * I, ß), identically on every dialect, and migration 0005 re-folds the keys of rows written
 * with the earlier one-character-at-a-time folding.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connect } from '../src/connect.js';
import { QZPayUniqueConstraintError } from '../src/contract/errors.js';
import { MigrationDataConflictError } from '../src/migrate/errors.js';
import { migrate, migrationStatus, refoldCaseKeys } from '../src/migrate/index.js';
import { resolveDatabase } from '../src/dialect/index.js';
import { foldCase } from '../src/repositories/values.js';
import { createEmptyDatabase } from './harness/database.js';
import { migrationsBefore } from './harness/earlier-migrations.js';
import { forEachDialect } from './harness/index.js';

/** The folding of releases before 0005: each character lower-cased only where it stays one. */
function legacyFold(value: string): string {
  let out = '';
  for (const ch of value) out += [...ch.toLowerCase()].length === 1 ? ch.toLowerCase() : ch;
  return out;
}

const promo = (code: string) => ({ id: randomUUID(), code, discountType: 'percentage' as const, discountValue: 5 });

describe('foldCase over every code point', () => {
  it('is idempotent, the same for a character and its upper and lower case (dotless ı aside), and at most three long', () => {
    const odd: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const folded = foldCase(ch);
      const same = [folded, foldCase(folded), foldCase(ch.toLowerCase()), ...(ch === 'ı' ? [] : [foldCase(ch.toUpperCase())])];
      if (same.some((f) => f !== folded) || [...folded].length > 3) odd.push(cp.toString(16));
    }
    expect(odd).toEqual([]);
    expect(['ΟΔΟΣ', 'οδος', 'İNFO', 'STRAẞE', 'straße', 'ı', 'ﬃ'].map(foldCase)).toEqual(['οδοσ', 'οδοσ', 'i̇nfo', 'strasse', 'strasse', 'ı', 'ffi']);
  });
});

forEachDialect('case folding', (ctx) => {
  const tag = randomUUID().slice(0, 8);

  it('findByEmail matches across final sigma, dotted I and ß; dotless ı stays distinct', async () => {
    const { storage } = ctx();
    const greek = await storage.customers.create({ externalId: `g-${tag}`, email: `ΟΔΟΣ-${tag}@X.GR` });
    const turkish = await storage.customers.create({ externalId: `t-${tag}`, email: `İNFO-${tag}@x.tr` });
    const german = await storage.customers.create({ externalId: `d-${tag}`, email: `STRAßE-${tag}@x.de` });
    const dotless = await storage.customers.create({ externalId: `i-${tag}`, email: `ınfo-${tag}@x.tr` });
    expect((await storage.customers.findByEmail(`οδος-${tag}@x.gr`))?.id).toBe(greek.id);
    expect((await storage.customers.findByEmail(`i̇nfo-${tag}@x.tr`))?.id).toBe(turkish.id);
    expect((await storage.customers.findByEmail(`strasse-${tag}@X.DE`))?.id).toBe(german.id);
    expect((await storage.customers.findByEmail(`STRAẞE-${tag}@x.de`))?.id).toBe(german.id);
    expect((await storage.customers.findByEmail(`ınfo-${tag}@x.tr`))?.id).toBe(dotless.id);
    expect(await storage.customers.findByEmail(`info-${tag}@x.tr`)).toBeNull();
  });

  it('promo codes: found by any case, and one key per livemode', async () => {
    const { storage } = ctx();
    const code = await storage.promoCodes.create(promo(`ΚΩΔΙΚΟΣ-${tag}`));
    expect((await storage.promoCodes.findByCode(`κωδικος-${tag}`))?.id).toBe(code.id);
    expect((await storage.promoCodes.findByCode(`κωδικοσ-${tag}`))?.id).toBe(code.id);
    await expect(storage.promoCodes.create(promo(`κωδικος-${tag}`))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    const sharp = await storage.promoCodes.create(promo(`MAß-${tag}`));
    await expect(storage.promoCodes.create(promo(`mass-${tag}`))).rejects.toBeInstanceOf(QZPayUniqueConstraintError);
    expect((await storage.promoCodes.findByCode(`MASS-${tag}`))?.id).toBe(sharp.id);
  });

  /** A database at 0004 holding rows folded the old way, then upgraded. */
  async function upgradeFrom0004(setUp: (c: Awaited<ReturnType<typeof connect>>, setKey: (table: string, column: string, id: string, value: string) => Promise<void>) => Promise<void>, check: (c: Awaited<ReturnType<typeof connect>>) => Promise<void>): Promise<void> {
    const { dialect, target } = ctx();
    const earlier = migrationsBefore(dialect, '0005_full_case_folding');
    const empty = await createEmptyDatabase(target);
    const c = await connect(empty.url, { poolSize: 1 });
    try {
      expect(await migrate(c.db, { folder: earlier.folder })).toEqual(earlier.tags);
      const root = resolveDatabase(c.db).driver.root;
      const [p1, p2] = dialect === 'pg' ? ['$1', '$2'] : ['?', '?'];
      await setUp(c, (table, column, id, value) => root.run(`update ${table} set ${column} = ${p1} where id = ${p2}`, [value, id]).then(() => undefined));
      await check(c);
    } finally {
      await c.close();
      await empty.drop();
      earlier.remove();
    }
  }

  it('migration 0005 re-folds existing keys, leaving versions and ASCII rows as they were', async () => {
    const ids: Record<string, string> = {};
    await upgradeFrom0004(
      async (c, setKey) => {
        for (const [name, email] of [['greek', 'οδος@x.gr'], ['turkish', 'İNFO@x.tr'], ['german', 'Straße@x.de'], ['ascii', 'Plain@x.io']] as const) {
          const row = await c.storage.customers.create({ externalId: name, email });
          ids[name] = row.id;
          await setKey('billing_customers', 'email_lower', row.id, legacyFold(email));
        }
        // Stored with a final sigma, which the old folding kept ('ΚΩΔΙΚΟΣ' folded to 'κωδικοσ').
        const code = await c.storage.promoCodes.create(promo('κωδικος'));
        ids['code'] = code.id;
        await setKey('billing_promo_codes', 'code_lower', code.id, legacyFold('κωδικος'));
        // What the old folding left behind: these lookups miss before the upgrade.
        expect(await c.storage.customers.findByEmail('ΟΔΟΣ@X.GR'), 'greek').toBeNull();
        expect(await c.storage.customers.findByEmail('i̇nfo@x.tr'), 'turkish').toBeNull();
        expect(await c.storage.customers.findByEmail('strasse@x.de'), 'german').toBeNull();
        expect(await c.storage.promoCodes.findByCode('ΚΩΔΙΚΟΣ'), 'code').toBeNull();
      },
      async (c) => {
        const before = await c.storage.customers.findById(ids['greek']!);
        expect(await migrate(c.db)).toEqual(['0005_full_case_folding']);
        expect((await c.storage.customers.findByEmail('ΟΔΟΣ@X.GR'))?.id).toBe(ids['greek']);
        expect((await c.storage.customers.findByEmail('i̇nfo@x.tr'))?.id).toBe(ids['turkish']);
        expect((await c.storage.customers.findByEmail('strasse@x.de'))?.id).toBe(ids['german']);
        expect((await c.storage.customers.findByEmail('plain@X.IO'))?.id).toBe(ids['ascii']);
        expect((await c.storage.promoCodes.findByCode('ΚΩΔΙΚΟΣ'))?.id).toBe(ids['code']);
        // Same row, same version: re-folding a lookup key is not an edit.
        expect(await c.storage.customers.findById(ids['greek']!)).toEqual(before);
        expect(await migrate(c.db)).toEqual([]);
      },
    );
  });

  it('migration 0005 stops before writing anything when two promo codes would become one, and runs once one is renamed', async () => {
    let sharpId = '';
    const p = ctx().dialect === 'pg' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    const keyOf = async (c: Awaited<ReturnType<typeof connect>>) =>
      String((await resolveDatabase(c.db).driver.root.all(`select code_lower from billing_promo_codes where id = ${p[0]}`, [sharpId]))[0]?.[0]);
    await upgradeFrom0004(
      async (c, setKey) => {
        await c.storage.promoCodes.create(promo('STRASSE'));
        // Under the old folding 'STRAßE' and 'STRASSE' were two codes.
        const sharp = await c.storage.promoCodes.create(promo('STRAßE-then'));
        sharpId = sharp.id;
        await setKey('billing_promo_codes', 'code', sharp.id, 'STRAßE');
        await setKey('billing_promo_codes', 'code_lower', sharp.id, legacyFold('STRAßE'));
        // A row the step would re-fold: it must stay as it is too.
        const greek = await c.storage.promoCodes.create(promo('οδος'));
        await setKey('billing_promo_codes', 'code_lower', greek.id, legacyFold('οδος'));
      },
      async (c) => {
        const error = await migrate(c.db).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MigrationDataConflictError);
        expect((error as MigrationDataConflictError).conflicts.map((g) => [...g].sort())).toEqual([['STRASSE', 'STRAßE']]);
        const status = (await migrationStatus(c.db)).find((s) => s.tag === '0005_full_case_folding');
        expect([status?.applied, status?.nextStatement]).toEqual([false, 0]);
        // Nothing was written: both rows keep their old keys.
        expect(await keyOf(c)).toBe('straße');
        expect(await c.storage.promoCodes.findByCode('ΟΔΟΣ')).toBeNull();
        // The operator renames one (codes are immutable through the contract), and the upgrade runs.
        const root = resolveDatabase(c.db).driver.root;
        await root.run(`update billing_promo_codes set code = ${p[0]}, code_lower = ${p[1]} where id = ${p[2]}`, ['strasse-old', 'strasse-old', sharpId]);
        expect(await migrate(c.db)).toEqual(['0005_full_case_folding']);
        expect((await c.storage.promoCodes.findByCode('STRAẞE'))?.code).toBe('STRASSE');
        expect((await c.storage.promoCodes.findByCode('ΟΔΟΣ'))?.code).toBe('οδος');
      },
    );
  });

  it('refoldCaseKeys (the host route, whose drizzle-kit runs the step as a no-op) re-folds the same way', async () => {
    const { storage, db, dialect } = ctx();
    const row = await storage.customers.create({ externalId: `h-${tag}`, email: `host-οδος-${tag}@x.gr` });
    const [p1, p2] = dialect === 'pg' ? ['$1', '$2'] : ['?', '?'];
    await db.driver.root.run(`update billing_customers set email_lower = ${p1} where id = ${p2}`, [legacyFold(`host-οδος-${tag}@x.gr`), row.id]);
    expect(await storage.customers.findByEmail(`HOST-ΟΔΟΣ-${tag}@X.GR`)).toBeNull();
    await refoldCaseKeys(db.main.db);
    expect(await storage.customers.findByEmail(`HOST-ΟΔΟΣ-${tag}@X.GR`)).toEqual(row);
  });
});
