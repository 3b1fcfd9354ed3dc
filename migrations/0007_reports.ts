import type { Kysely } from 'kysely';
import { runScript } from './script.ts';

/**
 * The dashboard: forms filed per month are counted by filing day, which no index served (closing has
 * forms_closed_at_idx, finding forms_found_on_idx). Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `create index forms_filed_on_idx on forms (filed_on) where status not in ('draft', 'cancelled')`,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await runScript(db, 'drop index forms_filed_on_idx');
}
