/**
 * How long verifying the audit chain takes at scale, and how much memory it needs.
 *
 *   npm run bench:audit -- [--events 1000000] [--keep] [--reuse]
 *
 * Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
 * rectify_bench), migrates it, loads a valid chain of N events in bulk (the generator hashes them exactly as
 * the app does), then runs the same verify as `npm run audit:verify` and GET /api/audit/verify, and prints the
 * figures. Timings are printed, never asserted.
 */
import { sql } from 'kysely';
import { mb, recreateDatabase } from './database.ts';
import { emit } from './emit.ts';
import { canonical, GENESIS, type ChainedEvent, verifyChain } from '../server/audit/chain.ts';
import { nodeHasher } from '../server/audit/node-hasher.ts';
import { parallelWalker } from '../server/audit/parallel-verify.ts';
import { openPostgres } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const events = Number(arg('--events') ?? 1_000_000);
const parallelOnly = process.argv.includes('--parallel-only');
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rectify_bench';

const recreate = () => recreateDatabase(url);

const actions = [
  'form.filed',
  'form.updated',
  'form.transition',
  'form.comment_added',
  'risk_point.grade_changed',
];

const reuse = process.argv.includes('--reuse');
if (!reuse) await recreate();
const database = await openPostgres(url, { max: 4 });
await migrateToLatest(database.db);

const loadStarted = performance.now();
const loaded = reuse
  ? Number((await sql<{ seq: number }>`select seq from audit_head`.execute(database.db)).rows[0]?.seq)
  : 0;
if (reuse && arg('--events') !== undefined && loaded !== events)
  throw new Error(`--reuse: the bench database holds ${loaded} events, not ${events}`);
const base = Date.parse('2022-01-01T00:00:00Z');
let prev = GENESIS;
const BATCH = 5000;
for (let from = 1; !reuse && from <= events; from += BATCH) {
  const rows: (ChainedEvent & { prevHash: string; hash: string })[] = [];
  for (let seq = from; seq < Math.min(from + BATCH, events + 1); seq++) {
    const event: ChainedEvent = {
      seq,
      at: new Date(base + seq * 150_000),
      actorId: null,
      action: actions[seq % actions.length] as string,
      entityType: 'form',
      entityId: String(1 + (seq % 200_000)),
      unitId: null,
      before: seq % 3 === 0 ? { status: 'open' } : null,
      after: { status: 'in_progress', note: `第 ${seq} 条` },
      requestId: null,
      address: null,
    };
    const hash = nodeHasher(`${prev}\n${canonical(event)}`) as string;
    rows.push({ ...event, prevHash: prev, hash });
    prev = hash;
  }
  await database.db
    .insertInto('auditEvents')
    .values(
      rows.map((r) => ({
        ...r,
        before: r.before === null ? null : sql`${JSON.stringify(r.before)}::jsonb`,
        after: sql`${JSON.stringify(r.after)}::jsonb`,
      })),
    )
    .execute();
  if (from % 100_000 === 1) process.stderr.write(`loaded ${from - 1 + rows.length} events\r`);
}
if (!reuse) await sql`update audit_head set seq = ${events}, hash = ${prev}`.execute(database.db);
const loadMs = performance.now() - loadStarted;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const verifyStarted = performance.now();
const result = await verifyChain(database.db, nodeHasher, undefined, parallelWalker(url));
const verifyMs = performance.now() - verifyStarted;
const peak = process.resourceUsage().maxRSS * 1024;
// The same walk on one thread, as on PGlite or Workers, for comparison.
const oneStarted = performance.now();
const one = parallelOnly ? null : await verifyChain(database.db, nodeHasher);
const oneMs = performance.now() - oneStarted;
const walked = result.ok ? result.seq : loaded || events;
emit({
  case: 'audit verify',
  events: walked,
  ms: Math.round(verifyMs),
  peakRssMb: Math.round(peak / 2 ** 20),
  ok: result.ok,
});

console.log('\n| case | events | time | peak RSS | result |');
console.log('| --- | ---: | ---: | ---: | --- |');
if (!reuse)
  console.log(
    `| load a valid chain (bulk) | ${events.toLocaleString('en')} | ${(loadMs / 1000).toFixed(1)} s | | |`,
  );
console.log(
  `| audit verify | ${walked.toLocaleString('en')} | ${(verifyMs / 1000).toFixed(2)} s | ${mb(peak)} (RSS before verify ${mb(rssBefore)}) | ${result.ok ? 'ok' : `broken at ${result.brokenAt}`} |`,
);
if (one)
  console.log(
    `| audit verify, one thread | ${walked.toLocaleString('en')} | ${(oneMs / 1000).toFixed(2)} s | | ${one.ok ? 'ok' : `broken at ${one.brokenAt}`} |`,
  );
console.log(`\nverify throughput: ${Math.round(walked / (verifyMs / 1000)).toLocaleString('en')} events/s`);
await database.close();
if (!process.argv.includes('--keep')) await recreate();
