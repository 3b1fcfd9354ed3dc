import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { runScript } from './script.ts';

/**
 * Makes the audit trail tamper-evident: each event gets a gap-free `seq` given out under one row lock
 * (`audit_head`) and `hash = SHA-256(previous hash + "\n" + canonical event)`, and the database refuses any
 * UPDATE, DELETE or TRUNCATE of `audit_events`. Events recorded before this migration are numbered and
 * hashed here, in order, with this file's own (frozen) copy of the canonical form.
 */
const GENESIS = '0'.repeat(64);

function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter table audit_events add column unit_id integer;
    alter table audit_events alter column seq drop identity;
    create index audit_events_unit_idx on audit_events (unit_id, seq);
    create index audit_events_action_idx on audit_events (action, seq);

    -- the chain's head: the one row every audited transaction locks, briefly, to append
    create table audit_head (
      id    boolean primary key default true check (id),
      seq   bigint not null,
      hash  text not null
    );
  `,
  );

  const { rows } = await sql<Record<string, unknown>>`
    select seq, at, actor_id, action, entity_type, entity_id, unit_id, before, after, request_id, address
    from audit_events order by seq
  `.execute(db);
  let prev = GENESIS;
  let seq = 0;
  for (const row of rows) {
    seq++;
    const event = {
      seq,
      at: new Date(row.at as string),
      actorId: row.actor_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      unitId: row.unit_id,
      before: row.before,
      after: row.after,
      requestId: row.request_id,
      address: row.address,
    };
    const hash = createHash('sha256')
      .update(`${prev}\n${canonical(event)}`)
      .digest('hex');
    await sql`update audit_events set seq = ${seq}, prev_hash = ${prev}, hash = ${hash} where seq = ${row.seq}`.execute(
      db,
    );
    prev = hash;
  }
  await sql`insert into audit_head (id, seq, hash) values (true, ${seq}, ${prev})`.execute(db);

  await runScript(
    db,
    `
    alter table audit_events alter column prev_hash set not null;
    alter table audit_events alter column hash set not null;

    create function audit_events_append_only() returns trigger language plpgsql as $fn$ begin raise exception 'audit_events is append-only: % is not allowed', tg_op using errcode = '55000'; end $fn$;

    create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only();

    create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only();

    revoke update, delete, truncate on audit_events from public;
  `,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    drop trigger audit_events_no_truncate on audit_events;
    drop trigger audit_events_no_change on audit_events;
    drop function audit_events_append_only();
    drop table audit_head;
  `,
  );
}
