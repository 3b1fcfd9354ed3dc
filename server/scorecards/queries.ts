import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { escapeLike } from '../catalog/scope.ts';
import { jsonb } from '../db/database.ts';
import type { DB, DeductionKind, Grade, ScoreBand } from '../db/types.ts';
import type { SettingsValues } from '../settings/schema.ts';

/**
 * The scorecards' SQL. A month's live figures are computed set-wise: one query yields every deduction of
 * every post in scope as a row (linked to its form or inspection), another adds them up per post and ranks
 * the posts — never a query per post. A closed month is read from its snapshot instead.
 *
 * The deductions, for a month counted up to `last` (its last day, or today while it runs):
 * - overdue: per form, the working days d of the month with deadline < d < the day it closed (or d ≤ last
 *   while still open), and d on or after the day it was filed. Drafts and cancelled forms never count; a
 *   reopened form counts against the new deadline it got when reopened.
 * - failed_check: a routine check with result fail on a risk point of the post (the post when checked),
 *   checked in the month, by the point's grade that day (its grade history). A failed re-check is not
 *   counted here: it reopens its form, which counts as reopened.
 * - complaint: a form with source complaint found in the month, neither a draft nor cancelled (valid).
 * - reopened: each closed → in_progress move in the month (a supervisor's reopening or a failed re-check),
 *   by the day of its audit event in the centre's time zone.
 */
export interface MonthWindow {
  month: string;
  start: string;
  /** The last day counted: the month's end, or today while the month runs. */
  last: string;
  timeZone: string;
  /** The working days of the month up to `last`. */
  workingDays: string[];
  rules: SettingsValues['scorecardRules'];
}

/** Which posts: a unit subtree (null: all), optionally only some posts (a holder's own). */
export interface PostScope {
  path: string | null;
  postIds?: number[];
}

type Db = Kysely<DB> | Transaction<DB>;

function inScope(s: PostScope, postCol: RawBuilder<unknown>, unitCol: RawBuilder<unknown>) {
  const parts: RawBuilder<boolean>[] = [];
  if (s.path !== null)
    parts.push(
      sql<boolean>`${unitCol} in (select sub.id from units sub where sub.path like ${`${escapeLike(s.path)}%`})`,
    );
  if (s.postIds) {
    parts.push(
      s.postIds.length === 0 ? sql<boolean>`false` : sql<boolean>`${postCol} in (${sql.join(s.postIds)})`,
    );
  }
  return parts.length === 0 ? sql<boolean>`true` : sql.join(parts, sql` and `);
}

const postIn = (s: PostScope, alias: string) =>
  inScope(
    s,
    sql.ref(`${alias}.post_id`),
    sql`(select sp.unit_id from posts sp where sp.id = ${sql.ref(`${alias}.post_id`)})`,
  );

const instant = (day: RawBuilder<unknown> | string, tz: string) =>
  sql`(${day}::date::timestamp at time zone ${tz})`;

