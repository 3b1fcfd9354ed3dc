/**
 * The benchmark suite: the product under HTTP load on a PostgreSQL database at province scale.
 *
 *   npm run bench:data -- --scale province     (once: builds the database, see bench/data.ts)
 *   npm run bench -- [--smoke] [--seconds 10] [--connections 1,8,32] [--only list,form] [--no-extras]
 *
 * Starts the built server (`dist/server/node.js`, as `npm start` does) on the bench database
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/rectify_bench) and drives it with autocannon
 * at 1, 8 and 32 connections: the filtered forms list (first and a deep keyset page), a form, its history,
 * filing a form, a transition, the risk point register by grade, the dashboard summary and /api/health as the
 * floor. For the list and the form it records the SQL the request ran (in this process, through the same
 * app) and times it straight through pg at the same concurrency: the ratio API ÷ SQL is the app's overhead.
 * Then the jobs: the monthly digest for 100,000 recipients, audit verify over the whole chain, the
 * 100,000-row XLSX export, and `npm start` cold and warm, each in a process of its own.
 *
 * BENCH_SERVER=path/to/node.js benchmarks another build of the server (an earlier commit's, for before/after).
 *
 * `--smoke` builds the city-scale set (the demo centre) in its own database and runs every case briefly:
 * CI runs it so the suite cannot rot. Timings are printed, never asserted; a case with any failed request,
 * or a job that fails, makes the run fail. Results are written to bench/results/<time>-<scale>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { generateDataset } from './data/generate.ts';
import { option } from './database.ts';
import { runJobs, type JobResult } from './run/jobs.ts';
import { type CaseResult, load, type LoadRequest, startServer } from './run/load.ts';
import { replay, sqlRecorder, type Statements } from './run/sql.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';

const smoke = process.argv.includes('--smoke');
const url =
  process.env.BENCH_DATABASE_URL ??
  `postgres://postgres@127.0.0.1:5432/${smoke ? 'rectify_bench_smoke' : 'rectify_bench'}`;
const seconds = Number(option('--seconds') ?? (smoke ? 1 : 10));
const levels = (option('--connections') ?? '1,8,32').split(',').map(Number);
const only = option('--only')?.split(',');
const TZ = 'Asia/Shanghai';
const POOL = Number(process.env.DATABASE_POOL_MAX ?? 10);
const started = performance.now();

if (smoke) await generateDataset({ url, scale: 'city', log: (line) => console.log(line) });

const client = new pg.Client({ connectionString: url });
await client.connect();
const one = async <T>(text: string, values: unknown[] = []) =>
  (await client.query(text, values)).rows[0] as T;
const scale = await one<{ forms: number; events: number; posts: number; points: number }>(
  `select (select count(*)::int from forms) as forms, (select seq::int from audit_head) as events,
          (select count(*)::int from posts) as posts, (select count(*)::int from risk_points) as points`,
);
if (!scale || scale.forms === 0) throw new Error(`${url} holds no forms: run npm run bench:data first`);
console.log(
  `\n${url}: ${scale.forms.toLocaleString('en')} forms, ${scale.events.toLocaleString('en')} audit events, ` +
    `${scale.posts.toLocaleString('en')} posts, ${scale.points.toLocaleString('en')} risk points.`,
);

// What the cases read: the unit with the most open grade-A forms, fifty forms spread over the table, a window
// post to file forms on, the admin who files them.
const unit = await one<{ unitId: number }>(
  `select unit_id as "unitId" from forms where status = 'open' and grade = 'A'
   group by unit_id order by count(*) desc, unit_id limit 1`,
);
const formIds = (
  await client.query<{ id: number }>(
    `select id from forms where status <> 'draft' order by md5(id::text) limit 50`,
  )
).rows.map((r) => r.id);
const post = await one<{ id: number }>(
  `select p.id from posts p join assignments a on a.post_id = p.id and a.to_date is null
   where p.kind = 'window' order by p.id limit 1`,
);
const admin = await one<{ id: number }>(`select id from people where email = 'admin@centre.example'`);
if (!unit || !post || !admin)
  throw new Error('the bench database lacks open grade-A forms, a staffed post or the admin');

const server = await startServer(url, 3700 + Math.floor(Math.random() * 200), {
  DATABASE_POOL_MAX: String(POOL),
});
const signIn = await fetch(`${server.url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@centre.example', password: DEMO_PASSWORD }),
});
const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
const getJson = async <T>(path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

// The deep page: follow the list's cursors as far as 40 pages in (1,000 forms), or to its last page.
const listPath = `/api/forms?status=open&grade=A&unitId=${unit.unitId}&limit=25`;
let deepPath = listPath;
for (let page = 0, path = listPath; page < 40; page++) {
  const body = await getJson<{ nextCursor: string | null }>(path);
  if (!body.nextCursor) break;
  deepPath = `${listPath}&cursor=${encodeURIComponent(body.nextCursor)}`;
  path = deepPath;
}

const cycle = <T>(items: T[]) => {
  let i = 0;
  return () => items[i++ % items.length] as T;
};
const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
const createBody = JSON.stringify({
  problem: '基准：窗口未一次性告知申请人需补正的全部材料 (bench)',
  occurredOn: today,
  source: 'self_inspection',
  postId: post.id,
  grade: 'B',
});

/** The forms filed by the create case, made ready (cause and a measure) for the transition case. */
const ready: { id: number; version: number }[] = [];
const firstNew = Number((await one<{ id: number }>('select coalesce(max(id), 0)::int as id from forms'))?.id);
async function prepareTransitions() {
  // Setup, not a timed write path: the analysis the filer would record, set-wise.
  await client.query(
    `update forms set root_cause = '{"whys": ["基准：未按清单核对材料"], "category": "process"}'::jsonb
     where id > $1 and status = 'open' and root_cause is null`,
    [firstNew],
  );
  await client.query(
    `insert into form_measures (form_id, position, kind, text, owner_id, due_on)
     select id, 0, 'immediate', '基准：补充告知', $2, current_date + 5 from forms f
     where id > $1 and status = 'open' and not exists (select 1 from form_measures m where m.form_id = f.id)`,
    [firstNew, admin?.id],
  );
  const { rows } = await client.query<{ id: number; version: number }>(
    `select id, version from forms where id > $1 and status = 'open' order by id`,
    [firstNew],
  );
  ready.push(...rows);
}

