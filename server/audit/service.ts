import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { entityHistory } from './queries.ts';
import type { AuditEventView, HistoryEvent } from './schema.ts';

type Row = Awaited<ReturnType<typeof entityHistory>>[number];

export function toHistoryEvent(e: Row): HistoryEvent {
  return {
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    action: e.action,
    actor:
      e.actorId === null ? null : { id: e.actorId, name: e.actorName ?? '', nameEn: e.actorNameEn ?? '' },
    before: e.before,
    after: e.after,
  };
}

export function toAuditEvent(e: Row): AuditEventView {
  return {
    ...toHistoryEvent(e),
    entityType: e.entityType,
    entityId: e.entityId,
    unitId: e.unitId,
    requestId: e.requestId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** A record's timeline: every change to it, oldest first, with before and after. */
export async function historyOf(db: Kysely<DB>, entityType: string, entityId: number) {
  return { items: (await entityHistory(db, entityType, entityId)).map(toHistoryEvent) };
}
