import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openPostgres } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { DB, FormStatus } from '../../server/db/types.ts';
import { dateIn } from '../../server/http/context.ts';
import { ensureDemo } from '../../server/seed/ensure.ts';
import { mb, recreateDatabase, seconds } from '../database.ts';
import { seedProvinceCatalogue } from './catalogue.ts';
import { checkDataset, TZ } from './check.ts';
import { History } from './history.ts';
import { loadCatalogue } from './province.ts';
import {
  addForeignKeys,
  ChainWriter,
  createIndexes,
  dropForeignKeys,
  dropIndexes,
  type ForeignKeyDef,
  fillAccountability,
  type IndexDef,
  RowWriter,
  Stream,
  setTriggers,
} from './loader.ts';

/**
 * The benchmark dataset: a fresh PostgreSQL database with the real migrations and the real demo seed (city 1,
 * whose accounts sign in with DEMO_PASSWORD). `city` stops there. `province` adds twenty more cities copied
 * from the demo's catalogue with the staff of their counties, towns and villages (about 60,000 people, 4,900
 * posts, 22,000 risk points), then five years of forms (1,000,000, with their measures, comments and history),
 * the supervisors' checks and one audit chain over all of it, loaded in bulk; the history ends with the last
 * working day before today. Reproducible: the same scale on the same day gives the same rows (seeding times
 * and password salts aside); on another day the same counts and mixes, moved along.
 */

export type Scale = 'province' | 'city';

export const PROVINCE_FORMS = 1_000_000;

export interface DatasetSummary {
  scale: Scale;
  today: string;
  units: number;
  posts: number;
  riskPoints: { A: number; B: number; C: number };
  people: number;
  forms: { total: number } & Partial<Record<FormStatus, number>>;
  auditEvents: number;
  inspections: number;
  elapsedMs: number;
  phases: { name: string; ms: number }[];
  peakRssMb: number;
}

export async function generateDataset(opts: {
  url: string;
  scale: Scale;
  log?: (line: string) => void;
}): Promise<DatasetSummary> {
  const { url, scale } = opts;
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const today = dateIn(new Date(), TZ);
  const phases: DatasetSummary['phases'] = [];
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    log(`${name} …`);
    const result = await work();
    const ms = Math.round(performance.now() - from);
    phases.push({ name, ms });
    log(
      `${name}: ${seconds(ms)} (at ${seconds(performance.now() - started)}, RSS ${mb(process.memoryUsage().rss)})`,
    );
    return result;
  };

  log(`Generating the ${scale} dataset for ${today} into ${url}`);
  await phase('database', async () => {
    await recreateDatabase(url);
  });
  const database = await openPostgres(url, { max: 4 });
  const { db } = database;
  try {
    await phase('migrate', async () => {
      await migrateToLatest(db);
    });
    await phase('demo', async () => {
      const seeded = await ensureDemo(db, TZ, today);
      if (!seeded) throw new Error(`${url} was not empty after it was created`);
    });
    if (scale === 'province') {
      await phase('catalogue', async () => {
        const counts = await seedProvinceCatalogue(db, today);
        log(
          `  ${counts.cities} cities: ${counts.units.toLocaleString('en')} units, ${counts.people.toLocaleString('en')} people ` +
            `(${counts.staff.toLocaleString('en')} county, town and village staff, ${counts.formerHolders.toLocaleString('en')} former holders), ` +
            `${counts.posts.toLocaleString('en')} posts, ${counts.riskPoints.toLocaleString('en')} risk points`,
        );
      });
      await loadHistory(db, url, today, phase, log);
    }
    await phase('analyze', async () => {
      // After a bulk load, VACUUM also sets the visibility map and hint bits the first readers would otherwise write.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(scale === 'province' ? 'vacuum (analyze)' : 'analyze');
      await client.end();
    });
    // counted before the check, which signs in (one audit event) and so is not part of the dataset
    const summary = await summarise(db, scale, today);
    await phase('check', () => checkDataset(db, url, { log }));
    return {
      ...summary,
      elapsedMs: Math.round(performance.now() - started),
      phases,
      peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
    };
  } finally {
    await database.close();
  }
}

