import { type Kysely, type RawBuilder, sql } from 'kysely';
import { unitSubtreeOfPath } from '../catalog/scope.ts';
import type { DB, FormSource, Grade } from '../db/types.ts';

/**
 * The dashboard's figures, each read set-wise and grouped in SQL: a query answers a handful of rows whatever
 * the number of forms. A scope is a unit path prefix (a subtree), or null for everything (admins).
 */
export type ScopePath = string | null;

export interface Range {
  from: string;
  to: string;
  /** The centre's time zone: a form is closed on the day its closed_at falls in there. */
  timeZone: string;
}

const ACTIVE = sql`('open', 'in_progress', 'verifying')`;

function inScope(db: Kysely<DB>, scope: ScopePath): RawBuilder<boolean> {
  return scope === null ? sql<boolean>`true` : sql<boolean>`f.unit_id in ${unitSubtreeOfPath(db, scope)}`;
}

const closedOn = (r: Range) => sql`(f.closed_at at time zone ${r.timeZone})::date`;

/** Closed within the range, as a range of instants so that forms_closed_at_idx serves it. */
function closedIn(r: Range) {
  return sql<boolean>`f.status = 'closed'
    and f.closed_at >= (${r.from}::date::timestamp at time zone ${r.timeZone})
    and f.closed_at < ((${r.to}::date + 1)::timestamp at time zone ${r.timeZone})`;
}

/**
 * Forms closed in the range, counted per (day filed, day closed): the working days between the two are then
 * counted once a pair, not once a form. The month closed gives the trend.
 */
export async function closedPairs(db: Kysely<DB>, scope: ScopePath, r: Range) {
  const { rows } = await sql<{ filedOn: string; closedOn: string; closed: number; onTime: number }>`
    select f.filed_on, ${closedOn(r)} as closed_on, count(*)::int as closed,
           count(*) filter (where ${closedOn(r)} <= f.deadline)::int as on_time
    from forms f
    where ${closedIn(r)} and ${inScope(db, scope)}
    group by 1, 2
  `.execute(db);
  return rows;
}

/** Forms filed in the range per month (drafts and cancelled ones left out). */
export async function filedByMonth(db: Kysely<DB>, scope: ScopePath, r: Range) {
  const { rows } = await sql<{ month: string; filed: number }>`
    select to_char(f.filed_on, 'YYYY-MM') as month, count(*)::int as filed
    from forms f
    where f.filed_on between ${r.from}::date and ${r.to}::date
      and f.status not in ('draft', 'cancelled') and ${inScope(db, scope)}
    group by 1
  `.execute(db);
  return rows;
}

/** Forms being worked on today, by grade and warning card (red: past the deadline). */
export async function activeForms(db: Kysely<DB>, scope: ScopePath, today: string) {
  const { rows } = await sql<{ grade: Grade; card: 'none' | 'yellow' | 'red'; n: number }>`
    select f.grade,
           case when f.deadline < ${today}::date then 'red'
                when f.yellow_on <= ${today}::date then 'yellow'
                else 'none' end as card,
           count(*)::int as n
    from forms f
    where f.status in ${ACTIVE} and ${inScope(db, scope)}
    group by 1, 2
  `.execute(db);
  return rows;
}

/** Forms found in the range (drafts left out) by source and root-cause category (null when not yet found). */
export async function foundBySourceAndCause(db: Kysely<DB>, scope: ScopePath, r: Range) {
  const { rows } = await sql<{ source: FormSource; category: string | null; n: number }>`
    select f.source, f.root_cause->>'category' as category, count(*)::int as n
    from forms f
    where f.found_on between ${r.from}::date and ${r.to}::date
      and f.status <> 'draft' and ${inScope(db, scope)}
    group by 1, 2
  `.execute(db);
  return rows;
}

export interface RecurrenceRow {
  kind: 'risk_point' | 'post';
  id: number;
  code: string;
  name: string;
  nameEn: string;
  unitId: number;
  count: number;
  lastFoundOn: string;
}

/**
 * Risk points and posts with two or more forms found from `from` to `to` (举一反三: the same problem again),
 * most forms first. A cancelled form (a duplicate, or not a problem) is no recurrence.
 */
export async function recurring(db: Kysely<DB>, scope: ScopePath, from: string, to: string, limit: number) {
  const found = sql`f.found_on between ${from}::date and ${to}::date
    and f.status not in ('draft', 'cancelled') and ${inScope(db, scope)}`;
  const { rows } = await sql<RecurrenceRow>`
    select * from (
      select 'post' as kind, p.id, p.code, p.name, p.name_en, p.unit_id,
             count(*)::int as count, max(f.found_on) as last_found_on
      from forms f join posts p on p.id = f.post_id
      where ${found}
      group by p.id
      having count(*) >= 2
      union all
      select 'risk_point' as kind, rp.id, rp.code, rp.description, rp.description, rp.unit_id,
             count(*)::int, max(f.found_on)
      from forms f join risk_points rp on rp.id = f.risk_point_id
      where ${found}
      group by rp.id
      having count(*) >= 2
    ) r
    order by r.count desc, r.last_found_on desc, r.kind, r.id
    limit ${limit}
  `.execute(db);
  return rows;
}

/** The units a ranking compares: the children of a unit, or of the top-level units when none is given. */
export async function rankedUnits(db: Kysely<DB>, parentId: number | null) {
  let q = db.selectFrom('units as u').select(['u.id', 'u.code', 'u.name', 'u.nameEn', 'u.path']);
  q =
    parentId === null
      ? q.where('u.parentId', 'in', (eb) =>
          eb.selectFrom('units as top').select('top.id').where('top.parentId', 'is', null),
        )
      : q.where('u.parentId', '=', parentId);
  return q.orderBy('u.sortOrder').orderBy('u.code').execute();
}

/**
 * Per unit of the scope: forms being worked on today and overdue, and forms closed in the range and on time.
 * Read per unit (a few thousand rows at most), then added up per branch by the caller.
 */
export async function unitFigures(db: Kysely<DB>, scope: ScopePath, r: Range, today: string) {
  const { rows } = await sql<{
    path: string;
    open: number;
    overdue: number;
    closed: number;
    onTime: number;
  }>`
    select u.path,
           count(*) filter (where f.status in ${ACTIVE})::int as open,
           count(*) filter (where f.status in ${ACTIVE} and f.deadline < ${today}::date)::int as overdue,
           count(*) filter (where f.status = 'closed')::int as closed,
           count(*) filter (where f.status = 'closed' and ${closedOn(r)} <= f.deadline)::int as on_time
    from forms f join units u on u.id = f.unit_id
    where (f.status in ${ACTIVE} or (${closedIn(r)})) and ${inScope(db, scope)}
    group by u.path
  `.execute(db);
  return rows;
}
