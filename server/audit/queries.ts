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
}

/** Appends one event; only the audited-write path (audit/write.ts) calls this. */
export async function insertAuditEvent(tx: Transaction<DB>, event: AuditEventInput): Promise<void> {
  await tx
    .insertInto('auditEvents')
    .values({
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId === null ? null : String(event.entityId),
      before: event.before === undefined || event.before === null ? null : jsonb(event.before),
      after: event.after === undefined || event.after === null ? null : jsonb(event.after),
      requestId: event.requestId ?? null,
      address: event.address ?? null,
    })
    .execute();
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
