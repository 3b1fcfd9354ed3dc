import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config.ts';
import { type Database, openPGlite, openPostgres } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/** The configured database, migrated: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'> & Partial<Pick<Config, 'DATABASE_POOL_MAX'>>,
): Promise<Database> {
  let database: Database;
  if (config.DATABASE_URL) {
    database = await openPostgres(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  } else {
    const dir = resolve(config.DATA_DIR, 'pglite');
    await mkdir(dir, { recursive: true });
    database = await openPGlite(dir);
  }
  await migrateToLatest(database.db);
  return database;
}
