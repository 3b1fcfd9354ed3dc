import type { Kysely } from 'kysely';
import { runScript } from './script.ts';

/**
 * A role for the application to log in through, which may read and append to the audit trail but never
 * change it (and, not owning the table, cannot switch its trigger off). Where the migrating user may not
 * create roles, this step is skipped with a notice; README explains how to set the role up by hand.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    do $do$ begin if not exists (select 1 from pg_roles where rolname = 'rectify_app') then create role rectify_app nologin; end if; grant usage on schema public to rectify_app; grant select, insert, update, delete on all tables in schema public to rectify_app; revoke update, delete, truncate on audit_events from rectify_app; grant usage, select on all sequences in schema public to rectify_app; exception when insufficient_privilege then raise notice 'rectify_app role not set up: %', sqlerrm; end $do$;
  `,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    do $do$ begin if exists (select 1 from pg_roles where rolname = 'rectify_app') then revoke all on all tables in schema public from rectify_app; revoke all on all sequences in schema public from rectify_app; revoke usage on schema public from rectify_app; end if; end $do$;
  `,
  );
}
