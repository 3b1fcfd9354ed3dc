import type { Kysely } from 'kysely';
import { runScript } from './script.ts';

/**
 * Running on Cloudflare Workers too: evidence files may live in an object store (R2) instead of the blobs
 * row, which then keeps only the object's key; and mail may leave through an HTTP mail API. Frozen once
 * landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter table blobs alter column data drop not null;
    alter table blobs add column store_key text;
    alter table blobs add constraint blobs_one_place check ((data is null) <> (store_key is null));
    alter table outbox drop constraint outbox_delivered_via_check;
    alter table outbox add constraint outbox_delivered_via_check check (delivered_via in ('smtp', 'viewer', 'http'));
  `,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter table outbox drop constraint outbox_delivered_via_check;
    alter table outbox add constraint outbox_delivered_via_check check (delivered_via in ('smtp', 'viewer'));
    alter table blobs drop constraint blobs_one_place;
    alter table blobs drop column store_key;
    alter table blobs alter column data set not null;
  `,
  );
}
