import { type Kysely, sql, type Transaction } from 'kysely';
import { unitSubtree } from '../catalog/scope.ts';
import type { DB } from '../db/types.ts';
import { visibleTo } from '../forms/queries.ts';
import type { SessionPerson } from '../http/context.ts';
import type { LessonsFilter } from './schema.ts';

/**
 * Lessons learned are searched by character bigrams (migrations/0009_lessons.ts): `forms.search` holds
 * those of the problem, root cause and measures; `lessons_query(text)` ORs those of the typed text, so the
 * GIN index finds every form sharing one, and ranking puts the forms sharing most first.
 */
const matchQuery = (text: string) => sql`lessons_query(${text})`;
const rank = (text: string) => sql<number>`ts_rank(f.search, ${matchQuery(text)})`;
/** The rank as an integer, so that a cursor compares it exactly. */
const scoreOf = (text: string) => sql<number>`round(${rank(text)} * 1000000)::integer`;

function lessonBase(db: Kysely<DB>, person: SessionPerson, today: string) {
  return db
    .selectFrom('forms as f')
    .innerJoin('posts as p', 'p.id', 'f.postId')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .leftJoin('riskPoints as r', 'r.id', 'f.riskPointId')
    .leftJoin('standards as s', 's.id', 'f.standardId')
    .select([
      'f.id',
      'f.number',
      'f.status',
      'f.problem',
      'f.foundOn',
      'f.closedAt',
      'f.rootCause',
      'f.postId',
      'f.riskPointId',
      'p.code as postCode',
      'p.name as postName',
      'p.nameEn as postNameEn',
      'f.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'r.code as riskCode',
      'f.standardId',
      's.code as standardCode',
      's.title as standardTitle',
      's.titleEn as standardTitleEn',
    ])
    .where(visibleTo(db, person, today));
}
export type LessonRow = Awaited<ReturnType<ReturnType<typeof lessonBase>['execute']>>[number];

/**
 * How many of the latest forms sharing a character pair with the typed text are ranked. Common pairs (办理,
 * 申请) are in a large share of a million forms; ranking the latest few thousand keeps a suggestion fast
 * whatever is typed (a backward walk of the primary key stops as soon as it has them).
 */
export const SIMILAR_CANDIDATES = 2000;

/**
 * Forms like the typed text among those the person may see: of the latest SIMILAR_CANDIDATES sharing a
 * bigram, the best 50 by rank, with the share of the text's bigrams each holds (`overlap`), those below
 * `minOverlap` left out; forms of the same post or risk point first. `open` picks the forms still being
 * worked, else the closed ones.
 */
export async function similarForms(
  db: Kysely<DB>,
  person: SessionPerson,
  today: string,
  o: {
    text: string;
    open: boolean;
    postId?: number;
    riskPointId?: number;
    limit: number;
    minOverlap: number;
  },
) {
  const recent = lessonBase(db, person, today)
    .select(sql<string>`f.search`.as('search'))
    .where(sql<boolean>`f.search @@ ${matchQuery(o.text)}`)
    .where('f.status', 'in', o.open ? ['open', 'in_progress', 'verifying'] : ['closed'])
    .orderBy('f.id', 'desc')
    .limit(SIMILAR_CANDIDATES);
  const ranked = db
    .selectFrom(recent.as('c'))
    .selectAll('c')
    .select([
      sql<number>`ts_rank(c.search, ${matchQuery(o.text)})`.as('rank'),
      sql<number>`(select count(*) from unnest(tsvector_to_array(c.search)) g where g = any(lessons_grams(${o.text})))::float8
        / greatest(cardinality(lessons_grams(${o.text})), 1)`.as('overlap'),
    ])
    .orderBy('rank', 'desc')
    .orderBy('c.id', 'desc')
    .limit(50);
  return db
    .selectFrom(ranked.as('r'))
    .selectAll('r')
    .where('r.overlap', '>=', o.minOverlap)
    .orderBy(
      sql`r.overlap + case when r.post_id = ${o.postId ?? null} then 0.1 else 0 end
        + case when r.risk_point_id = ${o.riskPointId ?? null} then 0.1 else 0 end`,
      'desc',
    )
    .orderBy('r.id', 'desc')
    .limit(o.limit)
    .execute();
}

/** Closed forms the person may see matching the lessons filters, with their exemplary mark. */
export function lessonsQuery(db: Kysely<DB>, person: SessionPerson, today: string, f: LessonsFilter) {
  let q = lessonBase(db, person, today)
    .leftJoin('exemplaryCases as x', 'x.formId', 'f.id')
    .leftJoin('people as xb', 'xb.id', 'x.markedBy')
    .select([
      'x.note as exemplaryNote',
      'x.markedAt as exemplaryAt',
      'x.markedBy as exemplaryById',
      'xb.name as exemplaryByName',
      'xb.nameEn as exemplaryByNameEn',
      (f.q ? scoreOf(f.q) : sql<number>`0`).as('score'),
    ])
    .where('f.status', '=', 'closed');
  if (f.q) q = q.where(sql<boolean>`f.search @@ ${matchQuery(f.q)}`);
  if (f.category) q = q.where(sql<string>`f.root_cause->>'category'`, '=', f.category);
  if (f.riskPointId !== undefined) q = q.where('f.riskPointId', '=', f.riskPointId);
  if (f.standardId !== undefined) q = q.where('f.standardId', '=', f.standardId);
  if (f.postId !== undefined) q = q.where('f.postId', '=', f.postId);
  if (f.unitId !== undefined) q = q.where('f.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.from) q = q.where('f.foundOn', '>=', f.from);
  if (f.to) q = q.where('f.foundOn', '<=', f.to);
  if (f.exemplary !== undefined) q = q.where('x.formId', f.exemplary ? 'is not' : 'is', null);
  return q;
}
export type LessonListRow = Awaited<ReturnType<ReturnType<typeof lessonsQuery>['execute']>>[number];

/** A page in rank order (best first, then newest), keyset on (score, id). */
export async function lessonsPage(
  base: ReturnType<typeof lessonsQuery>,
  text: string | undefined,
  after: [number, number] | undefined,
  limit: number,
) {
  const score = text ? scoreOf(text) : undefined;
  let page = base;
  if (after) page = page.where(sql<boolean>`(${score ?? 0}, f.id) < (${after[0]}, ${after[1]})`);
  if (score) page = page.orderBy(score, 'desc');
  const [rows, count] = await Promise.all([
    page
      .orderBy('f.id', 'desc')
      .limit(limit + 1)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function measureTexts(db: Kysely<DB>, formIds: number[]) {
  if (formIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('formMeasures')
    .select(['formId', 'kind', 'text'])
    .where('formId', 'in', formIds)
    .orderBy('formId')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function exemplaryCase(db: Kysely<DB> | Transaction<DB>, formId: number) {
  return db.selectFrom('exemplaryCases').selectAll().where('formId', '=', formId).executeTakeFirst();
}

export async function upsertExemplaryCase(
  tx: Transaction<DB>,
  values: { formId: number; note: string; markedBy: number; markedAt: Date },
) {
  await tx
    .insertInto('exemplaryCases')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('formId')
        .doUpdateSet({ note: values.note, markedBy: values.markedBy, markedAt: values.markedAt }),
    )
    .execute();
}

export async function deleteExemplaryCase(tx: Transaction<DB>, formId: number) {
  const row = await tx
    .deleteFrom('exemplaryCases')
    .where('formId', '=', formId)
    .returningAll()
    .executeTakeFirst();
  return row;
}