/** Every deduction of the month for the posts in scope, one row each. */
export function deductions(w: MonthWindow, s: PostScope) {
  const r = w.rules;
  const tz = w.timeZone;
  const days =
    w.workingDays.length === 0 ? sql`array[]::date[]` : sql`array[${sql.join(w.workingDays)}]::date[]`;
  const afterLast = sql`(${w.last}::date + 1)`;
  return sql`
    select f.post_id, 'overdue'::text as kind, f.id as form_id, null::int as inspection_id, f.grade,
           count(*)::int as days, null::date as on_date, (count(*) * ${r.overduePerWorkingDay})::int as points
    from forms f cross join lateral unnest(${days}) as wd(d)
    where f.status not in ('draft', 'cancelled')
      and (f.status <> 'closed' or f.closed_at >= ${instant(w.start, tz)})
      and f.deadline < ${w.last}::date
      and wd.d > f.deadline and wd.d >= f.filed_on
      and (f.closed_at is null or wd.d < (f.closed_at at time zone ${tz})::date)
      and ${postIn(s, 'f')}
    group by f.post_id, f.id, f.grade
    union all
    select i.post_id, 'failed_check', i.form_id, i.id, g.grade, null, i.checked_on,
           case g.grade when 'A' then ${r.failedCheck.A}::int when 'B' then ${r.failedCheck.B}::int else ${r.failedCheck.C}::int end
    from inspections i
    cross join lateral (
      select coalesce(
        (select h.grade from risk_point_grades h
         where h.risk_point_id = i.risk_point_id and h.changed_at < ${instant(sql`(i.checked_on + 1)`, tz)}
         order by h.changed_at desc, h.id desc limit 1),
        -- before its first recorded change: the grade it had then (the creation row has no previous grade)
        (select coalesce(h.previous_grade, h.grade) from risk_point_grades h
         where h.risk_point_id = i.risk_point_id and h.changed_at >= ${instant(sql`(i.checked_on + 1)`, tz)}
         order by h.changed_at, h.id limit 1),
        (select rp.grade from risk_points rp where rp.id = i.risk_point_id)
      ) as grade
    ) g
    where i.result = 'fail' and i.kind = 'routine'
      and i.checked_on between ${w.start}::date and ${w.last}::date
      and ${postIn(s, 'i')}
    union all
    select f.post_id, 'complaint', f.id, null, f.grade, null, f.found_on, ${r.validComplaint}::int
    from forms f
    where f.source = 'complaint' and f.status not in ('draft', 'cancelled')
      and f.found_on between ${w.start}::date and ${w.last}::date
      and ${postIn(s, 'f')}
    union all
    select f.post_id, 'reopened', f.id, null, f.grade, null, (e.at at time zone ${tz})::date, ${r.reopened}::int
    from audit_events e join forms f on f.id::text = e.entity_id
    where e.action = 'form.transition' and e.before->>'status' = 'closed'
      and e.entity_type = 'form' and e.after->>'status' = 'in_progress'
      and e.at >= ${instant(w.start, tz)} and e.at < ${instant(afterLast, tz)}
      and ${postIn(s, 'f')}
  `;
}

/** A month's score per post in scope: (post_id, unit_id, score, adjustment), live or from the snapshot. */
export function monthTotals(w: MonthWindow, s: PostScope, closed: boolean) {
  if (closed) {
    return sql`
      select sc.post_id, sc.unit_id, sc.score,
             coalesce((select sum(a.points) from scorecard_adjustments a
                       where a.month = sc.month and a.post_id = sc.post_id), 0)::int as adjustment
      from scorecards sc
      where sc.month = ${w.month} and ${inScope(s, sql.ref('sc.post_id'), sql.ref('sc.unit_id'))}
    `;
  }
  return sql`
    select p.id as post_id, p.unit_id, (100 - coalesce(d.points, 0))::int as score, 0 as adjustment
    from posts p
    left join (select x.post_id, sum(x.points) as points from (${deductions(w, s)}) x group by x.post_id) d
      on d.post_id = p.id
    where ${inScope(s, sql.ref('p.id'), sql.ref('p.unit_id'))}
  `;
}

export interface PostScoreRow {
  postId: number;
  code: string;
  name: string;
  nameEn: string;
  unitId: number;
  unitName: string;
  unitNameEn: string;
  score: number;
  adjustment: number;
  total: number;
  rank: number;
  previousTotal: number | null;
  flagged: boolean;
  count: number;
}

/**
 * The posts of a month ranked by total (ties share a rank), with last month's total and this month's talk
 * flag; a page at a time after (total, postId), or one post (its rank among all in scope).
 */
export async function rankedPosts(
  db: Db,
  cur: RawBuilder<unknown>,
  prev: RawBuilder<unknown>,
  month: string,
  page: { limit: number; after?: [number, number]; postId?: number },
) {
  const after = page.after
    ? sql`(r.total < ${page.after[0]} or (r.total = ${page.after[0]} and r.post_id > ${page.after[1]}))`
    : sql`true`;
  const only = page.postId === undefined ? sql`true` : sql`r.post_id = ${page.postId}`;
  const { rows } = await sql<PostScoreRow>`
    with cur as (${cur}), prev as (${prev})
    select * from (
      select c.post_id, p.code, p.name, p.name_en, c.unit_id, u.name as unit_name, u.name_en as unit_name_en,
             c.score, c.adjustment, (c.score + c.adjustment)::int as total,
             rank() over (order by c.score + c.adjustment desc)::int as rank,
             (pv.score + pv.adjustment)::int as previous_total,
             exists (select 1 from talk_flags t where t.post_id = c.post_id and t.month = ${month}) as flagged,
             count(*) over ()::int as count
      from cur c join posts p on p.id = c.post_id join units u on u.id = c.unit_id
      left join prev pv on pv.post_id = c.post_id
    ) r
    where ${after} and ${only}
    order by r.total desc, r.post_id
    limit ${page.limit + 1}
  `.execute(db);
  return rows;
}

