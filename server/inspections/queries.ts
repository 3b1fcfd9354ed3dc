import { type ExpressionBuilder, type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB, Grade, Insertable } from '../db/types.ts';
import { escapeLike, unitSubtreeOfPath } from '../catalog/scope.ts';
import type { SessionPerson } from '../http/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Where a query looks: a unit path prefix (a subtree), or everything (admins, unnarrowed). */
export type ScopePath = string | null;

function inScope(column: RawBuilder<unknown>, scope: ScopePath): RawBuilder<boolean> {
  return scope === null
    ? sql<boolean>`true`
    : sql<boolean>`${column} in (select id from units where path like ${`${escapeLike(scope)}%`})`;
}

export interface DuePeriod {
  start: string;
  end: string;
  today: string;
  /** Months between checks, per grade (settings). */
  every: Record<Grade, number>;
  timeZone: string;
}

/**
 * Every risk point in scope with its check cycle for one month: the last check before the month, the date
 * the next check falls due (that check plus the grade's period; a point never checked is due from the day it
 * was registered) and the first check inside the month. A point is due in the month when its due date is on
 * or before the month's last day.
 */
function cycles(scope: ScopePath, p: DuePeriod) {
  return sql`
    select rp.id, rp.grade, rp.unit_id, rp.post_id, rp.approval_item_id, rp.stage, rp.code, rp.description,
           lb.last_before, ck.checked_on,
           coalesce(
             (lb.last_before + make_interval(months => case rp.grade when 'A' then ${p.every.A}::int when 'B' then ${p.every.B}::int else ${p.every.C}::int end))::date,
             (rp.created_at at time zone ${p.timeZone})::date
           ) as due_on
    from risk_points rp
    left join lateral (
      select max(i.checked_on) as last_before from inspections i
      where i.risk_point_id = rp.id and i.checked_on < ${p.start}::date
    ) lb on true
    left join lateral (
      select min(i.checked_on) as checked_on from inspections i
      where i.risk_point_id = rp.id and i.checked_on between ${p.start}::date and ${p.end}::date
    ) ck on true
    where ${inScope(sql`rp.unit_id`, scope)}
  `;
}

export interface GradeFigures {
  due: number;
  checked: number;
  overdue: number;
}

/** Due, checked and overdue points per grade for the month. */
export async function dueFigures(db: Kysely<DB>, scope: ScopePath, p: DuePeriod) {
  const { rows } = await sql<{ grade: Grade; due: number; checked: number; overdue: number }>`
    select d.grade, count(*)::int as due, count(d.checked_on)::int as checked,
           count(*) filter (where d.checked_on is null and d.due_on < ${p.today}::date)::int as overdue
    from (${cycles(scope, p)}) d
    where d.due_on <= ${p.end}::date
    group by d.grade
  `.execute(db);
  const figures: Record<Grade, GradeFigures> = {
    A: { due: 0, checked: 0, overdue: 0 },
    B: { due: 0, checked: 0, overdue: 0 },
    C: { due: 0, checked: 0, overdue: 0 },
  };
  for (const r of rows) figures[r.grade] = { due: r.due, checked: r.checked, overdue: r.overdue };
  return figures;
}

export interface DueRow {
  id: number;
  grade: Grade;
  code: string;
  description: string;
  unitId: number;
  unitName: string;
  unitNameEn: string;
  postId: number;
  postCode: string;
  postName: string;
  postNameEn: string;
  approvalItemId: number;
  itemCode: string;
  itemName: string;
  itemNameEn: string;
  stage: DB['riskPoints']['stage'];
  lastBefore: string | null;
  dueOn: string;
  checkedOn: string | null;
  inSample: boolean;
}

