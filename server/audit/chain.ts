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


export function readHead(db: Kysely<DB>) {
  return db.selectFrom('auditHead').select(['seq', 'hash']).executeTakeFirstOrThrow();
}

export type VerifyResult =
  | { ok: true; events: number; head: string; seq: number }
  | { ok: false; brokenAt: number; reason: string; events: number };

/** What walking one stretch of the chain found: where it broke, or how it starts and ends. */
export interface RangeResult {
  broken: { brokenAt: number; reason: string } | null;
  /** The prev_hash of the stretch's first event: the link to the stretch before it. */
  firstPrev: string | null;
  /** The last event walked and its hash (from - 1 and null when there was none). */
  last: number;
  lastHash: string | null;
  matchedExpect: boolean;
}

export interface ChainRange {
  from: number;
  /** Inclusive; null walks to the end of the table. */
  to: number | null;
}

/** Walks several stretches at once (worker threads on Node); results in the order of the ranges. */
export interface RangeWalker {
  parallelism: number;
  /** The shortest stretch worth a thread of its own (a batch; tests make it shorter). */
  minStretch?: number;
  walk(ranges: ChainRange[], expect?: { seq: number; hash: string }): Promise<RangeResult[]>;
}

const BATCH = 10_000;

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
 * Recomputes the hashes of one stretch of the chain, a batch at a time (memory stays flat), and names its
 * first event that was altered, removed or inserted. `prev` is the hash the stretch must follow; null takes
 * the first event's own prev_hash (a stretch walked in parallel, linked to the one before it afterwards).
 */
export async function walkRange(
  db: Kysely<DB>,
  hasher: Hasher,
  range: ChainRange,
  prev: string | null,
  expect?: { seq: number; hash: string },
): Promise<RangeResult> {
  let expected = range.from;
  let firstPrev: string | null = null;
  let matchedExpect = false;
  let link = prev;
  const result = (broken: RangeResult['broken']): RangeResult => ({
    broken,
    firstPrev,
    last: expected - 1,
    lastHash: expected > range.from ? link : null,
    matchedExpect,
  });
  // Batches are windows of seq (an index range scan whatever the table's statistics say); the next one
  // is fetched while this one is hashed.
  const raw = db.withoutPlugins();
  const end = range.to ?? Number.MAX_SAFE_INTEGER;
  const fetch = (from: number) =>
    sql<RawEvent>`
      select seq, (extract(epoch from at) * 1000)::float8 as at_ms, actor_id, action, entity_type, entity_id, unit_id,
             before, after, request_id, address, prev_hash, hash
      from audit_events where seq >= ${from} and seq <= ${Math.min(end, from + BATCH - 1)} order by seq
    `
      .execute(raw)
      .then((r) => r.rows);
  let next = fetch(expected);
  for (;;) {
    const rows = await next;
    const window = expected;
    if (rows.length === BATCH && window + BATCH <= end) next = fetch(window + BATCH);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected) return result({ brokenAt: expected, reason: `event ${expected} is missing` });
      if (seq === range.from) {
        firstPrev = row.prev_hash;
        link ??= row.prev_hash;
      }
      // The app writes whole milliseconds; a finer time was set by someone else.
      if (!Number.isInteger(row.at_ms)) {
        return result({ brokenAt: seq, reason: `event ${seq} was altered (its time)` });
      }
      if (row.prev_hash !== link) {
        return result({ brokenAt: seq, reason: `event ${seq} does not follow event ${seq - 1}` });
      }
      const hashed = eventHash(hasher, link, {
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
        return result({
          brokenAt: seq,
          reason: `event ${seq} was altered (its hash does not match its content)`,
        });
      }
      if (expect && seq === expect.seq) {
        if (hash !== expect.hash) {
          return result({ brokenAt: seq, reason: `event ${seq} does not match the head you gave` });
        }
        matchedExpect = true;
      }
      link = hash;
      expected++;
    }
    if (rows.length === BATCH && window + BATCH <= end) continue;
    if (expected > end) break;
    // A short window ends the chain, unless more events follow: written since (walk on) or after a gap.
    const more = await sql<{ seq: number | null }>`
      select min(seq) as seq from audit_events where seq >= ${expected} and seq <= ${end}
    `.execute(raw);
    const nextSeq = more.rows[0]?.seq;
    if (nextSeq == null) break;
    if (Number(nextSeq) === expected) {
      next = fetch(expected);
      continue;
    }
    return result({ brokenAt: expected, reason: `event ${expected} is missing` });
  }
  if (range.to !== null && expected <= range.to) {
    return result({ brokenAt: expected, reason: `event ${expected} is missing` });
  }
  return result(null);
}

/** Splits events 1..last into `parts` stretches of about equal length; the last one open-ended. */
export function splitChain(last: number, parts: number, minStretch = BATCH): ChainRange[] {
  const n = Math.max(1, Math.min(parts, Math.floor(last / minStretch)));
  const size = Math.ceil(last / n);
  return Array.from({ length: n }, (_, i) => ({
    from: 1 + i * size,
    to: i === n - 1 ? null : Math.min(last, (i + 1) * size),
  }));
}

/**
 * Recomputes the chain from the first event and names the first event that was altered, removed or inserted.
 * With a walker, stretches of the chain are hashed in parallel and then linked end to start. With `expect`,
 * also checks that a head copied out of the database earlier (a digest, a print-out) is still in the chain.
 */
export async function verifyChain(
  db: Kysely<DB>,
  hasher: Hasher,
  expect?: { seq: number; hash: string },
  walker?: RangeWalker,
): Promise<VerifyResult> {
  let head = await readHead(db);
  const ranges = walker
    ? splitChain(Number(head.seq), walker.parallelism, walker.minStretch)
    : [{ from: 1, to: null }];
  const results =
    ranges.length > 1 && walker
      ? await walker.walk(ranges, expect)
      : [await walkRange(db, hasher, { from: 1, to: null }, GENESIS, expect)];
  let prev = GENESIS;
  let last = 0;
  let matchedExpect = false;
  const broken = (brokenAt: number, reason: string): VerifyResult => ({
    ok: false,
    brokenAt,
    reason,
    events: brokenAt - 1,
  });
  for (const [i, r] of results.entries()) {
    const from = (ranges[i] as ChainRange).from;
    if (r.firstPrev !== null && r.firstPrev !== prev) {
      return broken(from, `event ${from} does not follow event ${from - 1}`);
    }
    if (r.broken) return broken(r.broken.brokenAt, r.broken.reason);
    matchedExpect ||= r.matchedExpect;
    if (r.lastHash !== null) prev = r.lastHash;
    last = r.last;
  }
  // Events committed while we walked are walked too, until the head is no further than the walk. (An event
  // and the head's move commit together, so a head behind the walk means events added outside the chain,
  // and a head ahead of every event there is means events removed.)
  for (;;) {
    head = await readHead(db);
    if (Number(head.seq) <= last) break;
    const tail = await walkRange(db, hasher, { from: last + 1, to: null }, prev, expect);
    if (tail.broken) return broken(tail.broken.brokenAt, tail.broken.reason);
    matchedExpect ||= tail.matchedExpect;
    if (tail.last === last) break;
    if (tail.lastHash !== null) prev = tail.lastHash;
    last = tail.last;
  }
  if (Number(head.seq) !== last || head.hash !== prev) {
    const brokenAt = Math.min(Number(head.seq), last) + 1;
    return {
      ok: false,
      brokenAt,
      reason:
        Number(head.seq) > last
          ? `events ${last + 1} to ${head.seq} were removed`
          : `event ${Number(head.seq) + 1} and later were added outside the chain`,
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
