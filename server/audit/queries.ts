import type { Kysely, Transaction } from 'kysely';
import { jsonb } from '../db/database.ts';
import type { DB } from '../db/types.ts';

export interface AuditEventInput {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  address?: string | null;
  /** When it happened, for events recorded after the fact (the demo's history); defaults to now. */
  at?: Date;
}

function row(event: AuditEventInput) {
  return {
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId === null ? null : String(event.entityId),
    before: event.before === undefined || event.before === null ? null : jsonb(event.before),
    after: event.after === undefined || event.after === null ? null : jsonb(event.after),
    requestId: event.requestId ?? null,
    address: event.address ?? null,
    ...(event.at ? { at: event.at } : {}),
  };
}

/** Appends events in order; only the audited-write path (audit/write.ts) calls this. */
export async function insertAuditEvents(tx: Transaction<DB>, events: AuditEventInput[]): Promise<void> {
  // Batches keep each statement well under PostgreSQL's parameter limit.
  for (let i = 0; i < events.length; i += 1000) {
    await tx
      .insertInto('auditEvents')
      .values(events.slice(i, i + 1000).map(row))
      .execute();
  }
}

export async function auditEventsOf(db: Kysely<DB>, entityType: string, entityId: string | number) {
  return db
    .selectFrom('auditEvents')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('entityId', '=', String(entityId))
    .orderBy('seq')
    .execute();
}
