import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import * as m0001 from '../../migrations/0001_catalogue.ts';
import * as m0002 from '../../migrations/0002_forms.ts';
import * as m0003 from '../../migrations/0003_audit_chain.ts';
import * as m0004 from '../../migrations/0004_app_role.ts';
import * as m0005 from '../../migrations/0005_inspections.ts';
import * as m0006 from '../../migrations/0006_mail.ts';
import * as m0007 from '../../migrations/0007_reports.ts';
import * as m0008 from '../../migrations/0008_edge.ts';
import * as m0009 from '../../migrations/0009_lessons.ts';
import * as m0010 from '../../migrations/0010_scorecards.ts';
import * as m0011 from '../../migrations/0011_lessons_filters.ts';

/**
 * Migrations by static import: Kysely's FileMigrationProvider cannot load .ts files under vitest or in
 * a Workers bundle. Add each new file here; landed files never change.
 */
export const migrations: Record<string, Migration> = {
  '0001_catalogue': m0001,
  '0002_forms': m0002,
  '0003_audit_chain': m0003,
  '0004_app_role': m0004,
  '0005_inspections': m0005,
  '0006_mail': m0006,
  '0007_reports': m0007,
  '0008_edge': m0008,
  '0009_lessons': m0009,
  '0010_scorecards': m0010,
  '0011_lessons_filters': m0011,
};

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`);
  }
  return result;
}
