import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { type ChainedEvent, eventHash, type Hasher, lockHead, webCryptoHasher } from './chain.ts';
import { type AuditEventInput, appendEvents, type StoredEvent } from './queries.ts';

/** Who is writing: the same for every event of one request or job. */
export interface WriteMeta {
  actorId: number | null;
  requestId?: string | null;
  address?: string | null;
  /** How to hash the chain; Node passes a fast synchronous SHA-256. */
  hasher?: Hasher;
}

export type AuditEntry = Omit<AuditEventInput, 'actorId' | 'requestId' | 'address'> & {
  /** Only for history recorded after the fact (the demo's forms): who acted then. Defaults to the writer. */
  actorId?: number | null;
};
/** Records one event, or several at once (bulk jobs), in the unit of work's transaction. */
export type Audit = (entry: AuditEntry | AuditEntry[]) => Promise<void>;

/** The JSON a value becomes in jsonb, so the hash covers exactly what is stored. */
function stored(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

/**
 * The one audited-write path: every change to the database runs inside `work`, in one transaction, and
 * records what it did through `audit`. A unit of work that records nothing is refused and rolled back,
 * so a write cannot silently skip the trail. The events are chained onto the trail at the very end, under
 * the head's row lock, which is then held only until the commit.
 */
export async function auditedWrite<T>(
  db: Kysely<DB>,
  meta: WriteMeta,
  work: (tx: Transaction<DB>, audit: Audit) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const pending: AuditEntry[] = [];
    const audit: Audit = async (entry) => {
      pending.push(...(Array.isArray(entry) ? entry : [entry]));
    };
    const result = await work(tx, audit);
    if (pending.length === 0)
      throw new Error('auditedWrite: the unit of work changed data without an audit event');
    await appendToChain(tx, meta, pending);
    return result;
  });
}

async function appendToChain(tx: Transaction<DB>, meta: WriteMeta, entries: AuditEntry[]) {
  const hasher = meta.hasher ?? webCryptoHasher;
  const head = await lockHead(tx);
  let prev = head.hash;
  let seq = Number(head.seq);
  const now = new Date();
  const events: StoredEvent[] = [];
  for (const e of entries) {
    seq++;
    const event: ChainedEvent = {
      seq,
      at: e.at ?? now,
      actorId: e.actorId === undefined ? meta.actorId : e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId === null ? null : String(e.entityId),
      unitId: e.unitId ?? null,
      before: stored(e.before),
      after: stored(e.after),
      requestId: meta.requestId ?? null,
      address: meta.address ?? null,
    };
    const hash = await eventHash(hasher, prev, event);
    events.push({ ...event, prevHash: prev, hash });
    prev = hash;
  }
  await appendEvents(tx, events);
}
