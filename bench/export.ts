/**
 * How the forms ledger export streams at province scale: time, size and peak memory for 100,000 rows as XLSX
 * and as CSV, through the real app (routing, session, permission scope, keyset batches).
 *
 *   npm run bench:export -- [--rows 100000] [--keep]
 *
 * Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
 * rectify_bench_export) with the demo centre, adds N forms in bulk (SQL, outside the app: this is the
 * dataset generator, not a write path), then downloads the ledger in a process of its own, reading the
 * response chunk by chunk as a browser would, so the peak memory printed is the export's. Timings are
 * printed, never asserted.
 */
import { benchApp } from './app.ts';
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { mb, recreateDatabase } from './database.ts';
import { emit } from './emit.ts';
import { openPostgres } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureDemo } from '../server/seed/ensure.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('--rows') ?? 100_000);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rectify_bench_export';
const TZ = 'Asia/Shanghai';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

if (!process.argv.includes('--job')) {
  await recreateDatabase(url);
  const database = await openPostgres(url, { max: 4 });
  await migrateToLatest(database.db);
  await ensureDemo(database.db, TZ);
  const started = performance.now();
  // N forms spread over the demo's window posts and five years, a tenth still open, the rest closed.
  await sql`
    insert into forms (number, status, source, problem, occurred_on, found_on, filed_on, post_id, unit_id, grade,
                       deadline, yellow_on, responsible, holder_ids, root_cause, filed_by, closed_at)
    select 'BX-' || g,
           case when g % 10 = 0 then 'open' else 'closed' end,
           (array['self_inspection', 'spot_check', 'complaint', 'service_rating'])[1 + g % 4],
           '基准问题：受理时未一次性告知申请人需补正的全部材料，导致群众多次往返（' || g || '）',
           d, d, d, p.id, p.unit_id, (array['A', 'B', 'C'])[1 + g % 3], d + 10, d + 8,
           jsonb_build_object('holders', jsonb_build_array(jsonb_build_object('personId', 1, 'name', '基准人员',
             'nameEn', 'Bench person', 'fromDate', '2020-01-01', 'toDate', null)), 'departmentHead', null, 'leaderInCharge', null),
           array[1], '{"whys": ["基准"], "category": "process"}'::jsonb, 1,
           case when g % 10 <> 0 then (d + 7)::timestamp at time zone ${TZ} end
    from generate_series(1, ${rows}::int) g
    cross join lateral (select current_date - (g % 1800) as d) day
    join lateral (select id, unit_id from posts order by id offset (g % 200) limit 1) p on true
  `.execute(database.db);
  await sql`analyze`.execute(database.db);
  const total = (await sql<{ n: number }>`select count(*)::int as n from forms`.execute(database.db)).rows[0]
    ?.n;
  console.log(
    `\nDataset: ${total?.toLocaleString('en')} forms (generated in ${seconds(performance.now() - started)}).`,
  );
  await database.close();
  console.log('\n| case | rows | size | time | peak RSS |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const format of arg('--format')?.split(',') ?? ['xlsx', 'csv'])
    execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--job', format], {
      stdio: 'inherit',
    });
  if (!process.argv.includes('--keep')) await recreateDatabase(url);
  process.exit(0);
}

const format = arg('--job') as 'xlsx' | 'csv';
const database = await openPostgres(url, { max: 4 });
const { app, signIn } = benchApp(database.db, TZ);
const cookie = await signIn();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const started = performance.now();
const res = await app.request(`/api/forms/export?format=${format}`, { headers: { Cookie: cookie } });
if (res.status !== 200 || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
let bytes = 0;
let newlines = 0;
const reader = res.body.getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.length;
  if (format === 'csv') for (const b of value) if (b === 10) newlines++;
}
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
const forms = (await sql<{ n: number }>`select count(*)::int as n from forms`.execute(database.db)).rows[0]
  ?.n;
emit({
  case: `forms ledger as ${format}`,
  rows: forms,
  bytes,
  ms: Math.round(ms),
  peakRssMb: Math.round(peak / 2 ** 20),
});
const counted = format === 'csv' ? `${(newlines - 1).toLocaleString('en')} lines` : 'all';
console.log(
  `| forms ledger as ${format.toUpperCase()}, streamed | ${counted} | ${mb(bytes)} | ${seconds(ms)} | ${mb(peak)} (before: ${mb(rssBefore)}) |`,
);
await database.close();