/** One page of the month's due checks, earliest due first (so overdue ones lead); keyset on (due date, id). */
export async function dueChecks(
  db: Kysely<DB>,
  scope: ScopePath,
  p: DuePeriod & { period: string },
  f: { grade?: Grade; outstanding: boolean; after?: [string, number]; limit: number },
) {
  const { rows } = await sql<DueRow>`
    select d.id, d.grade, d.code, d.description, d.stage, d.last_before, d.due_on, d.checked_on,
           u.id as unit_id, u.name as unit_name, u.name_en as unit_name_en,
           p.id as post_id, p.code as post_code, p.name as post_name, p.name_en as post_name_en,
           ai.id as approval_item_id, ai.code as item_code, ai.name as item_name, ai.name_en as item_name_en,
           exists (select 1 from inspection_samples s where s.period = ${p.period} and d.id = any(s.risk_point_ids)) as in_sample
    from (${cycles(scope, p)}) d
    join units u on u.id = d.unit_id
    join posts p on p.id = d.post_id
    join approval_items ai on ai.id = d.approval_item_id
    where d.due_on <= ${p.end}::date
      ${f.outstanding ? sql`and d.checked_on is null` : sql``}
      ${f.grade ? sql`and d.grade = ${f.grade}` : sql``}
      ${f.after ? sql`and (d.due_on, d.id) > (${f.after[0]}::date, ${f.after[1]}::int)` : sql``}
    order by d.due_on, d.id
    limit ${f.limit + 1}
  `.execute(db);
  return rows;
}

/** The month's outstanding due points, by id: what a sample is drawn from. */
export async function sampleCandidates(db: Kysely<DB>, scope: ScopePath, p: DuePeriod) {
  const { rows } = await sql<{ id: number; grade: Grade }>`
    select d.id, d.grade from (${cycles(scope, p)}) d
    where d.due_on <= ${p.end}::date and d.checked_on is null
    order by d.id
  `.execute(db);
  return rows;
}

/** Due and checked points per unit and grade for the month (the coverage report). */
export async function coverageRows(db: Kysely<DB>, scope: ScopePath, p: DuePeriod) {
  const { rows } = await sql<{
    unitId: number;
    unitName: string;
    unitNameEn: string;
    grade: Grade;
    due: number;
    checked: number;
  }>`
    select u.id as unit_id, u.name as unit_name, u.name_en as unit_name_en, d.grade,
           count(*)::int as due, count(d.checked_on)::int as checked
    from (${cycles(scope, p)}) d
    join units u on u.id = d.unit_id
    where d.due_on <= ${p.end}::date
    group by u.id, u.name, u.name_en, u.path, d.grade
    order by u.path, d.grade
  `.execute(db);
  return rows;
}

/**
 * Closed forms whose fix is due for an effectiveness re-check by the end of the month: closed `afterDays`
 * or more days before, with no re-check since they were closed. Forms closed more than a year before the
 * month are not chased any more.
 */
export async function dueRechecks(
  db: Kysely<DB>,
  scope: ScopePath,
  p: { start: string; end: string; timeZone: string; afterDays: number },
  page: { limit: number; after?: [string, number] },
) {
  const closedOn = sql`(f.closed_at at time zone ${p.timeZone})::date`;
  const base = sql`
    from forms f
    join units u on u.id = f.unit_id
    left join risk_points rp on rp.id = f.risk_point_id
    where f.status = 'closed'
      and f.closed_at >= (${p.start}::date - interval '1 year')
      and ${closedOn} + ${p.afterDays}::int <= ${p.end}::date
      and ${inScope(sql`f.unit_id`, scope)}
      and not exists (select 1 from inspections i where i.recheck_of = f.id and i.checked_on >= ${closedOn})
  `;
  const [items, total] = await Promise.all([
    sql<{
      id: number;
      number: string;
      problem: string;
      grade: Grade;
      closedOn: string;
      dueOn: string;
      unitId: number;
      unitName: string;
      unitNameEn: string;
      riskPointId: number | null;
      rpCode: string | null;
      rpGrade: Grade | null;
      rpDescription: string | null;
    }>`
      select f.id, f.number, f.problem, f.grade, ${closedOn} as closed_on, ${closedOn} + ${p.afterDays}::int as due_on,
             u.id as unit_id, u.name as unit_name, u.name_en as unit_name_en,
             rp.id as risk_point_id, rp.code as rp_code, rp.grade as rp_grade, rp.description as rp_description
      ${base}
      ${page.after ? sql`and (${closedOn} + ${p.afterDays}::int, f.id) > (${page.after[0]}::date, ${page.after[1]}::int)` : sql``}
      order by due_on, f.id
      limit ${page.limit + 1}
    `.execute(db),
    sql<{ n: number }>`select count(*)::int as n ${base}`.execute(db),
  ]);
  return { rows: items.rows, total: total.rows[0]?.n ?? 0 };
}

