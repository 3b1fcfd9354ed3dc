import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import { postsHeldOn, unitSubtree, unitSubtreeOfPath } from '../catalog/scope.ts';
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
 * How many of the latest matching forms a suggestion or a search ranks, and a search counts. Common pairs
 * (办理, 申请) are in a large share of a million forms; ranking or counting every match would take seconds,
 * ranking the latest few thousand stays fast whatever is typed.
 */
export const LATEST_MATCHES = 2000;

type FormsEb = ExpressionBuilder<DB & { f: DB['forms'] }, 'f'>;

/**
 * How the latest matching forms are found. Admins and the overseers of a whole tree see nearly every form: the
 * newest are walked until enough match (or the bigram index finds a rare text). Anyone else sees a holder's
 * few thousand forms or a unit's share, and a unit or post filter picks a share too: walking the newest for
 * them reads a million forms when their matches are rare, as the planner cannot tell, so their forms are
 * fetched whole through the indexes of the person's reach (filer, traced holders, held posts and units, as
 * values so the planner sees how many) or of the filter, and the newest of those kept.
 */
interface Reach {
  /** A superset of the forms `visibleTo` lets the person see, as one OR of indexed conditions; undefined
   * for those who see nearly every form. */
  scope?: (eb: FormsEb) => Expression<SqlBool>;
  /** Fetched whole, else walked. */
  fetch: boolean;
  /** Forms holding a character pair of the text. */
  match: (text: string) => RawBuilder<boolean>;
}

const walked: Reach = { fetch: false, match: (text) => sql`f.search @@ ${matchQuery(text)}` };
/**
 * Fetched forms are matched row by row with `ts_match_vq`, @@ as a function, which the bigram index does not
 * serve: its bitmap of a common pair (half the forms hold 受理) costs more than checking the forms.
 */
const fetched = (reach: Reach): Reach => ({
  ...reach,
  fetch: true,
  match: (text) => sql`ts_match_vq(f.search, ${matchQuery(text)})`,
});

async function reachOf(db: Kysely<DB>, person: SessionPerson, today: string): Promise<Reach> {
  const overseer = person.roles.includes('supervisor') || person.roles.includes('leader');
  const wholeTree = overseer && person.unitPath.split('/').filter(Boolean).length === 1;
  if (person.roles.includes('admin') || wholeTree) return walked;
  const [posts, units] = await Promise.all([
    postsHeldOn(db, person.id, today).execute(),
    overseer ? unitSubtreeOfPath(db, person.unitPath).execute() : [],
  ]);
  const postIds = posts.map((p) => p.postId);
  const unitIds = units.map((u) => u.id);
  return fetched({
    ...walked,
    scope: (eb) => {
      const ways = [
        eb('f.filedBy', '=', person.id),
        // @> rather than = any(): only the former is served by the GIN index on holder_ids.
        eb('f.holderIds', '@>', sql<number[]>`array[${person.id}]::integer[]`),
      ];
      if (postIds.length > 0) ways.push(eb('f.postId', 'in', postIds));
      if (unitIds.length > 0) ways.push(eb('f.unitId', 'in', unitIds));
      return eb.or(ways);
    },
  });
}

/** The forms the person may see, narrowed to their reach. */
function reachable(db: Kysely<DB>, person: SessionPerson, today: string, reach: Reach) {
  const q = db.selectFrom('forms as f').where(visibleTo(db, person, today));
  return reach.scope ? q.where(reach.scope) : q;
}

/** The ids of the newest `cap` forms of `q` (a narrowed `reachable`): walked, or fetched whole and sorted. */
function newest(
  db: Kysely<DB>,
  reach: Reach,
  q: SelectQueryBuilder<DB & { f: DB['forms'] }, 'f', object>,
  cap: number,
) {
  const ids = q.select('f.id');
  if (!reach.fetch) return ids.orderBy('f.id', 'desc').limit(cap);
  // Materialized, so the planner cannot turn it back into a walk of the newest forms.
  return db
    .with(
      (w) => w('n').materialized(),
      () => ids,
    )
    .selectFrom('n')
    .select('n.id')
    .orderBy('n.id', 'desc')
    .limit(cap);
}

