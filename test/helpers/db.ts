import { type Database, openPGlite, openPostgres } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { ensureDemo } from '../../server/seed/ensure.ts';
import { recreateDatabase } from './pg.ts';

let shared: Promise<Database> | undefined;
let pristine: Promise<Database> | undefined;

export const expectedKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

async function open(url: string | undefined, seed = true): Promise<Database> {
  const database = url ? await openPostgres(url) : await openPGlite(undefined);
  await migrateToLatest(database.db);
  if (seed) await ensureDemo(database.db, 'Asia/Shanghai');
  return database;
}

/** A database of the same kind, migrated and empty, made anew on each call: for tests that break things. */
export async function scratchDatabase(name: string): Promise<Database & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return open(undefined, false);
  const target = new URL(url);
  target.pathname = `${target.pathname}_${name}`;
  await recreateDatabase(target.toString());
  return { ...(await open(target.toString(), false)), url: target.toString() };
}

/**
 * The run's working database: PostgreSQL when TEST_DATABASE_URL is set, else an in-memory PGlite; migrated
 * and seeded once. Tests add their own records to it.
 */
export function testDatabase(): Promise<Database> {
  shared ??= open(process.env.TEST_DATABASE_URL);
  return shared;
}

/**
 * A second database with the demo centre exactly as seeded, for tests that count it. Tests using it change
 * no catalogue data.
 */
export function pristineDatabase(): Promise<Database> {
  pristine ??= (async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return open(undefined);
    const target = new URL(url);
    target.pathname = `${target.pathname}_pristine`;
    await recreateDatabase(target.toString());
    return open(target.toString());
  })();
  return pristine;
}
