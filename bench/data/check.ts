import { benchApp } from '../app.ts';
import { type Kysely, sql } from 'kysely';
import { GENESIS, readHead, verifyChain, walkRange } from '../../server/audit/chain.ts';
import { nodeHasher } from '../../server/audit/node-hasher.ts';
import { parallelWalker } from '../../server/audit/parallel-verify.ts';
import type { DB } from '../../server/db/types.ts';
import { dateIn } from '../../server/http/context.ts';

/**
 * Checks that a generated database is one the app can use: the audit chain verifies with the app's own walk
 * (all of it with `full`; else its first and last 100,000 events, which take in the seam between the demo's
 * events and the generated ones and the head), the identity sequences and the per-year form numbers are past
 * every row, and generated forms and their history read back through the app, signed in as the demo admin
 * (which records a sign-in). With `write`, a form is also filed through the app (it then stays in the
 * database: run that on a copy to keep the dataset as generated).
 */

export const TZ = 'Asia/Shanghai';
/** Events walked at each end of the chain when not all of it. */
const STRETCH = 100_000;

export interface CheckResult {
  chain: { events: number; ms: number };
  forms: { id: number; number: string; events: number }[];
  filed?: { id: number; number: string };
}

export async function checkDataset(
  db: Kysely<DB>,
  url: string,
  options: { full?: boolean; write?: boolean; log?: (line: string) => void } = {},
): Promise<CheckResult> {
  const log = options.log ?? (() => undefined);
  const raw = db.withoutPlugins();

  const started = performance.now();
  let walked: number;
  if (options.full) {
    const verified = await verifyChain(db, nodeHasher, undefined, parallelWalker(url));
    if (!verified.ok)
      throw new Error(`check: the audit chain is broken at ${verified.brokenAt}: ${verified.reason}`);
    walked = verified.events;
  } else {
    const head = await readHead(db);
    const last = Number(head.seq);
    const stretch = Math.min(STRETCH, last);
    const first = await walkRange(db, nodeHasher, { from: 1, to: stretch }, GENESIS);
    const tail = await walkRange(db, nodeHasher, { from: last - stretch + 1, to: null }, null, {
      seq: last,
      hash: head.hash,
    });
    for (const r of [first, tail]) {
      if (r.broken)
        throw new Error(`check: the audit chain is broken at ${r.broken.brokenAt}: ${r.broken.reason}`);
    }
    if (!tail.matchedExpect || tail.last !== last)
      throw new Error('check: the chain does not end at its head');
    walked = Math.min(last, 2 * stretch);
  }
  const chain = { events: walked, ms: Math.round(performance.now() - started) };
  log(
    `  audit verify (${options.full ? 'whole chain' : 'first and last events'}): ${walked.toLocaleString('en')} events in ${(chain.ms / 1000).toFixed(1)} s, ok`,
  );

  // Every identity sequence past its table's largest id, so the app's next insert takes a new one.
  const { rows: identities } = await sql<{ table: string }>`
    select table_name as table from information_schema.columns
    where table_schema = 'public' and is_identity = 'YES' and column_name = 'id' order by table_name
  `.execute(raw);
  for (const { table } of identities) {
    const { rows } = await sql<{ behind: boolean }>`
      select coalesce(max(id), 0) > coalesce(pg_sequence_last_value(pg_get_serial_sequence(${table}, 'id')), 0) as behind
      from ${sql.table(table)}
    `.execute(raw);
    if (rows[0]?.behind) throw new Error(`check: the id sequence of ${table} is behind its rows`);
  }
  const { rows: numbers } = await sql<{ year: number; used: number; last: number | null }>`
    select y.year, y.used, n.last
    from (select substr(number, 4, 4)::int as year, max(substr(number, 9)::int) as used from forms group by 1) y
    left join form_numbers n on n.year = y.year
    where n.last is null or n.last < y.used
  `.execute(raw);
  if (numbers.length > 0) throw new Error(`check: form numbers of ${numbers[0]?.year} run past form_numbers`);
  const { rows: head } = await sql<{ ok: boolean }>`
    select h.seq = (select max(seq) from audit_events) as ok from audit_head h
  `.execute(raw);
  if (!head[0]?.ok) throw new Error('check: audit_head is not at the last event');
  log('  counters: every id sequence, the form numbers and the chain head are past the rows');

  const { app, signIn } = benchApp(db, TZ);
  const cookie = await signIn();
  const get = async <T>(path: string): Promise<T> => {
    const res = await app.request(path, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`check: GET ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };

  // The newest form, and a closed one with a long history, from years back when there are such.
  const { rows: picked } = await sql<{ id: number; events: number }>`
    select f.id, (select count(*)::int from audit_events e where e.entity_type = 'form' and e.entity_id = f.id::text) as events
    from (
      (select id from forms where status <> 'draft' order by id desc limit 1)
      union all
      (select id from forms where status = 'closed' and version > 6
       order by created_at < now() - interval '3 years' desc, id limit 1)
    ) f
  `.execute(raw);
  const forms: CheckResult['forms'] = [];
  for (const { id, events } of picked) {
    const form = await get<{ id: number; number: string; measures: unknown[] }>(`/api/forms/${id}`);
    const history = await get<{ items: { action: string }[] }>(`/api/forms/${id}/history`);
    if (form.id !== id || history.items.length === 0 || history.items.length !== events) {
      throw new Error(`check: form ${id} shows ${history.items.length} events, the trail has ${events}`);
    }
    forms.push({ id, number: form.number, events });
    log(`  GET /api/forms/${id} (${form.number}) and its history: 200, ${events} events`);
  }

  let filed: CheckResult['filed'];
  if (options.write) {
    const { rows } = await sql<{ post_id: number }>`
      select a.post_id from assignments a join posts p on p.id = a.post_id
      where a.to_date is null and p.kind = 'window' order by a.post_id desc limit 1
    `.execute(raw);
    const today = dateIn(new Date(), TZ);
    const res = await app.request('/api/forms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: 'http://localhost:3000' },
      body: JSON.stringify({
        problem: '基准检查：数据生成后经应用登记的记录表',
        occurredOn: today,
        source: 'self_inspection',
        postId: rows[0]?.post_id,
        grade: 'C',
      }),
    });
    if (res.status !== 201)
      throw new Error(`check: filing a form answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { id: number; number: string };
    filed = { id: body.id, number: body.number };
    log(`  POST /api/forms: 201, ${body.number} (id ${body.id})`);
  }
  return { chain, forms, ...(filed ? { filed } : {}) };
}
