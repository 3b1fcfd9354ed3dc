import { type Kysely, sql, type Transaction } from 'kysely';
import { sha256Hex } from '../common/hash.ts';
import type { DB } from '../db/types.ts';

/**
 * The audit trail as a hash chain. Each event's hash covers the previous event's hash and the event's
 * canonical form, so changing, removing or inserting any event breaks every hash after it. The head row
 * (`audit_head`) is locked only for the append at the end of a transaction, so concurrent writers queue
 * for microseconds, not for their whole request. migrations/0003 holds a frozen copy of this canonical form.
 */
export const GENESIS = '0'.repeat(64);

/** A SHA-256 hex digest; Node passes a synchronous one (node:crypto) for speed, Workers use Web Crypto. */
export type Hasher = (text: string) => string | Promise<string>;
export const webCryptoHasher: Hasher = (text) => sha256Hex(text);

export interface ChainedEvent {
  seq: number;
  at: Date;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  address: string | null;
}

/** JSON with sorted keys and no undefined members: one text per event, whatever the key order. */
export function canonical(value: unknown): string {
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

/**
 * canonical(event), written out field by field in sorted key order: the same text, several times faster,
 * which matters when verify walks millions of events.
 */
function canonicalEvent(e: ChainedEvent): string {
  const s = JSON.stringify;
  return `{"action":${s(e.action)},"actorId":${s(e.actorId)},"address":${s(e.address)},"after":${canonical(e.after)},"at":${s(e.at.toISOString())},"before":${canonical(e.before)},"entityId":${s(e.entityId)},"entityType":${s(e.entityType)},"requestId":${s(e.requestId)},"seq":${s(e.seq)},"unitId":${s(e.unitId)}}`;
}

export function eventHash(hasher: Hasher, prev: string, event: ChainedEvent): string | Promise<string> {
  return hasher(`${prev}\n${canonicalEvent(event)}`);
}

/** Locks the head for this transaction's append and returns it. */
export async function lockHead(tx: Transaction<DB>) {
  return tx.selectFrom('auditHead').select(['seq', 'hash']).forUpdate().executeTakeFirstOrThrow();
}

export async function moveHead(tx: Transaction<DB>, seq: number, hash: string) {
  await tx.updateTable('auditHead').set({ seq, hash }).execute();
}

export function readHead(db: Kysely<DB>) {
  return db.selectFrom('auditHead').select(['seq', 'hash']).executeTakeFirstOrThrow();
}

export type VerifyResult =
  | { ok: true; events: number; head: string; seq: number }
  | { ok: false; brokenAt: number; reason: string; events: number };

const BATCH = 20_000;

interface RawEvent {
  seq: number;
  /** Milliseconds since the epoch: cheaper to read than a timestamp, and the precision the app writes. */
  at_ms: number;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_id: number | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  address: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes the chain from the first event, a batch at a time (memory stays flat), and names the first
 * event that was altered, removed or inserted. With `expect`, also checks that a head copied out of the
 * database earlier (a digest, a print-out) is still part of the chain.
 */
export async function verifyChain(
  db: Kysely<DB>,
  hasher: Hasher,
  expect?: { seq: number; hash: string },
): Promise<VerifyResult> {
  let prev = GENESIS;
  let expected = 1;
  let matchedExpect = false;
  // The next batch is fetched while this one is hashed.
  const raw = db.withoutPlugins();
  const fetch = (from: number) =>
    sql<RawEvent>`
      select seq, (extract(epoch from at) * 1000)::float8 as at_ms, actor_id, action, entity_type, entity_id, unit_id,
             before, after, request_id, address, prev_hash, hash
      from audit_events where seq >= ${from} order by seq limit ${BATCH}
    `
      .execute(raw)
      .then((r) => r.rows);
  let next = fetch(expected);
  for (;;) {
    const rows = await next;
    if (rows.length === BATCH) next = fetch(Number(rows[rows.length - 1]?.seq) + 1);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected) {
        return {
          ok: false,
          brokenAt: expected,
          reason: `event ${expected} is missing`,
          events: expected - 1,
        };
      }
      // The app writes whole milliseconds; a finer time was set by someone else.
      if (!Number.isInteger(row.at_ms)) {
        return { ok: false, brokenAt: seq, reason: `event ${seq} was altered (its time)`, events: seq - 1 };
      }
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          brokenAt: seq,
          reason: `event ${seq} does not follow event ${seq - 1}`,
          events: seq - 1,
        };
      }
      const hashed = eventHash(hasher, prev, {
        seq,
        at: new Date(row.at_ms),
        actorId: row.actor_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        unitId: row.unit_id,
        before: row.before,
        after: row.after,
        requestId: row.request_id,
        address: row.address,
      });
      // A synchronous hasher (Node) is not awaited: a million events, a million fewer microtasks.
      const hash = typeof hashed === 'string' ? hashed : await hashed;
      if (hash !== row.hash) {
        return {
          ok: false,
          brokenAt: seq,
          reason: `event ${seq} was altered (its hash does not match its content)`,
          events: seq - 1,
        };
      }
      if (expect && seq === expect.seq) {
        if (hash !== expect.hash) {
          return {
            ok: false,
            brokenAt: seq,
            reason: `event ${seq} does not match the head you gave`,
            events: seq - 1,
          };
        }
        matchedExpect = true;
      }
      prev = hash;
      expected++;
    }
    if (rows.length < BATCH) break;
  }
  const head = await readHead(db);
  const last = expected - 1;
  if (Number(head.seq) !== last || head.hash !== prev) {
    const brokenAt = Math.min(Number(head.seq), last) + 1;
    return {
      ok: false,
      brokenAt,
      reason:
        Number(head.seq) > last
          ? `events ${last + 1} to ${head.seq} were removed`
          : `event ${head.seq + 1} and later were added outside the chain`,
      events: last,
    };
  }
  if (expect && !matchedExpect) {
    return {
      ok: false,
      brokenAt: expect.seq,
      reason: `event ${expect.seq} is not in the chain`,
      events: last,
    };
  }
  return { ok: true, events: last, head: prev, seq: last };
}
