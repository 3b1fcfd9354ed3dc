import type { Kysely } from 'kysely';
import { runScript } from './script.ts';

/**
 * The lessons search at a million forms: its cause-category and standard filters get indexes, so a rare
 * category or standard no longer walks every closed form. The category's index is not partial: the planner
 * reads the statistics of an indexed expression only from a whole-table index, and without them it guessed a
 * category's share (and scanned the whole table). Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    create index forms_cause_idx on forms ((root_cause->>'category'), id);
    create index forms_standard_idx on forms (standard_id, id) where standard_id is not null;
    `,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await runScript(db, 'drop index forms_cause_idx;\ndrop index forms_standard_idx');
}