export interface UnitAverageRow {
  unitId: number;
  code: string;
  name: string;
  nameEn: string;
  posts: number;
  average: number | null;
  previousAverage: number | null;
}

/** Each of the given units' average total over the posts of its subtree, this month and the one before. */
export async function unitAverages(
  db: Db,
  cur: RawBuilder<unknown>,
  prev: RawBuilder<unknown>,
  unitIds: number[],
) {
  if (unitIds.length === 0) return [];
  const { rows } = await sql<UnitAverageRow>`
    with cur as (select c.*, u.path from (${cur}) c join units u on u.id = c.unit_id),
         prev as (select c.*, u.path from (${prev}) c join units u on u.id = c.unit_id)
    select k.id as unit_id, k.code, k.name, k.name_en,
           (select count(*) from cur c where c.path like replace(k.path, '_', '\\_') || '%')::int as posts,
           (select round(avg(c.score + c.adjustment), 1) from cur c where c.path like replace(k.path, '_', '\\_') || '%')::float8 as average,
           (select round(avg(c.score + c.adjustment), 1) from prev c where c.path like replace(k.path, '_', '\\_') || '%')::float8 as previous_average
    from units k
    where k.id in (${sql.join(unitIds)})
    order by k.sort_order, k.code
  `.execute(db);
  return rows;
}

export interface DeductionRow {
  postId: number;
  kind: DeductionKind;
  formId: number | null;
  formNumber: string | null;
  inspectionId: number | null;
  grade: Grade | null;
  days: number | null;
  onDate: string | null;
  points: number;
}

/** The deductions of the posts in scope, live or frozen, with their forms' numbers; largest first. */
export async function deductionList(db: Db, w: MonthWindow, s: PostScope, closed: boolean) {
  const source = closed
    ? sql`select d.post_id, d.kind, d.form_id, d.inspection_id, d.grade, d.days, d.on_date, d.points
          from scorecard_deductions d where d.month = ${w.month} and ${inScope(s, sql.ref('d.post_id'), sql`(select sp.unit_id from scorecards sp where sp.month = d.month and sp.post_id = d.post_id)`)}`
    : deductions(w, s);
  const { rows } = await sql<DeductionRow>`
    select x.post_id, x.kind, x.form_id, f.number as form_number, x.inspection_id, x.grade, x.days,
           x.on_date::text as on_date, x.points
    from (${source}) x left join forms f on f.id = x.form_id
    order by x.post_id, x.points desc, x.on_date nulls first, x.form_id, x.inspection_id
  `.execute(db);
  return rows;
}

export function closedMonth(db: Db, month: string) {
  return db.selectFrom('scorecardMonths').selectAll().where('month', '=', month).executeTakeFirst();
}

export function adjustmentsOf(db: Db, month: string, postId: number) {
  return db
    .selectFrom('scorecardAdjustments as a')
    .innerJoin('people as p', 'p.id', 'a.authorId')
    .select(['a.id', 'a.points', 'a.reason', 'a.createdAt', 'p.id as authorId', 'p.name', 'p.nameEn'])
    .where('a.month', '=', month)
    .where('a.postId', '=', postId)
    .orderBy('a.id')
    .execute();
}

export async function talkFlagMonths(db: Db, postId: number) {
  const rows = await db
    .selectFrom('talkFlags')
    .select('month')
    .where('postId', '=', postId)
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => r.month);
}

export function scorecardOf(db: Db, month: string, postId: number) {
  return db
    .selectFrom('scorecards')
    .selectAll()
    .where('month', '=', month)
    .where('postId', '=', postId)
    .executeTakeFirst();
}

const bandCase = (total: RawBuilder<unknown>, b: SettingsValues['scoreBands']) =>
  sql`case when ${total} >= ${b.excellent} then 'excellent' when ${total} >= ${b.good} then 'good'
           when ${total} >= ${b.pass} then 'pass' else 'fail' end`;

/**
 * Freezes a month inside the caller's transaction: its row (the unique key that makes closing once), every
 * post's score, band and rank among all posts, and every deduction. Returns false when it was closed already.
 */
