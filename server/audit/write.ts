import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { type AuditEventInput, insertAuditEvents } from './queries.ts';

/** Who is writing: the same for every event of one request or job. */
export interface WriteMeta {
  actorId: number | null;
  requestId?: string | null;
  address?: string | null;
}

export type AuditEntry = Omit<AuditEventInput, 'actorId' | 'requestId' | 'address'> & {
  /** Only for history recorded after the fact (the demo's forms): who acted then. Defaults to the writer. */
  actorId?: number | null;
};
/** Records one event, or several at once (bulk jobs), in the unit of work's transaction. */
export type Audit = (entry: AuditEntry | AuditEntry[]) => Promise<void>;

/**
 * The one audited-write path: every change to the database runs inside `work`, in one transaction, and
 * records what it did through `audit`. A unit of work that records nothing is refused and rolled back,
 * so a write cannot silently skip the trail.
 */
export async function auditedWrite<T>(
  db: Kysely<DB>,
  meta: WriteMeta,
  work: (tx: Transaction<DB>, audit: Audit) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    let recorded = 0;
    const audit: Audit = async (entry) => {
      const entries = Array.isArray(entry) ? entry : [entry];
      recorded += entries.length;
      await insertAuditEvents(
        tx,
        entries.map((e) => ({
          ...e,
          actorId: e.actorId === undefined ? meta.actorId : e.actorId,
          requestId: meta.requestId ?? null,
          address: meta.address ?? null,
        })),
      );
    };
    const result = await work(tx, audit);
    if (recorded === 0) throw new Error('auditedWrite: the unit of work changed data without an audit event');
    return result;
  });
}
