import { type Kysely, sql } from 'kysely';
import { causeCategoryLabels } from '../forms/labels.ts';
import type { DB, Grade, Locale } from '../db/types.ts';
import { periodBounds } from '../inspections/period.ts';
import { bandLabels, deductionLabels } from '../scorecards/labels.ts';
import { monthScoresByPost } from '../scorecards/service.ts';
import { coverageRows, pointsDueBy } from '../inspections/queries.ts';
import type { JobMeta } from './reminders.ts';
import { enqueueAll, type MailContext, type OutgoingMail, personName, say } from './outbox.ts';
import { insertReceipts, type MailPerson } from './queries.ts';

/**
 * The monthly digest, on the 1st for the month before: to every accountable person (everyone holding a
 * post, every supervisor and leader) their open, due-soon and overdue forms, what closed that month and the
 * risk points on their posts due for checking; leaders and supervisors also get their units' figures and
 * the audit chain's head at the month's end. Everything is read set-wise up front (no query per person),
 * then queued a batch of recipients at a time under digest:<month>:person:<id>, with a receipt each, so a
 * run stopped midway and run again queues the rest and nothing twice.
 */
const GRADES: Grade[] = ['A', 'B', 'C'];
const FORMS_LISTED = 10;
const DEDUCTIONS_LISTED = 10;

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

interface Recipient extends MailPerson {
  roles: string[];
  unitId: number;
  unitPath: string;
  unitName: string;
  unitNameEn: string;
}

function recipients(db: Kysely<DB>, today: string, after: number, limit: number) {
  return sql<Recipient>`
    select p.id, p.name, p.name_en, p.email, p.locale, p.mail_opt_out, p.roles,
           u.id as unit_id, u.path as unit_path, u.name as unit_name, u.name_en as unit_name_en
    from people p join units u on u.id = p.unit_id
    where p.id > ${after} and p.active and (
      p.roles && array['supervisor', 'leader']::text[]
      or exists (select 1 from assignments a where a.person_id = p.id and a.from_date <= ${today}::date
                 and (a.to_date is null or a.to_date >= ${today}::date))
    )
    order by p.id
    limit ${limit}
  `.execute(db);
}

interface FormLine {
  personId: number;
  id: number;
  number: string;
  problem: string;
  deadline: string;
  card: 'none' | 'yellow' | 'red';
}

function group<T extends { personId: number }>(rows: T[]) {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.personId);
    if (list) list.push(r);
    else map.set(r.personId, [r]);
  }
  return map;
}

interface UnitFigures {
  filed: number;
  closed: number;
  onTime: number;
  grades: Record<Grade, { filed: number; closed: number; onTime: number; due: number; checked: number }>;
  causes: Map<string, number>;
}

const emptyFigures = (): UnitFigures => ({
  filed: 0,
  closed: 0,
  onTime: 0,
  grades: {
    A: { filed: 0, closed: 0, onTime: 0, due: 0, checked: 0 },
    B: { filed: 0, closed: 0, onTime: 0, due: 0, checked: 0 },
    C: { filed: 0, closed: 0, onTime: 0, due: 0, checked: 0 },
  },
  causes: new Map(),
});

/** Per unit: forms filed and closed in the month (on time or not) by grade, root causes, checks done. */
async function unitFigures(db: Kysely<DB>, ctx: MailContext, month: string) {
  const { start, end } = periodBounds(month);
  const after = periodBounds(nextMonth(month)).start;
  const tz = ctx.timeZone;
  const closedIn = sql`f.closed_at >= (${start}::timestamp at time zone ${tz}) and f.closed_at < (${after}::timestamp at time zone ${tz})`;
  const [forms, causes, coverage, units] = await Promise.all([
    sql<{ unitId: number; grade: Grade; filed: number; closed: number; onTime: number }>`
      select f.unit_id, f.grade,
             count(*) filter (where f.filed_on between ${start}::date and ${end}::date and f.status <> 'draft')::int as filed,
             count(*) filter (where f.status = 'closed' and ${closedIn})::int as closed,
             count(*) filter (where f.status = 'closed' and ${closedIn} and (f.closed_at at time zone ${tz})::date <= f.deadline)::int as on_time
      from forms f
      where (f.filed_on between ${start}::date and ${end}::date) or (f.status = 'closed' and ${closedIn})
      group by f.unit_id, f.grade
    `.execute(db),
    sql<{ unitId: number; category: string; n: number }>`
      select f.unit_id, f.root_cause->>'category' as category, count(*)::int as n
      from forms f
      where f.status = 'closed' and ${closedIn} and f.root_cause->>'category' is not null
      group by 1, 2
    `.execute(db),
    coverageRows(db, null, {
      start,
      end,
      today: end,
      every: ctx.settings.checkFrequencyMonths,
      timeZone: tz,
    }),
    db.selectFrom('units').select(['id', 'path']).execute(),
  ]);
  const byUnit = new Map<number, UnitFigures>();
  const of = (id: number) => {
    let f = byUnit.get(id);
    if (!f) {
      f = emptyFigures();
      byUnit.set(id, f);
    }
    return f;
  };
  for (const r of forms.rows) {
    const f = of(r.unitId);
    f.filed += r.filed;
    f.closed += r.closed;
    f.onTime += r.onTime;
    Object.assign(f.grades[r.grade], {
      filed: f.grades[r.grade].filed + r.filed,
      closed: f.grades[r.grade].closed + r.closed,
      onTime: f.grades[r.grade].onTime + r.onTime,
    });
  }
  for (const r of causes.rows)
    of(r.unitId).causes.set(r.category, (of(r.unitId).causes.get(r.category) ?? 0) + r.n);
  for (const r of coverage) {
    const g = of(r.unitId).grades[r.grade];
    g.due += r.due;
    g.checked += r.checked;
  }
  const paths = new Map(units.map((u) => [u.id, u.path]));
  const perUnit = [...byUnit.entries()].map(([id, f]) => ({ path: paths.get(id) ?? '', f }));
  // A leader's or supervisor's figures are their unit's subtree: summed once per unit asked for.
  const subtrees = new Map<string, UnitFigures>();
  return (path: string) => {
    let total = subtrees.get(path);
    if (!total) {
      total = emptyFigures();
      for (const { path: p, f } of perUnit) {
        if (!p.startsWith(path)) continue;
        total.filed += f.filed;
        total.closed += f.closed;
        total.onTime += f.onTime;
        for (const g of GRADES) {
          for (const k of ['filed', 'closed', 'onTime', 'due', 'checked'] as const)
            total.grades[g][k] += f.grades[g][k];
        }
        for (const [c, n] of f.causes) total.causes.set(c, (total.causes.get(c) ?? 0) + n);
      }
      subtrees.set(path, total);
    }
    return total;
  };
}

