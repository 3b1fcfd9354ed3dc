/**
 * How the similar-forms suggestions and the lessons search hold up at a million forms: the time of
 * GET /api/forms/similar, GET /api/cases/search (by text, with each kind of filter, and newest first) and
 * GET /api/cases through the real app (session, visibility, bigram match and ranking), for an admin (every
 * form), the centre's supervisor, a post holder and the leader of the bureau with the most forms (a unit's
 * share). A search that finds more than the latest 2,000 matching forms shows its total as "2,000+".
 *
 *   npm run bench:lessons -- [--forms 1000000] [--keep] [--reuse]
 *
 * Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
 * rectify_bench_lessons) with the demo centre, then adds N forms in bulk (SQL, outside the app: the dataset
 * generator, not a write path) whose problems, root causes and measures are the demo's own Chinese texts
 * cycled over the demo's posts, so the bigrams are as common as real ones. The triggers of migration 0009 fill
 * the search column as the rows go in; a VACUUM ANALYZE then does what autovacuum would on a live server (it is
 * off on some, and an unvacuumed GIN index keeps a long pending list every search reads). Timings are printed
 * (median of 5 after one warm-up), never asserted.
 */
import { benchApp } from './app.ts';
import { sql } from 'kysely';
import { option, recreateDatabase, seconds } from './database.ts';
import { openPostgres } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureDemo } from '../server/seed/ensure.ts';

const forms = Number(option('--forms') ?? 1_000_000);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rectify_bench_lessons';
const TZ = 'Asia/Shanghai';

if (!process.argv.includes('--reuse')) {
  await recreateDatabase(url);
  const database = await openPostgres(url, { max: 4 });
  await migrateToLatest(database.db);
  await ensureDemo(database.db, TZ);
  const started = performance.now();
  // In batches of 100,000, so one statement's memory stays small; each copies a demo form's texts.
  for (let from = 1; from <= forms; from += 100_000) {
    const to = Math.min(forms, from + 99_999);
    await sql`
      insert into forms (number, status, source, problem, occurred_on, found_on, filed_on, post_id, unit_id, grade,
                         deadline, yellow_on, responsible, holder_ids, root_cause, filed_by, closed_at)
      select 'BL-' || g, case when g % 10 = 0 then 'open' else 'closed' end, s.source, s.problem,
             d, d, d, s.post_id, s.unit_id, s.grade, d + 10, d + 8, s.responsible, s.holder_ids,
             coalesce(s.root_cause, '{"whys": ["未按规定办理"], "category": "process"}'::jsonb), s.filed_by,
             case when g % 10 <> 0 then (d + 7)::timestamp at time zone ${TZ} end
      from generate_series(${from}::int, ${to}::int) g
      cross join lateral (select current_date - (g % 1800) as d) day
      join lateral (select * from forms where id = 1 + g % 2400) s on true
    `.execute(database.db);
    process.stdout.write(
      `\r${to.toLocaleString('en')} forms added (${seconds(performance.now() - started)})`,
    );
  }
  await sql`vacuum analyze`.execute(database.db);
  console.log(`\nDataset generated in ${seconds(performance.now() - started)}.`);
  await database.close();
}

const database = await openPostgres(url, { max: 4 });
const total = (await sql<{ n: number }>`select count(*)::int as n from forms`.execute(database.db)).rows[0]
  ?.n;
const { app, signIn } = benchApp(database.db, TZ);
async function median(path: string, cookie: string) {
  const times: number[] = [];
  let body: { open?: unknown[]; closed?: unknown[]; total?: number; capped?: boolean } = {};
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const res = await app.request(path, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    body = await res.json();
    if (i > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, body };
}

const TEXTS = ['窗口没有一次性告知申请人需要补正的材料', '系统故障导致无法受理', '办理超过承诺时限'];
// The bureau (a unit under the centre) with the most forms, and its leader: a unit's share of the forms.
const bureau = (
  await sql<{ id: number; email: string; forms: number }>`
    with per_unit as (select unit_id, count(*)::int as n from forms group by unit_id)
    select b.id, p.email, (select sum(n)::int from per_unit join units s on s.id = per_unit.unit_id
                           where s.path like b.path || '%') as forms
    from units b join people p on p.unit_id = b.id and 'leader' = any(p.roles)
    where b.parent_id = (select id from units where parent_id is null order by id limit 1)
    order by forms desc nulls last, p.id limit 1
  `.execute(database.db)
).rows[0];
if (!bureau) throw new Error('no leader of a bureau in the demo');
const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
const q = `q=${encodeURIComponent('一次性告知')}`;
const SEARCHES: [string, string][] = [
  ['lessons search “一次性告知”, first page', `/api/cases/search?${q}&limit=20`],
  ['… cause category “system”', `/api/cases/search?${q}&category=system&limit=20`],
  ['… the bureau’s unit', `/api/cases/search?${q}&unitId=${bureau.id}&limit=20`],
  ['… found in the last 90 days', `/api/cases/search?${q}&from=${since}&limit=20`],
  ['lessons search, no text, newest first', '/api/cases/search?limit=20'],
  ['case library', '/api/cases?limit=20'],
];
console.log(
  `\n${total?.toLocaleString('en')} forms; the bureau holds ${bureau.forms.toLocaleString('en')}.\n`,
);
console.log('| request | who | found | median |');
console.log('| --- | --- | ---: | ---: |');
for (const [who, email] of [
  ['admin', 'admin@centre.example'],
  ['supervisor (centre)', 'supervisor@centre.example'],
  ['post holder', 'holder@centre.example'],
  ['leader (bureau)', bureau.email],
] as const) {
  const cookie = await signIn(email);
  for (const text of TEXTS) {
    const similar = await median(`/api/forms/similar?text=${encodeURIComponent(text)}`, cookie);
    const found = `${similar.body.open?.length ?? 0} open, ${similar.body.closed?.length ?? 0} closed`;
    console.log(`| similar “${text}” | ${who} | ${found} | ${similar.ms.toFixed(0)} ms |`);
  }
  for (const [label, path] of SEARCHES) {
    const search = await median(path, cookie);
    const found = `${search.body.total?.toLocaleString('en')}${search.body.capped ? '+' : ''}`;
    console.log(`| ${label} | ${who} | ${found} | ${search.ms.toFixed(0)} ms |`);
  }
}
await database.close();
if (!process.argv.includes('--keep')) await recreateDatabase(url);
process.exit(0);