/**
 * Forms like the typed text among those the person may see: of the latest LATEST_MATCHES sharing a bigram,
 * the best 50 by rank, with the share of the text's bigrams each holds (`overlap`), those below `minOverlap`
 * left out; forms of the same post or risk point first. `open` picks the forms still being worked, else the
 * closed ones.
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
  const reach = await reachOf(db, person, today);
  const latest = newest(
    db,
    reach,
    reachable(db, person, today, reach)
      .where(reach.match(o.text))
      .where('f.status', 'in', o.open ? ['open', 'in_progress', 'verifying'] : ['closed']),
    LATEST_MATCHES,
  );
  const best = db
    .selectFrom('forms as f')
    .select(['f.id', rank(o.text).as('rank')])
    .where('f.id', 'in', latest)
    .orderBy('rank', 'desc')
    .orderBy('f.id', 'desc')
    .limit(50);
  const ranked = lessonBase(db, person, today)
    .innerJoin(best.as('b'), 'b.id', 'f.id')
    .select(
      sql<number>`(select count(*) from unnest(tsvector_to_array(f.search)) g where g = any(lessons_grams(${o.text})))::float8
        / greatest(cardinality(lessons_grams(${o.text})), 1)`.as('overlap'),
    );
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

/** Closed forms the person may see, with their exemplary mark and the match strength of `text`. */
export function lessonRows(db: Kysely<DB>, person: SessionPerson, today: string, text: string | undefined) {
  return lessonBase(db, person, today)
    .leftJoin('exemplaryCases as x', 'x.formId', 'f.id')
    .leftJoin('people as xb', 'xb.id', 'x.markedBy')
    .select([
      'x.note as exemplaryNote',
      'x.markedAt as exemplaryAt',
      'x.markedBy as exemplaryById',
      'xb.name as exemplaryByName',
      'xb.nameEn as exemplaryByNameEn',
      (text ? scoreOf(text) : sql<number>`0`).as('score'),
    ])
    .where('f.status', '=', 'closed');
}
export type LessonListRow = Awaited<ReturnType<ReturnType<typeof lessonRows>['execute']>>[number];

/**
 * The closed forms of `q` that match the lessons filters; the units of `unitId` come resolved (`units`), so
 * the planner sees how many forms they hold.
 */
function lessonFilters(q: ReturnType<typeof reachable>, f: LessonsFilter, reach: Reach, units: number[]) {
  let n = q.where('f.status', '=', 'closed');
  if (f.q) n = n.where(reach.match(f.q));
  if (f.category) n = n.where(sql<string>`f.root_cause->>'category'`, '=', f.category);
  if (f.riskPointId !== undefined) n = n.where('f.riskPointId', '=', f.riskPointId);
  if (f.standardId !== undefined) n = n.where('f.standardId', '=', f.standardId);
  if (f.postId !== undefined) n = n.where('f.postId', '=', f.postId);
  if (f.unitId !== undefined) n = n.where('f.unitId', 'in', units);
  if (f.from) n = n.where('f.foundOn', '>=', f.from);
  if (f.to) n = n.where('f.foundOn', '<=', f.to);
  if (f.exemplary !== undefined) {
    const marked = (eb: FormsEb) =>
      eb.exists(eb.selectFrom('exemplaryCases as xc').select('xc.formId').whereRef('xc.formId', '=', 'f.id'));
    n = n.where((eb) => (f.exemplary ? marked(eb) : eb.not(marked(eb))));
  }
  return n;
}

/**
 * A page of the lessons matching the filters, in rank order (best first, then newest; keyset on score and
 * id), among the latest `cap` matching forms; `capped` when more match than those.
 */
export async function lessonsPage(
  db: Kysely<DB>,
  person: SessionPerson,
  today: string,
  f: LessonsFilter,
  after: [number, number] | undefined,
  limit: number,
  cap = LATEST_MATCHES,
) {
  const score = f.q ? scoreOf(f.q) : sql<number>`0`;
  const [theirs, units] = await Promise.all([
    reachOf(db, person, today),
    f.unitId === undefined ? [] : unitSubtree(db, f.unitId).select('sub.parentId').execute(),
  ]);
  // A post or a unit below the top holds a share of the forms: their matches of a text are fetched through
  // its index (without a text, walking the newest finds a page of the share about as fast).
  const share = f.postId !== undefined || units.some((u) => u.id === f.unitId && u.parentId !== null);
  const reach = f.q && share ? fetched(theirs) : theirs;
  const filtered = lessonFilters(
    reachable(db, person, today, reach),
    f,
    reach,
    units.map((u) => u.id),
  );
  const latest = await db
    .selectFrom('forms as f')
    .select(['f.id', score.as('score')])
    .where('f.id', 'in', newest(db, reach, filtered, cap + 1))
    .orderBy('f.id', 'desc')
    .execute();
  // The one past the cap only tells that there are more; it is the oldest, so the latest `cap` are ranked.
  const ranked = latest.slice(0, cap).sort((a, b) => b.score - a.score || b.id - a.id);
  const past = after
    ? ranked.filter((r) => r.score < after[0] || (r.score === after[0] && r.id < after[1]))
    : ranked;
  const ids = past.slice(0, limit + 1).map((r) => r.id);
  const rows =
    ids.length === 0 ? [] : await lessonRows(db, person, today, f.q).where('f.id', 'in', ids).execute();
  rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  return { rows, total: ranked.length, capped: latest.length > cap };
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