const percent = (n: number, of: number) => (of === 0 ? '—' : `${Math.round((100 * n) / of)}%`);

export interface DigestOptions extends JobMeta {
  /** The day the digest is sent (the receipts' date); the process's today by default. */
  today: string;
  batch?: number;
  /** Recipients whose facts are read together. */
  chunk?: number;
  /** Called after each batch is committed (progress; tests stop a run here). */
  onBatch?: (index: number) => void;
}

export async function queueDigest(db: Kysely<DB>, ctx: MailContext, month: string, options: DigestOptions) {
  const today = options.today;
  const { start } = periodBounds(month);
  const after = periodBounds(nextMonth(month)).start;
  const tz = ctx.timeZone;
  const anchor = await sql<{ seq: number; hash: string }>`
    select seq, hash from audit_events where at < (${after}::timestamp at time zone ${tz}) order by seq desc limit 1
  `.execute(db);
  // A chunk of recipients at a time (ids lo..hi), with their forms and posts: memory stays flat however
  // many there are. The active forms are few and indexed; the month's closed ones have their own index.
  const chunkFacts = async (lo: number, hi: number) => {
    const [open, closed, assignments] = await Promise.all([
      sql<FormLine>`
        select h.person_id, f.id, f.number, f.problem, f.deadline,
               case when f.deadline < ${today}::date then 'red' when f.yellow_on <= ${today}::date then 'yellow' else 'none' end as card
        from forms f cross join lateral unnest(f.holder_ids) as h(person_id)
        where f.status in ('open', 'in_progress', 'verifying')
          and h.person_id between ${lo}::int and ${hi}::int
        order by f.deadline, f.id
      `.execute(db),
      sql<{ personId: number; id: number; number: string; problem: string; closedOn: string }>`
        select h.person_id, f.id, f.number, f.problem, (f.closed_at at time zone ${tz})::date as closed_on
        from forms f cross join lateral unnest(f.holder_ids) as h(person_id)
        where f.status = 'closed' and h.person_id between ${lo}::int and ${hi}::int
          and f.closed_at >= (${start}::timestamp at time zone ${tz})
          and f.closed_at < (${after}::timestamp at time zone ${tz})
        order by f.closed_at, f.id
      `.execute(db),
      sql<{ personId: number; postId: number }>`
        select person_id, post_id from assignments
        where person_id between ${lo}::int and ${hi}::int and from_date <= ${today}::date
          and (to_date is null or to_date >= ${today}::date)
      `.execute(db),
    ]);
    return {
      openOf: group(open.rows),
      closedOf: group(closed.rows),
      postsOf: new Map([...group(assignments.rows)].map(([id, rows]) => [id, rows.map((x) => x.postId)])),
    };
  };
  const next = periodBounds(nextMonth(month));
  const points = await pointsDueBy(
    db,
    { start: next.start, end: next.end, today, every: ctx.settings.checkFrequencyMonths, timeZone: tz },
    next.end,
  );
  const pointsByPost = new Map<number, typeof points>();
  for (const p of points) {
    const list = pointsByPost.get(p.postId);
    if (list) list.push(p);
    else pointsByPost.set(p.postId, [p]);
  }
  const figuresFor = await unitFigures(db, ctx, month);
  // Every post's score for the month, read once: frozen when the month is closed, else live so far.
  const scores = await monthScoresByPost(db, month, today, tz);
  const head = anchor.rows[0];

  const mailFor = async (
    r: Recipient,
    facts: Awaited<ReturnType<typeof chunkFacts>>,
  ): Promise<OutgoingMail> => {
    const { openOf, closedOf, postsOf } = facts;
    const locale = r.locale;
    const en = locale === 'en';
    const mine = openOf.get(r.id) ?? [];
    const urgent = [...mine].sort(
      (a, b) => rank(a.card) - rank(b.card) || a.deadline.localeCompare(b.deadline),
    );
    const theirPoints = (postsOf.get(r.id) ?? []).flatMap((p) => pointsByPost.get(p) ?? []).slice(0, 15);
    const scorecards = (postsOf.get(r.id) ?? []).flatMap((p) => {
      const s = scores.get(p);
      if (!s) return [];
      return [
        {
          post: `${s.code} ${personName(s, locale)}`,
          total: s.total,
          band: say(bandLabels[s.band], locale),
          live: !s.closed,
          url: `${ctx.publicUrl}/scorecards/${month}/posts/${p}`,
          deductions: s.deductions.slice(0, DEDUCTIONS_LISTED).map((d) => ({
            label: say(deductionLabels[d.kind], locale),
            ref: d.formNumber ?? (d.inspectionId ? `#${d.inspectionId}` : ''),
            points: d.points,
          })),
        },
      ];
    });
    const closedList = closedOf.get(r.id) ?? [];
    const counts = {
      open: mine.length,
      dueSoon: mine.filter((f) => f.card === 'yellow').length,
      overdue: mine.filter((f) => f.card === 'red').length,
      closed: closedList.length,
    };
    const oversees = r.roles.includes('leader') || r.roles.includes('supervisor');
    const token = await ctx.sign({ purpose: 'digest-read', personId: r.id, month });
    const summary = en
      ? `${counts.open} open, ${counts.dueSoon} due soon, ${counts.overdue} overdue, ${counts.closed} closed`
      : `在办 ${counts.open} 条，即将到期 ${counts.dueSoon} 条，已超期 ${counts.overdue} 条，关闭 ${counts.closed} 条`;
    return {
      key: `digest:${month}:person:${r.id}`,
      template: 'digest',
      person: r,
      data: {
        month,
        preview: summary,
        summary,
        counts,
        forms: urgent.slice(0, FORMS_LISTED).map((f) => ({
          number: f.number,
          problem: f.problem,
          deadline: f.deadline,
          card: f.card === 'none' ? '' : f.card,
          url: `${ctx.publicUrl}/forms/${f.id}`,
        })),
        moreForms: Math.max(0, mine.length - FORMS_LISTED),
        closed: closedList.slice(0, FORMS_LISTED).map((f) => ({
          number: f.number,
          problem: f.problem,
          closedOn: f.closedOn,
          url: `${ctx.publicUrl}/forms/${f.id}`,
        })),
        scorecards,
        points: theirPoints.map((p) => ({
          code: p.code,
          description: p.description,
          grade: p.grade,
          dueOn: p.dueOn,
        })),
        figures: oversees ? figuresData(figuresFor(r.unitPath), locale) : null,
        unitName: en ? r.unitNameEn || r.unitName : r.unitName,
        anchor: oversees && head ? { seq: Number(head.seq), hash: head.hash } : null,
        readUrl: `${ctx.publicUrl}/digest/read?token=${token}`,
        url: ctx.publicUrl,
      },
    };
  };

  const size = options.batch ?? 500;
  let queued = 0;
  let count = 0;
  let batch = 0;
  // Facts are read for a chunk of recipients (a few set-wise queries), queued a batch at a time.
  const chunk = Math.max(size, options.chunk ?? 5000);
  for (let after = 0; ; ) {
    const people = (await recipients(db, today, after, chunk)).rows;
    if (people.length === 0) break;
    after = people[people.length - 1]?.id as number;
    count += people.length;
    const facts = await chunkFacts(people[0]?.id as number, after);
    const mails = await Promise.all(people.map((r) => mailFor(r, facts)));
    queued += await enqueueAll(
      db,
      ctx,
      mails,
      { requestId: `digest:${month}`, hasher: options.hasher },
      {
        batch: size,
        afterBatch: (tx, rows) =>
          insertReceipts(
            tx,
            rows.map((q) => ({ month, personId: q.personId as number, outboxId: q.id, sentOn: today })),
          ),
        committed: () => options.onBatch?.(batch++),
      },
    );
  }
  return { queued, recipients: count };
}

const rank = (card: string) => (card === 'red' ? 0 : card === 'yellow' ? 1 : 2);

function figuresData(f: UnitFigures, locale: Locale) {
  return {
    filed: f.filed,
    closed: f.closed,
    onTimeRate: percent(f.onTime, f.closed),
    grades: GRADES.map((g) => ({
      grade: g,
      filed: f.grades[g].filed,
      closed: f.grades[g].closed,
      onTimeRate: percent(f.grades[g].onTime, f.grades[g].closed),
      coverage: percent(f.grades[g].checked, f.grades[g].due),
    })),
    causes: [...f.causes.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c, n]) => ({ label: say(causeCategoryLabels[c], locale) || c, count: n })),
  };
}