// ── Inspections ───────────────────────────────────────────────────────────────

export async function insertInspection(tx: Transaction<DB>, values: Insertable<DB['inspections']>) {
  const { id } = await tx.insertInto('inspections').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The sample of the month that drew this point, if any (a check of it is part of that sample). */
export async function sampleDrawing(db: Db, period: string, riskPointId: number) {
  const row = await db
    .selectFrom('inspectionSamples')
    .select('id')
    .where('period', '=', period)
    .where(sql<boolean>`${riskPointId}::int = any(risk_point_ids)`)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Inspections a person may see: admins all; supervisors and leaders their units; holders their posts'. */
function visibleTo(db: Kysely<DB>, person: SessionPerson, today: string) {
  return (eb: ExpressionBuilder<DB & { i: DB['inspections'] }, 'i'>) => {
    if (person.roles.includes('admin')) return eb.lit(true);
    const ownPosts = eb(
      'i.postId',
      'in',
      eb
        .selectFrom('assignments as a')
        .select('a.postId')
        .where('a.personId', '=', person.id)
        .where('a.fromDate', '<=', today)
        .where((w) => w.or([w('a.toDate', 'is', null), w('a.toDate', '>=', today)])),
    );
    if (person.roles.includes('supervisor') || person.roles.includes('leader')) {
      return eb.or([ownPosts, eb('i.unitId', 'in', unitSubtreeOfPath(db, person.unitPath))]);
    }
    return ownPosts;
  };
}

function inspectionBase(db: Kysely<DB>) {
  return db
    .selectFrom('inspections as i')
    .innerJoin('units as u', 'u.id', 'i.unitId')
    .innerJoin('posts as p', 'p.id', 'i.postId')
    .innerJoin('people as who', 'who.id', 'i.inspectorId')
    .leftJoin('riskPoints as rp', 'rp.id', 'i.riskPointId')
    .leftJoin('forms as f', 'f.id', 'i.formId')
    .leftJoin('forms as rf', 'rf.id', 'i.recheckOf')
    .select([
      'i.id',
      'i.kind',
      'i.method',
      'i.checkedOn',
      'i.caseRef',
      'i.result',
      'i.notes',
      'i.sampleId',
      'i.createdAt',
      'i.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'i.postId',
      'p.code as postCode',
      'p.name as postName',
      'p.nameEn as postNameEn',
      'who.id as inspectorId',
      'who.name as inspectorName',
      'who.nameEn as inspectorNameEn',
      'i.riskPointId',
      'rp.code as rpCode',
      'rp.grade as rpGrade',
      'rp.description as rpDescription',
      'i.formId',
      'f.number as formNumber',
      'f.status as formStatus',
      'i.recheckOf',
      'rf.number as recheckNumber',
      'rf.status as recheckStatus',
    ]);
}
export type InspectionRow = Awaited<ReturnType<ReturnType<typeof inspectionBase>['executeTakeFirstOrThrow']>>;

export function inspectionFor(db: Kysely<DB>, person: SessionPerson, today: string, id: number) {
  return inspectionBase(db)
    .where('i.id', '=', id)
    .where(visibleTo(db, person, today))
    .executeTakeFirst();
}

export interface InspectionsFilter {
  riskPointId?: number;
  scope?: ScopePath;
  result?: DB['inspections']['result'];
  method?: DB['inspections']['method'];
  kind?: 'routine' | 'recheck';
  from?: string;
  to?: string;
  inspectorId?: number;
  recheckOf?: number;
  formId?: number;
}

/** A person's view of the checks, newest first (keyset on id). */
export function listInspections(db: Kysely<DB>, person: SessionPerson, today: string, f: InspectionsFilter) {
  let q = inspectionBase(db).where(visibleTo(db, person, today));
  if (f.riskPointId !== undefined) q = q.where('i.riskPointId', '=', f.riskPointId);
  if (f.scope) q = q.where(inScope(sql`i.unit_id`, f.scope));
  if (f.result) q = q.where('i.result', '=', f.result);
  if (f.method) q = q.where('i.method', '=', f.method);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.from) q = q.where('i.checkedOn', '>=', f.from);
  if (f.to) q = q.where('i.checkedOn', '<=', f.to);
  if (f.inspectorId !== undefined) q = q.where('i.inspectorId', '=', f.inspectorId);
  if (f.recheckOf !== undefined) q = q.where('i.recheckOf', '=', f.recheckOf);
  if (f.formId !== undefined) q = q.where('i.formId', '=', f.formId);
  return q;
}

// ── Samples ───────────────────────────────────────────────────────────────────

/** Stores a draw unless one exists for the month and scope; the stored one's id either way. */
export async function insertSample(tx: Transaction<DB>, values: Insertable<DB['inspectionSamples']>) {
  const row = await tx
    .insertInto('inspectionSamples')
    .values(values)
    .onConflict((oc) => oc.columns(['period', 'unitId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function sampleOf(db: Db, period: string, unitId: number) {
  return db
    .selectFrom('inspectionSamples as s')
    .innerJoin('units as u', 'u.id', 's.unitId')
    .innerJoin('people as who', 'who.id', 's.drawnBy')
    .select([
      's.id',
      's.period',
      's.size',
      's.seed',
      's.candidateIds',
      's.riskPointIds',
      's.drawnAt',
      'u.id as unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'who.id as drawnById',
      'who.name as drawnByName',
      'who.nameEn as drawnByNameEn',
    ])
    .where('s.period', '=', period)
    .where('s.unitId', '=', unitId)
    .executeTakeFirst();
}

/** The drawn points with their first check in the month. */
export function samplePoints(db: Db, ids: number[], start: string, end: string) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('riskPoints as rp')
    .innerJoin('units as u', 'u.id', 'rp.unitId')
    .innerJoin('posts as p', 'p.id', 'rp.postId')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('inspections as i')
          .select(['i.id as inspectionId', 'i.checkedOn'])
          .whereRef('i.riskPointId', '=', 'rp.id')
          .where('i.checkedOn', '>=', start)
          .where('i.checkedOn', '<=', end)
          .orderBy('i.checkedOn')
          .orderBy('i.id')
          .limit(1)
          .as('ck'),
      (join) => join.onTrue(),
    )
    .select([
      'rp.id',
      'rp.code',
      'rp.grade',
      'rp.description',
      'u.id as unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'p.id as postId',
      'p.code as postCode',
      'p.name as postName',
      'p.nameEn as postNameEn',
      'ck.inspectionId',
      'ck.checkedOn',
    ])
    .where('rp.id', 'in', ids)
    .execute();
}

/** Points not yet checked this month whose check falls due by `by` (inclusive), with their unit's path. */
export async function pointsDueBy(db: Kysely<DB>, p: DuePeriod, by: string) {
  const { rows } = await sql<{
    id: number;
    code: string;
    description: string;
    grade: Grade;
    postId: number;
    dueOn: string;
    unitPath: string;
  }>`
    select d.id, d.code, d.description, d.grade, d.post_id, d.due_on, u.path as unit_path
    from (${cycles(null, p)}) d join units u on u.id = d.unit_id
    where d.checked_on is null and d.due_on <= ${by}::date
    order by d.due_on, d.id
  `.execute(db);
  return rows;
}
