import { type Kysely, type QueryCreator, sql, type Transaction } from 'kysely';
import { unitSubtreeOfPath } from '../catalog/scope.ts';
import { keysetPage } from '../db/list.ts';
import { jsonb } from '../db/database.ts';
import type { DB } from '../db/types.ts';
import type { ChainedEvent } from './chain.ts';

export interface AuditEventInput {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  /** The unit the change belongs to: supervisors read the trail of their own units. */
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  address?: string | null;
  /** When it happened, for events recorded after the fact (the demo's history); defaults to now. */
  at?: Date;
}

export type StoredEvent = ChainedEvent & { prevHash: string; hash: string };

/** Appends chained events in order; only the audited-write path (audit/write.ts) calls this. */
/**
 * Stores chained events and moves the head to the last of them. The head moves in the same statement as the
 * last batch of events (a data-modifying CTE), so the append costs one round trip while the head is locked.
 */
export async function appendEvents(tx: Transaction<DB>, events: StoredEvent[]): Promise<void> {
  const last = events.at(-1);
  if (!last) return;
  // Batches keep each statement well under PostgreSQL's parameter limit.
  for (let i = 0; i < events.length; i += 1000) {
    const rows = events.slice(i, i + 1000).map((e) => ({
      ...e,
      before: e.before === null ? null : jsonb(e.before),
      after: e.after === null ? null : jsonb(e.after),
    }));
    const insert = (db: QueryCreator<DB>) => db.insertInto('auditEvents').values(rows);
    if (i + 1000 < events.length) await insert(tx).execute();
    else
      await tx
        .with('head', (db) => db.updateTable('auditHead').set({ seq: last.seq, hash: last.hash }))
        .insertInto('auditEvents')
        .values(rows)
        .execute();
  }
}

const eventColumns = [
  'e.seq',
  'e.at',
  'e.action',
  'e.entityType',
  'e.entityId',
  'e.unitId',
  'e.before',
  'e.after',
  'e.requestId',
  'e.address',
  'e.prevHash',
  'e.hash',
  'a.id as actorId',
  'a.name as actorName',
  'a.nameEn as actorNameEn',
] as const;

/** One record's events, oldest first: the timeline of a form or a risk point. */
export function entityHistory(db: Kysely<DB>, entityType: string, entityId: string | number) {
  return db
    .selectFrom('auditEvents as e')
    .leftJoin('people as a', 'a.id', 'e.actorId')
    .select(eventColumns)
    .where('e.entityType', '=', entityType)
    .where('e.entityId', '=', String(entityId))
    .orderBy('e.seq')
    .execute();
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
  from?: string;
  to?: string;
  seqTo?: number;
  /** Only events of units under this path (a supervisor's scope); undefined = all (admins). */
  scopePath?: string;
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('auditEvents as e').leftJoin('people as a', 'a.id', 'e.actorId').select(eventColumns);
  if (f.entityType) q = q.where('e.entityType', '=', f.entityType);
  if (f.entityId) q = q.where('e.entityId', '=', f.entityId);
  if (f.actorId !== undefined) q = q.where('e.actorId', '=', f.actorId);
  if (f.action) {
    // "form." or "form.*" asks for every action of forms
    q =
      f.action.endsWith('*') || f.action.endsWith('.')
        ? q.where('e.action', 'like', `${f.action.replace(/\*$/, '').replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
        : q.where('e.action', '=', f.action);
  }
  if (f.from) q = q.where('e.at', '>=', new Date(f.from));
  if (f.to) q = q.where('e.at', '<=', new Date(f.to));
  if (f.seqTo !== undefined) q = q.where('e.seq', '<=', f.seqTo);
  if (f.scopePath !== undefined) {
    q = q.where('e.unitId', 'in', unitSubtreeOfPath(db, f.scopePath));
  }
  return q;
}

/** A page of the trail, newest first (keyset on seq). */
export function listAuditEvents(db: Kysely<DB>, f: AuditFilter, before: number | undefined, limit: number) {
  return keysetPage(filtered(db, f), 'e.seq', before, limit, 'desc');
}

/** The filtered trail oldest first, a batch after `after` at a time: for streaming exports. */
export function auditBatch(db: Kysely<DB>, f: AuditFilter, after: number, size: number) {
  return filtered(db, f).where('e.seq', '>', after).orderBy('e.seq').limit(size).execute();
}

/** The chain's head at the end of each month (in the centre's time zone): copies to keep outside the database. */
export function monthlyHeads(db: Kysely<DB>, timeZone: string) {
  return sql<{ month: string; seq: number; hash: string; at: Date }>`
    select distinct on (month) to_char(at at time zone ${timeZone}, 'YYYY-MM') as month, seq, hash, at
    from audit_events
    order by month desc, seq desc
  `.execute(db);
}
