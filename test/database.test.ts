import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { auditedWrite } from '../server/audit/write.ts';
import { openPGlite } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { testDatabase } from './helpers/db.ts';

describe('the database layer', () => {
  it('returns the same JS types on both backends', async () => {
    const { db } = await testDatabase();
    const { rows } = await sql<Record<string, unknown>>`
      select count(*) as n, 2::int4 as i4, 3::int8 as i8, 1.25::numeric as dec, '2026-10-01'::date as d,
             now() as ts, '{"a":[1]}'::jsonb as j, array['x']::text[] as arr, true as b
    `.execute(db);
    const row = rows[0] as Record<string, unknown>;
    expect(typeof row.n).toBe('number');
    expect(row.i4).toBe(2);
    expect(row.i8).toBe(3);
    expect(row.dec).toBe(1.25);
    expect(row.d).toBe('2026-10-01');
    expect(row.ts).toBeInstanceOf(Date);
    expect(row.j).toEqual({ a: [1] });
    expect(row.arr).toEqual(['x']);
    expect(row.b).toBe(true);
  });

  it('refuses a unit of work that writes without an audit event, and rolls it back', async () => {
    const { db } = await testDatabase();
    const code = `NOAUDIT-${Date.now()}`;
    await expect(
      auditedWrite(db, { actorId: null }, async (tx) => {
        await tx.insertInto('standards').values({ code, title: 'x', level: 1, parentId: null }).execute();
      }),
    ).rejects.toThrow(/without an audit event/);
    expect(
      await db.selectFrom('standards').select('id').where('code', '=', code).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('rolls back the change and its audit event together', async () => {
    const { db } = await testDatabase();
    const code = `ROLLBACK-${Date.now()}`;
    await expect(
      auditedWrite(db, { actorId: null }, async (tx, audit) => {
        await tx.insertInto('standards').values({ code, title: 'x', level: 1, parentId: null }).execute();
        await audit({ action: 'standard.created', entityType: 'standard', entityId: code });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(
      await db.selectFrom('auditEvents').select('seq').where('entityId', '=', code).executeTakeFirst(),
    ).toBeUndefined();
  });

  // Two PGlite starts (initdb on a folder, then a reopen): seconds each, more on a busy machine.
  it('keeps PGlite data across a restart', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-pglite-'));
    const first = await openPGlite(dir);
    await migrateToLatest(first.db);
    await auditedWrite(first.db, { actorId: null }, async (tx, audit) => {
      await tx
        .insertInto('standards')
        .values({ code: 'KEEP-1', title: '保留', level: 1, parentId: null })
        .execute();
      await audit({ action: 'standard.created', entityType: 'standard', entityId: 'KEEP-1' });
    });
    await first.close();

    const second = await openPGlite(dir);
    await migrateToLatest(second.db);
    const row = await second.db
      .selectFrom('standards')
      .select('title')
      .where('code', '=', 'KEEP-1')
      .executeTakeFirst();
    expect(row?.title).toBe('保留');
    await second.close();
  });
});
