/**
 * How long queuing the monthly digest takes at province scale, and how much memory it needs.
 *
 *   npm run bench:digest -- [--recipients 100000] [--keep]
 *
 * Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
 * rectify_bench_digest) with the demo centre, then adds in bulk (SQL, outside the app: this is the
 * dataset generator, not a write path) 2,000 units, 20,000 posts, N people (80% post holders, 15% leaders,
 * 5% supervisors, a third reading English) and two forms per person, and runs the same digest job as
 * `npm run digest` and POST /api/digests/run: every recipient's facts read set-wise, rendered into the
 * outbox in batches with their receipts and audit events. Then it renders every queued message (HTML and
 * text) as the sender would. Timings are printed, never asserted.
 */
import { sql } from 'kysely';
import { mb, recreateDatabase } from './database.ts';
import { emit } from './emit.ts';
import { execFileSync } from 'node:child_process';
import { nodeHasher } from '../server/audit/node-hasher.ts';
import { openPostgres } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { Locale } from '../server/db/types.ts';
import { queueDigest } from '../server/mail/digest.ts';
import { mailContext } from '../server/mail/outbox.ts';
import { previousMonth } from '../server/mail/scheduler.ts';
import { renderMail } from '../server/mail/templates.ts';
import { ensureDemo } from '../server/seed/ensure.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const people = Number(arg('--recipients') ?? 100_000);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rectify_bench_digest';
const TZ = 'Asia/Shanghai';

const recreate = () => recreateDatabase(url);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const jobMode = process.argv.includes('--job');
const database = jobMode
  ? await openPostgres(url, { max: 4 })
  : await (async () => {
      await recreate();
      const d = await openPostgres(url, { max: 4 });
      await migrateToLatest(d.db);
      return d;
    })();
const { db } = database;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
const month = previousMonth(today);

if (!jobMode) {
  const loadStarted = performance.now();
  await ensureDemo(db, TZ);
  const run = (q: string) => sql.raw(q).execute(db);
  await run(`
    insert into units (code, name, name_en, level, kind, parent_id, path)
    select 'BU' || g, '基准单位' || g, 'Bench unit ' || g, 'district', 'department', 1, '' from generate_series(1, 2000) g`);
  await run(`update units set path = '/1/' || id || '/' where code like 'BU%'`);
  await run(`
    insert into posts (code, name, name_en, kind, unit_id)
    select 'BP' || g, '基准窗口' || g, 'Bench window ' || g, 'window', u.id
    from generate_series(0, 19999) g join units u on u.code = 'BU' || (g % 2000 + 1)`);
  await run(`
    insert into people (name, name_en, email, locale, roles, unit_id)
    select '基准人员' || g, 'Bench person ' || g, 'bench' || g || '@centre.example',
           case when g % 3 = 0 then 'en' else 'zh-CN' end,
           case when g % 20 = 0 then array['supervisor'] when g % 20 < 4 then array['leader'] else array['holder'] end,
           u.id
    from generate_series(1, ${people}) g join units u on u.code = 'BU' || (g % 2000 + 1)`);
  await run(`
    insert into assignments (person_id, post_id, from_date)
    select p.id, po.id, date '2024-01-01'
    from people p join posts po on po.code = 'BP' || (p.id % 20000)
    where p.email like 'bench%' and p.roles = array['holder']`);
  // Two forms per person: open ones (some near or past their deadline) and ones closed last month.
  await run(`
    insert into forms (number, status, source, problem, occurred_on, found_on, filed_on, post_id, unit_id, grade,
                       deadline, yellow_on, responsible, holder_ids, root_cause, filed_by, closed_at)
    select 'BN-' || a.person_id || '-' || k,
           case when k = 0 then (array['open', 'in_progress', 'verifying'])[1 + a.person_id % 3] else 'closed' end,
           'self_inspection', '基准问题：受理时未一次性告知补正材料（' || a.person_id || '）',
           date '${today}' - 40, date '${today}' - 35, date '${today}' - 30, a.post_id, po.unit_id,
           (array['A', 'B', 'C'])[1 + a.person_id % 3],
           date '${today}' + (a.person_id % 12) - 4, date '${today}' + (a.person_id % 12) - 6,
           jsonb_build_object('holders', jsonb_build_array(jsonb_build_object('personId', a.person_id, 'name', '基准人员', 'nameEn', 'Bench person')),
                              'departmentHead', null, 'leaderInCharge', null),
           array[a.person_id], case when k = 1 then '{"whys": ["基准"], "category": "process"}'::jsonb end,
           a.person_id, case when k = 1 then (date '${month}-15')::timestamp at time zone '${TZ}' end
    from assignments a join posts po on po.id = a.post_id cross join generate_series(0, 1) k
    where po.code like 'BP%'`);
  await run('analyze');
  const loadMs = performance.now() - loadStarted;
  const counted = await sql<{ people: number; forms: number }>`
    select (select count(*)::int from people) as people, (select count(*)::int from forms) as forms
  `.execute(db);

  console.log(
    `\nDataset: ${counted.rows[0]?.people} people, ${counted.rows[0]?.forms} forms (generated in ${seconds(loadMs)}).`,
  );
  await database.close();
  // The job runs in a process of its own, so its peak memory is its own.
  execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--job'], { stdio: 'inherit' });
  if (!process.argv.includes('--keep')) await recreate();
  process.exit(0);
}

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const ctx = await mailContext(db, 'https://rectify.example.gov.cn', TZ);
const started = performance.now();
const result = await queueDigest(db, ctx, month, { today, hasher: nodeHasher });
const queueMs = performance.now() - started;
const peakQueue = process.resourceUsage().maxRSS * 1024;

// Rendering what was queued, as the sender does per message.
const renderStarted = performance.now();
let rendered = 0;
let bytes = 0;
for (let after = 0; ; ) {
  const { rows } = await sql<{ id: number; locale: Locale; data: object }>`
    select id, locale, data from outbox where template = 'digest' and id > ${after} order by id limit 2000
  `.execute(db);
  if (rows.length === 0) break;
  for (const r of rows) {
    const m = renderMail('digest', r.locale, r.data);
    bytes += m.html.length + m.text.length;
    rendered++;
  }
  after = rows[rows.length - 1]?.id as number;
}
const renderMs = performance.now() - renderStarted;
const again = await queueDigest(db, ctx, month, { today, hasher: nodeHasher });
emit({
  case: 'monthly digest into the outbox',
  recipients: result.recipients,
  queued: result.queued,
  ms: Math.round(queueMs),
  peakRssMb: Math.round(peakQueue / 2 ** 20),
  renderMs: Math.round(renderMs),
});

console.log('\n| case | count | time | peak RSS |');
console.log('| --- | ---: | ---: | ---: |');
console.log(
  `| queue the ${month} digest into the outbox | ${result.queued.toLocaleString('en')} of ${result.recipients.toLocaleString('en')} recipients | ${seconds(queueMs)} | ${mb(peakQueue)} (before: ${mb(rssBefore)}) |`,
);
console.log(
  `| render every queued digest (HTML + text) | ${rendered.toLocaleString('en')} (${mb(bytes)}) | ${seconds(renderMs)} | ${mb(process.resourceUsage().maxRSS * 1024)} |`,
);
console.log(`| run the digest again (queues nothing) | ${again.queued} | | |`);
await database.close();
