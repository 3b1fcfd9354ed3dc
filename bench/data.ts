/**
 * The benchmark dataset generator.
 *
 *   npm run bench:data -- --scale province|city [--url postgres://…]
 *   npm run bench:data -- --check [--write] [--url postgres://…]
 *
 * Recreates the database (--url, else BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/rectify_bench)
 * and fills it: `city` is the demo centre (the real migrations and demo seed, whose accounts sign in with the
 * demo password); `province` adds twenty cities, a million forms over five years with their history and checks,
 * and one valid audit chain over all of it (bench/data/generate.ts). Prints each phase as it ends and the
 * counts as a table; the last phase checks the result (bench/data/check.ts). `--check` only checks an existing
 * database, verifying the whole audit chain; `--write` also files a form through the app, which then stays.
 */
import { mb, option, seconds } from './database.ts';
import { checkDataset } from './data/check.ts';
import { generateDataset, type Scale } from './data/generate.ts';
import { openPostgres } from '../server/db/database.ts';

const url =
  option('--url') ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rectify_bench';
const log = (line: string) => console.log(line);

if (process.argv.includes('--check')) {
  const database = await openPostgres(url, { max: 4 });
  const started = performance.now();
  try {
    await checkDataset(database.db, url, { full: true, write: process.argv.includes('--write'), log });
  } finally {
    await database.close();
  }
  console.log(`Checked ${url} in ${seconds(performance.now() - started)}.`);
  process.exit(0);
}

const scale = option('--scale') ?? 'city';
if (scale !== 'province' && scale !== 'city') {
  console.error('--scale must be province or city');
  process.exit(2);
}
const summary = await generateDataset({ url, scale: scale as Scale, log });
const n = (value: number) => value.toLocaleString('en');
const { forms, riskPoints } = summary;
console.log(`\n| ${summary.scale} dataset (${summary.today}) | count |`);
console.log('| --- | ---: |');
console.log(`| units | ${n(summary.units)} |`);
console.log(`| posts | ${n(summary.posts)} |`);
console.log(
  `| risk points (A / B / C) | ${n(riskPoints.A + riskPoints.B + riskPoints.C)} (${n(riskPoints.A)} / ${n(riskPoints.B)} / ${n(riskPoints.C)}) |`,
);
console.log(`| people | ${n(summary.people)} |`);
console.log(`| forms | ${n(forms.total)} |`);
for (const status of ['draft', 'open', 'in_progress', 'verifying', 'closed', 'cancelled'] as const) {
  console.log(`| — ${status} | ${n(forms[status] ?? 0)} |`);
}
console.log(`| inspections | ${n(summary.inspections)} |`);
console.log(`| audit events | ${n(summary.auditEvents)} |`);
console.log(`\n| phase | time |`);
console.log('| --- | ---: |');
for (const p of summary.phases) console.log(`| ${p.name} | ${seconds(p.ms)} |`);
console.log(`| total | ${seconds(summary.elapsedMs)} |`);
console.log(`\nPeak RSS ${mb(summary.peakRssMb * 2 ** 20)}.`);
process.exit(0);
