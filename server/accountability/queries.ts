import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { postsHeldOn, unitSubtree, unitSubtreeOfPath } from '../catalog/scope.ts';
import type { DB } from '../db/types.ts';
import type { SessionPerson } from '../http/context.ts';
import type { AccountabilityFilter } from './schema.ts';

type Eb = ExpressionBuilder<DB & { a: DB['accountabilityRecords'] }, 'a'>;

/** Admins see every record; supervisors and leaders their units'; everyone their own and their posts'. */
function visibleRecords(db: Kysely<DB>, person: SessionPerson, today: string) {
  return (eb: Eb) => {
    if (person.roles.includes('admin')) return eb.lit(true);
    const own = [eb('a.personId', '=', person.id), eb('a.postId', 'in', postsHeldOn(db, person.id, today))];
    if (person.roles.includes('supervisor') || person.roles.includes('leader')) {
      own.push(eb('a.unitId', 'in', unitSubtreeOfPath(db, person.unitPath)));
    }
    return eb.or(own);
  };
}

/** The register rows a person may see that match the filter (the list and the export share it). */
export function accountabilityQuery(
  db: Kysely<DB>,
  person: SessionPerson,
  f: AccountabilityFilter,
  today: string,
  timeZone: string,
) {
  let q = db
    .selectFrom('accountabilityRecords as a')
    .innerJoin('forms as f', 'f.id', 'a.formId')
    .innerJoin('posts as p', 'p.id', 'a.postId')
    .innerJoin('units as u', 'u.id', 'a.unitId')
    .leftJoin('people as h', 'h.id', 'a.personId')
    .leftJoin('people as d', 'd.id', 'a.decidedBy')
    .select([
      'a.id',
      'a.formId',
      'f.number as formNumber',
      'f.problem',
      'f.status',
      'a.personId',
      'h.name as personName',
      'h.nameEn as personNameEn',
      'a.postId',
      'p.code as postCode',
      'p.name as postName',
      'p.nameEn as postNameEn',
      'a.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'a.outcome',
      'a.situation',
      'a.basis',
      'a.notes',
      'a.decidedBy',
      'd.name as decidedByName',
      'd.nameEn as decidedByNameEn',
      'a.decidedAt',
    ])
    .where(visibleRecords(db, person, today));
  if (f.personId !== undefined) q = q.where('a.personId', '=', f.personId);
  if (f.postId !== undefined) q = q.where('a.postId', '=', f.postId);
  if (f.unitId !== undefined) q = q.where('a.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.outcome) q = q.where('a.outcome', '=', f.outcome);
  // Days in the centre's time zone, as a range of instants so the decided_at index serves it.
  if (f.from)
    q = q.where('a.decidedAt', '>=', sql<Date>`(${f.from}::date::timestamp at time zone ${timeZone})`);
  if (f.to)
    q = q.where('a.decidedAt', '<', sql<Date>`((${f.to}::date + 1)::timestamp at time zone ${timeZone})`);
  return q;
}
export type AccountabilityRow = Awaited<
  ReturnType<ReturnType<typeof accountabilityQuery>['execute']>
>[number];

/** How many matching records have each outcome. */
export function outcomeCounts(base: ReturnType<typeof accountabilityQuery>) {
  return base
    .clearSelect()
    .select(['a.outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('a.outcome')
    .execute();
}