type Phase = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** Five years of forms and checks with their audit trail, then the indexes, derived rows and counters. */
async function loadHistory(
  db: Kysely<DB>,
  url: string,
  today: string,
  phase: Phase,
  log: (line: string) => void,
) {
  const raw = db.withoutPlugins();
  const rows = await Stream.open(url);
  const events = await Stream.open(url);
  let indexes: IndexDef[] = [];
  let foreignKeys: ForeignKeyDef[] = [];
  let formsBefore = 0;
  try {
    const history = await phase('history', async () => {
      const catalogue = await loadCatalogue(db);
      const { rows: ids } = await sql<{
        forms: number;
        measures: number;
        comments: number;
        inspections: number;
      }>`
        select (select coalesce(max(id), 0) from forms) as forms,
               (select coalesce(max(id), 0) from form_measures) as measures,
               (select coalesce(max(id), 0) from form_comments) as comments,
               (select coalesce(max(id), 0) from inspections) as inspections
      `.execute(raw);
      const last = ids[0];
      if (!last) throw new Error('history: no ids read');
      formsBefore = Number(last.forms);
      const numbers = await sql<{ year: number; last: number }>`select year, last from form_numbers`.execute(
        raw,
      );
      const head = await sql<{ seq: string; hash: string }>`select seq, hash from audit_head`.execute(raw);
      const start = head.rows[0];
      if (!start) throw new Error('history: no audit head');

      indexes = await dropIndexes(rows.client);
      foreignKeys = await dropForeignKeys(rows.client);
      await setTriggers(rows.client, false);
      const history = new History(catalogue, {
        today,
        forms: PROVINCE_FORMS,
        next: {
          form: formsBefore + 1,
          measure: Number(last.measures) + 1,
          comment: Number(last.comments) + 1,
          inspection: Number(last.inspections) + 1,
        },
        numbers: new Map(numbers.rows.map((n) => [Number(n.year), Number(n.last)])),
      });
      const writer = new RowWriter(rows);
      const chain = new ChainWriter(events, { seq: Number(start.seq), hash: start.hash });
      const from = performance.now();
      let reported = 0;
      for (const day of history.days()) {
        for (const row of day.forms) writer.forms.add(row);
        for (const row of day.measures) writer.measures.add(row);
        for (const row of day.comments) writer.comments.add(row);
        for (const row of day.inspections) writer.inspections.add(row);
        await writer.flushIfFull();
        await chain.append(day.events);
        if (history.counts.forms >= reported + 100_000) {
          reported = history.counts.forms - (history.counts.forms % 100_000);
          log(
            `  ${day.date}: ${history.counts.forms.toLocaleString('en')} forms, ` +
              `${history.counts.inspections.toLocaleString('en')} checks, ${history.counts.events.toLocaleString('en')} events ` +
              `(${seconds(performance.now() - from)}, RSS ${mb(process.memoryUsage().rss)})`,
          );
        }
      }
      await writer.finish();
      await chain.finish();
      const c = history.counts;
      log(
        `  ${c.forms.toLocaleString('en')} forms, ${c.measures.toLocaleString('en')} measures, ` +
          `${c.comments.toLocaleString('en')} comments, ${c.inspections.toLocaleString('en')} checks, ` +
          `${c.events.toLocaleString('en')} events (chain head ${chain.head.seq.toLocaleString('en')})`,
      );
      return history;
    });

    await phase('indexes', async () => {
      await createIndexes([rows.client, events.client], indexes, log);
      await addForeignKeys([rows.client, events.client], foreignKeys, log);
      await fillAccountability(rows.client, formsBefore);
      await setTriggers(rows.client, true);
    });

    await phase('counters', async () => {
      for (const [year, last] of history.numbers) {
        await rows.client.query(
          `insert into form_numbers (year, last) values ($1, $2)
           on conflict (year) do update set last = greatest(form_numbers.last, excluded.last)`,
          [year, last],
        );
      }
      const { rows: identities } = await rows.client.query<{ table: string }>(
        `select table_name as table from information_schema.columns
         where table_schema = 'public' and is_identity = 'YES' and column_name = 'id'`,
      );
      for (const { table } of identities) {
        await rows.client.query(
          `select setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 1), max(id) is not null) from ${table}`,
          [table],
        );
      }
    });
  } finally {
    await rows.close();
    await events.close();
  }
}

async function summarise(db: Kysely<DB>, scale: Scale, today: string) {
  const raw = db.withoutPlugins();
  const { rows } = await sql<{
    units: number;
    posts: number;
    people: number;
    audit_events: number;
    inspections: number;
  }>`
    select (select count(*)::int from units) as units, (select count(*)::int from posts) as posts,
           (select count(*)::int from people) as people, (select seq::int from audit_head) as audit_events,
           (select count(*)::int from inspections) as inspections
  `.execute(raw);
  const grades = await sql<{ grade: 'A' | 'B' | 'C'; n: number }>`
    select grade, count(*)::int as n from risk_points group by grade
  `.execute(raw);
  const statuses = await sql<{ status: FormStatus; n: number }>`
    select status, count(*)::int as n from forms group by status order by status
  `.execute(raw);
  const row = rows[0];
  if (!row) throw new Error('summary: nothing counted');
  const riskPoints = { A: 0, B: 0, C: 0 };
  for (const g of grades.rows) riskPoints[g.grade] = g.n;
  const forms: DatasetSummary['forms'] = { total: 0 };
  for (const s of statuses.rows) {
    forms[s.status] = s.n;
    forms.total += s.n;
  }
  return {
    scale,
    today,
    units: row.units,
    posts: row.posts,
    riskPoints,
    people: row.people,
    forms,
    auditEvents: row.audit_events,
    inspections: row.inspections,
  };
}