interface Case {
  name: string;
  request: LoadRequest;
  /** Paths whose SQL is recorded and replayed through pg (cycled like the requests). */
  sql?: string[];
  before?: () => Promise<void>;
  /** A fixed number of requests at the level with this index (the transition uses each prepared form once). */
  amount?: (level: number) => number;
}
const formPaths = formIds.map((id) => `/api/forms/${id}`);
const historyPaths = formIds.map((id) => `/api/forms/${id}/history`);
const nextForm = cycle(formPaths);
const nextHistory = cycle(historyPaths);
let nextReady = 0;
const cases: Case[] = [
  { name: 'health', request: { path: '/api/health' } },
  { name: 'list', request: { path: listPath }, sql: [listPath] },
  { name: 'list-deep', request: { path: deepPath }, sql: [deepPath] },
  { name: 'form', request: { path: () => ({ path: nextForm() }) }, sql: formPaths },
  { name: 'history', request: { path: () => ({ path: nextHistory() }) }, sql: historyPaths },
  { name: 'register', request: { path: '/api/risk-points?grade=A&limit=25' } },
  { name: 'dashboard', request: { path: '/api/reports/summary' } },
  { name: 'create', request: { method: 'POST', path: '/api/forms', body: createBody } },
  {
    name: 'transition',
    before: prepareTransitions,
    // Each level takes its own share of the prepared forms, less a margin for requests in flight at the end.
    amount: (level) => {
      const share = Math.floor(ready.length / levels.length);
      nextReady = level * share;
      return Math.max(0, share - Math.max(...levels));
    },
    request: {
      method: 'POST',
      path: () => {
        const form = ready[nextReady++] ?? { id: 0, version: 0 };
        return {
          path: `/api/forms/${form.id}/transitions`,
          body: JSON.stringify({ to: 'in_progress' }),
          headers: { 'if-match': `"v${form.version}"` },
        };
      },
    },
  },
];

const busy = async () =>
  Number(
    (
      await one<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
      )
    )?.n,
  ) > 0;
const recorder = await sqlRecorder(url, TZ);
const results: CaseResult[] = [];
const row = (r: CaseResult) =>
  `| ${r.case} | ${r.connections} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rps.toLocaleString('en')} | ` +
  `${r.errors} | ${r.peakRssMb ?? '–'} | ${r.sqlP50?.toFixed(2) ?? ''} | ${r.ratio?.toFixed(2) ?? ''} |`;
console.log(
  '\n| case | conns | p50 ms | p99 ms | req/s | errors | peak RSS MB | SQL p50 ms | API ÷ SQL |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const c of cases) {
  if (only && !only.includes(c.name)) continue;
  await c.before?.();
  const statements: Statements[] = [];
  for (const path of c.sql ?? []) statements.push(await recorder.record(path, cookie));
  for (const [level, connections] of levels.entries()) {
    const amount = c.amount?.(level);
    if (amount === 0) {
      console.log(`| ${c.name} | ${connections} | nothing to run (no forms were filed first) | | | | | | |`);
      continue;
    }
    const r = await load(server, c.name, c.request, { connections, seconds, amount, cookie, busy });
    if (statements.length > 0) {
      const s = await replay(url, statements, { connections, seconds: Math.min(seconds, 5), poolSize: POOL });
      r.sqlP50 = s.p50;
      r.sqlP99 = s.p99;
      r.ratio = r.p50 / Math.max(s.p50, 0.001);
    }
    results.push(r);
    console.log(row(r));
    if (r.failures)
      console.log(`|  | failed answers by status: ${JSON.stringify(r.failures)} | | | | | | | |`);
  }
}
await recorder.close();
await server.stop();
await client.end();

const jobs: JobResult[] = process.argv.includes('--no-extras') ? [] : await runJobs({ url, smoke });

if (jobs.length > 0) {
  console.log('\n| job | figures | time | peak RSS MB |\n| --- | --- | ---: | ---: |');
  for (const j of jobs) {
    if (!j.ok) console.log(`| ${j.job} | **failed** | ${(j.ms / 1000).toFixed(1)} s | |`);
    for (const { case: name, ms, peakRssMb, ...rest } of j.figures) {
      const figures = Object.entries(rest)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en') : String(v)}`)
        .join(', ');
      const time = typeof ms === 'number' ? `${(ms / 1000).toFixed(2)} s` : '';
      console.log(`| ${name} | ${figures} | ${time} | ${peakRssMb ?? ''} |`);
    }
  }
}

mkdirSync('bench/results', { recursive: true });
const label = scale.forms >= 500_000 ? 'province' : 'city';
const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}-${label}.json`;
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), smoke, url, scale, seconds, pool: POOL, cases: results, jobs }, null, 2)}\n`,
);
const failed = results.filter((r) => r.errors > 0).map((r) => `${r.case}@${r.connections}`);
console.log(`\nWritten to ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (failed.length > 0 || jobs.some((j) => !j.ok)) {
  console.error(`Failed: ${[...failed, ...jobs.filter((j) => !j.ok).map((j) => j.job)].join(', ')}`);
  process.exit(1);
}
process.exit(0);