export async function insertSnapshot(
  tx: Transaction<DB>,
  w: MonthWindow,
  bands: SettingsValues['scoreBands'],
  closedBy: number | null,
) {
  const everything: PostScope = { path: null };
  const month = await sql<{ month: string; closedAt: Date }>`
    insert into scorecard_months (month, rules, posts, closed_by)
    values (${w.month}, ${jsonb({ scorecardRules: w.rules, scoreBands: bands, workingDays: w.workingDays })},
            0, ${closedBy})
    on conflict (month) do nothing
    returning month, closed_at
  `.execute(tx);
  const row = month.rows[0];
  if (!row) return null;
  await sql`
    insert into scorecards (month, post_id, unit_id, score, band, rank)
    select ${w.month}, c.post_id, c.unit_id, c.score, ${bandCase(sql.ref('c.score'), bands)},
           rank() over (order by c.score desc)
    from (${monthTotals(w, everything, false)}) c
  `.execute(tx);
  await sql`
    insert into scorecard_deductions (month, post_id, kind, form_id, inspection_id, grade, days, on_date, points)
    select ${w.month}, d.post_id, d.kind, d.form_id, d.inspection_id, d.grade, d.days, d.on_date, d.points
    from (${deductions(w, everything)}) d
  `.execute(tx);
  const counts = await sql<{ band: ScoreBand; n: number }>`
    select band, count(*)::int as n from scorecards where month = ${w.month} group by band
  `.execute(tx);
  const count = counts.rows.reduce((n, c) => n + c.n, 0);
  await tx.updateTable('scorecardMonths').set({ posts: count }).where('month', '=', w.month).execute();
  return {
    closedAt: row.closedAt,
    posts: count,
    bands: Object.fromEntries(counts.rows.map((c) => [c.band, c.n])),
  };
}

/**
 * Flags for a formal talk (约谈) the posts in the bottom band in `month` and in `previous` (both closed; the
 * earlier one by its total with adjustments and its own bands), unless already flagged for `previous`: one
 * flag per two months running, never twice for the same month.
 */
export async function insertTalkFlags(tx: Transaction<DB>, month: string, previous: string) {
  const { rows } = await sql<{ postId: number; leaderId: number | null; unitId: number }>`
    insert into talk_flags (post_id, month, leader_id)
    select s.post_id, ${month}, p.leader_in_charge_id
    from scorecards s
    join posts p on p.id = s.post_id
    join scorecards ps on ps.post_id = s.post_id and ps.month = ${previous}
    join scorecard_months pm on pm.month = ${previous}
    where s.month = ${month} and s.band = 'fail'
      and ps.score + coalesce((select sum(a.points) from scorecard_adjustments a
                               where a.month = ps.month and a.post_id = ps.post_id), 0)
          < (pm.rules->'scoreBands'->>'pass')::int
      and not exists (select 1 from talk_flags t where t.post_id = s.post_id and t.month = ${previous})
    on conflict (post_id, month) do nothing
    returning post_id, leader_id, (select unit_id from posts where id = post_id) as unit_id
  `.execute(tx);
  return rows;
}

export function insertAdjustment(
  tx: Transaction<DB>,
  a: { month: string; postId: number; points: number; reason: string; authorId: number },
) {
  return tx
    .insertInto('scorecardAdjustments')
    .values(a)
    .returning(['id', 'createdAt'])
    .executeTakeFirstOrThrow();
}

/** Posts a person held at any time in the month. */
export async function postsHeldIn(db: Db, personId: number, start: string, end: string) {
  const rows = await db
    .selectFrom('assignments')
    .select('postId')
    .distinct()
    .where('personId', '=', personId)
    .where('fromDate', '<=', end)
    .where((eb) => eb.or([eb('toDate', 'is', null), eb('toDate', '>=', start)]))
    .execute();
  return rows.map((r) => r.postId);
}

/** Each post's total for a month (frozen or live totals), with its code and name: the digest's figures. */
export async function postTotals(db: Db, totals: RawBuilder<unknown>) {
  const { rows } = await sql<{ postId: number; code: string; name: string; nameEn: string; total: number }>`
    select t.post_id, p.code, p.name, p.name_en, (t.score + t.adjustment)::int as total
    from (${totals}) t join posts p on p.id = t.post_id
  `.execute(db);
  return rows;
}
