import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import { likeAny, unitSubtree, unitSubtreeOfPath } from '../catalog/scope.ts';
import { jsonb } from '../db/database.ts';
import { keysetPage, keysetRows } from '../db/list.ts';
import type { DB, FormSource, FormStatus, Grade, Insertable, MeasureKind, Updateable } from '../db/types.ts';
import type { SessionPerson } from '../http/context.ts';

type Tx = Transaction<DB>;
type Db = Kysely<DB> | Tx;

/** The next form number of a year: one upsert that row-locks the year's counter, so numbers never repeat. */
export async function allocateNumber(tx: Tx, year: number): Promise<string> {
  const { last } = await tx
    .insertInto('formNumbers')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql<number>`form_numbers.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `GZ-${year}-${String(last).padStart(6, '0')}`;
}

export function riskPointGrade(db: Db, id: number) {
  return db.selectFrom('riskPoints').select(['grade', 'postId']).where('id', '=', id).executeTakeFirst();
}

export type FormInsert = Omit<Insertable<DB['forms']>, 'responsible'> & { responsible: unknown };

export async function insertForm(tx: Tx, values: FormInsert) {
  const { id } = await tx
    .insertInto('forms')
    .values({ ...values, responsible: jsonb(values.responsible) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export type FormUpdate = Omit<
  Updateable<DB['forms']>,
  'responsible' | 'rootCause' | 'verification' | 'accountability'
> & {
  responsible?: unknown;
  rootCause?: unknown;
  verification?: unknown;
  accountability?: unknown;
};

/** Changes the version the caller read; false when it changed meanwhile. */
export async function updateForm(tx: Tx, id: number, version: number, patch: FormUpdate): Promise<boolean> {
  const { responsible, rootCause, verification, accountability, ...plain } = patch;
  const json = (v: unknown) => (v === null ? null : jsonb(v));
  const row = await tx
    .updateTable('forms')
    .set({
      ...plain,
      ...(responsible !== undefined ? { responsible: jsonb(responsible) } : {}),
      ...(rootCause !== undefined ? { rootCause: json(rootCause) } : {}),
      ...(verification !== undefined ? { verification: json(verification) } : {}),
      ...(accountability !== undefined ? { accountability: json(accountability) } : {}),
      version: version + 1,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The warning card as SQL, for filtering and listing on a given day. */
function cardSql(today: string) {
  return sql<'none' | 'yellow' | 'red'>`case
    when f.status not in ('open', 'in_progress', 'verifying') then 'none'
    when f.deadline < ${today}::date then 'red'
    when f.yellow_on <= ${today}::date then 'yellow'
    else 'none' end`;
}

/** Forms a person works: filed by them, traced to them, or on a post they hold today. */
function worksOn(eb: ExpressionBuilder<DB & { f: DB['forms'] }, 'f'>, personId: number, today: string) {
  return eb.or([
    eb('f.filedBy', '=', personId),
    eb(eb.val(personId), '=', eb.fn.any('f.holderIds')),
    eb(
      'f.postId',
      'in',
      eb
        .selectFrom('assignments as a')
        .select('a.postId')
        .where('a.personId', '=', personId)
        .where('a.fromDate', '<=', today)
        .where((w) => w.or([w('a.toDate', 'is', null), w('a.toDate', '>=', today)])),
    ),
  ]);
}

/** The forms a person may see: admins all, supervisors and leaders their unit subtree, everyone their own work. */
export function visibleTo(db: Kysely<DB>, person: SessionPerson, today: string) {
  return (eb: ExpressionBuilder<DB & { f: DB['forms'] }, 'f'>) => {
    // A draft is its filer's alone until it is filed.
    const filed = (e: ReturnType<typeof eb.or>) =>
      eb.or([eb('f.filedBy', '=', person.id), eb.and([eb('f.status', '!=', 'draft'), e])]);
    if (person.roles.includes('admin')) return filed(eb.or([eb.lit(true)]));
    const own = worksOn(eb, person.id, today);
    if (person.roles.includes('supervisor') || person.roles.includes('leader')) {
      return filed(eb.or([own, eb('f.unitId', 'in', unitSubtreeOfPath(db, person.unitPath))]));
    }
    return filed(own);
  };
}

function summaryBase(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('forms as f')
    .innerJoin('posts as p', 'p.id', 'f.postId')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .select([
      'f.id',
      'f.number',
      'f.status',
      'f.source',
      'f.problem',
      'f.occurredOn',
      'f.foundOn',
      'f.filedOn',
      'f.grade',
      'f.deadline',
      'f.yellowOn',
      'f.responsible',
      'f.holderIds',
      'f.filedBy',
      'f.unitId',
      'f.version',
      'p.id as postId',
      'p.code as postCode',
      'p.name as postName',
      'p.nameEn as postNameEn',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      cardSql(today).as('card'),
    ]);
}

export interface FormsFilter {
  status?: FormStatus;
  grade?: Grade;
  card?: 'none' | 'yellow' | 'red';
  unitId?: number;
  postId?: number;
  source?: FormSource;
  riskPointId?: number;
  from?: string;
  to?: string;
  q?: string;
  mine?: boolean;
}

/** The forms a person may see that match the filter (the list and the ledger export share it). */
function filteredForms(db: Kysely<DB>, person: SessionPerson, f: FormsFilter, today: string) {
  return applyFormsFilter(db, summaryBase(db, today), person, f, today);
}

/** Who may see and the filter, applied to any query over `forms as f` (the rows, or the forms alone to count). */
function applyFormsFilter<Q>(db: Kysely<DB>, query: Q, person: SessionPerson, f: FormsFilter, today: string): Q {
  // biome-ignore lint/suspicious/noExplicitAny: both builders select from `forms as f`
  let q = (query as any).where(visibleTo(db, person, today));
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.grade) q = q.where('f.grade', '=', f.grade);
  if (f.card) q = q.where(cardSql(today), '=', f.card);
  if (f.unitId !== undefined) q = q.where('f.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.postId !== undefined) q = q.where('f.postId', '=', f.postId);
  if (f.source) q = q.where('f.source', '=', f.source);
  if (f.riskPointId !== undefined) q = q.where('f.riskPointId', '=', f.riskPointId);
  if (f.from) q = q.where('f.foundOn', '>=', f.from);
  if (f.to) q = q.where('f.foundOn', '<=', f.to);
  if (f.q) {
    const like = likeAny(f.q);
    // biome-ignore lint/suspicious/noExplicitAny: expression builder of the same table alias
    q = q.where((eb: any) => eb.or([eb('f.number', 'ilike', like), eb('f.problem', 'ilike', like)]));
  }
  // biome-ignore lint/suspicious/noExplicitAny: expression builder of the same table alias
  if (f.mine) q = q.where((eb: any) => worksOn(eb, person.id, today));
  return q as Q;
}

/** A page of the forms a person may see, newest first (keyset on id). */
export function listForms(
  db: Kysely<DB>,
  person: SessionPerson,
  f: FormsFilter,
  today: string,
  before: number | undefined,
  limit: number,
) {
  const counted = applyFormsFilter(db, db.selectFrom('forms as f'), person, f, today);
  return keysetPage(filteredForms(db, person, f, today), 'f.id', before, limit, 'desc', counted);
}

/** A batch of the forms ledger (台账): the list's rows and filters plus the closing facts, newest first. */
export function formsLedgerBatch(
  db: Kysely<DB>,
  person: SessionPerson,
  f: FormsFilter,
  today: string,
  before: number | undefined,
  limit: number,
) {
  const q = filteredForms(db, person, f, today)
    .leftJoin('riskPoints as r', 'r.id', 'f.riskPointId')
    .select(['f.rootCause', 'f.closedAt', 'f.stage', 'r.code as riskCode']);
  return keysetRows(q, 'f.id', before, limit, 'desc');
}

/** One form with its links, if the person may see it. */
export function formFor(db: Kysely<DB>, person: SessionPerson, id: number, today: string) {
  return summaryBase(db, today)
    .leftJoin('approvalItems as i', 'i.id', 'f.approvalItemId')
    .leftJoin('riskPoints as r', 'r.id', 'f.riskPointId')
    .leftJoin('responsibilityPoints as rp', 'rp.id', 'f.responsibilityPointId')
    .leftJoin('standards as s', 's.id', 'f.standardId')
    .innerJoin('people as fb', 'fb.id', 'f.filedBy')
    .select([
      'f.stage',
      'f.rootCause',
      'f.verification',
      'f.accountability',
      'f.statusReason',
      'f.closedAt',
      'f.createdAt',
      'f.updatedAt',
      'f.approvalItemId',
      'f.riskPointId',
      'f.responsibilityPointId',
      'f.standardId',
      'i.code as itemCode',
      'i.name as itemName',
      'i.nameEn as itemNameEn',
      'r.code as riskCode',
      'r.grade as riskGrade',
      'r.description as riskDescription',
      'rp.code as rpCode',
      'rp.duty as rpDuty',
      's.code as standardCode',
      's.title as standardTitle',
      's.titleEn as standardTitleEn',
      'fb.name as filedByName',
      'fb.nameEn as filedByNameEn',
      // The unit's place in the tree, for whether a supervisor's scope covers the form.
      'u.path as unitPath',
    ])
    .where('f.id', '=', id)
    .where(visibleTo(db, person, today))
    .executeTakeFirst();
}

/** Whether the person holds the form's post today (they then work it, even if they took it over later). */
export async function holdsPostToday(db: Kysely<DB>, personId: number, postId: number, today: string) {
  const row = await db
    .selectFrom('assignments')
    .select('id')
    .where('personId', '=', personId)
    .where('postId', '=', postId)
    .where('fromDate', '<=', today)
    .where((eb) => eb.or([eb('toDate', 'is', null), eb('toDate', '>=', today)]))
    .executeTakeFirst();
  return row !== undefined;
}

export function measuresOf(db: Db, formId: number) {
  return db
    .selectFrom('formMeasures as m')
    .innerJoin('people as o', 'o.id', 'm.ownerId')
    .select([
      'm.id',
      'm.kind',
      'm.text',
      'm.ownerId',
      'o.name as ownerName',
      'o.nameEn as ownerNameEn',
      'm.dueOn',
      'm.doneOn',
    ])
    .where('m.formId', '=', formId)
    .orderBy('m.position')
    .orderBy('m.id')
    .execute();
}

export interface MeasureRow {
  id?: number;
  kind: MeasureKind;
  text: string;
  ownerId: number;
  dueOn: string;
  doneOn?: string | null;
}

/** Replaces the form's measures with `measures`: ids keep their rows, new ones are added, missing ones go. */
export async function replaceMeasures(tx: Tx, formId: number, measures: MeasureRow[]) {
  const keep = measures.flatMap((m) => (m.id ? [m.id] : []));
  let del = tx.deleteFrom('formMeasures').where('formId', '=', formId);
  if (keep.length > 0) del = del.where('id', 'not in', keep);
  await del.execute();
  for (const [position, m] of measures.entries()) {
    const values = {
      kind: m.kind,
      text: m.text,
      ownerId: m.ownerId,
      dueOn: m.dueOn,
      doneOn: m.doneOn ?? null,
      position,
    };
    if (m.id) {
      const updated = await tx
        .updateTable('formMeasures')
        .set(values)
        .where('id', '=', m.id)
        .where('formId', '=', formId)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return m.id;
    } else {
      await tx
        .insertInto('formMeasures')
        .values({ ...values, formId })
        .execute();
    }
  }
  return null;
}

export function existingPeople(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select('id').where('id', 'in', ids).execute();
}

// ── Comments, attachments, history ────────────────────────────────────────────
export function commentsOf(db: Db, formId: number) {
  return db
    .selectFrom('formComments as c')
    .innerJoin('people as a', 'a.id', 'c.authorId')
    .select([
      'c.id',
      'c.body',
      'c.createdAt',
      'a.id as authorId',
      'a.name as authorName',
      'a.nameEn as authorNameEn',
    ])
    .where('c.formId', '=', formId)
    .orderBy('c.id')
    .execute();
}

export async function insertComment(tx: Tx, formId: number, authorId: number, body: string) {
  const { id } = await tx
    .insertInto('formComments')
    .values({ formId, authorId, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Locks the form's row and says whether it is still being worked (evidence can still be added). */
export async function stillTakesEvidence(tx: Tx, formId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('forms')
    .select('status')
    .where('id', '=', formId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined && !['closed', 'cancelled'].includes(row.status);
}

// ── Idempotent filing ─────────────────────────────────────────────────────────
export function idempotencyKey(db: Db, personId: number, key: string) {
  return db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'formId'])
    .where('personId', '=', personId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function saveIdempotencyKey(
  tx: Tx,
  personId: number,
  key: string,
  requestHash: string,
  formId: number,
) {
  await tx.insertInto('idempotencyKeys').values({ personId, key, requestHash, formId }).execute();
}
