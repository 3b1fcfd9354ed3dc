import { type Kysely, sql, type Transaction } from 'kysely';
import { jsonb } from '../db/database.ts';
import type { DB } from '../db/types.ts';
import { applyRegisterFilter, type RegisterFilter } from '../risk-points/queries.ts';

type Tx = Transaction<DB>;
type Db = Kysely<DB> | Tx;

/**
 * The catalogue as spreadsheets see it: each record with its references by code (and people by email),
 * never by database id, so a file moves between centres and re-imports onto itself.
 */

export function unitRows(db: Db) {
  return db
    .selectFrom('units as u')
    .leftJoin('units as parent', 'parent.id', 'u.parentId')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.nameEn',
      'u.level',
      'u.kind',
      'parent.code as parentCode',
      'u.sortOrder',
      'u.path',
    ])
    .orderBy('u.id');
}

export function peopleRows(db: Db) {
  return db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'p.id',
      'p.email',
      'p.name',
      'p.nameEn',
      'p.locale',
      'p.roles',
      'u.code as unitCode',
      'p.active',
    ])
    .orderBy('p.id');
}

export function postRows(db: Db) {
  return db
    .selectFrom('posts as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('people as dh', 'dh.id', 'p.departmentHeadId')
    .leftJoin('people as lc', 'lc.id', 'p.leaderInChargeId')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.nameEn',
      'p.kind',
      'u.code as unitCode',
      'p.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'p.windowNo',
      'p.responsibilityStandard',
      'dh.email as departmentHeadEmail',
      'lc.email as leaderInChargeEmail',
    ])
    .orderBy('p.id');
}

export function assignmentRows(db: Db) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('posts as p', 'p.id', 'a.postId')
    .innerJoin('people as h', 'h.id', 'a.personId')
    .select([
      'a.id',
      'p.code as postCode',
      'h.email as personEmail',
      'a.fromDate',
      'a.toDate',
      'p.name as postName',
      'h.name as personName',
    ])
    .orderBy('a.id');
}

export function approvalItemRows(db: Db) {
  return db
    .selectFrom('approvalItems as i')
    .innerJoin('units as u', 'u.id', 'i.unitId')
    .select([
      'i.id',
      'i.code',
      'i.name',
      'i.nameEn',
      'u.code as unitCode',
      'i.legalBasis',
      'i.statutoryDays',
      'i.promisedDays',
      'i.stages',
      sql<
        string[]
      >`array(select c.text from preconditions c where c.approval_item_id = i.id order by c.position)`.as(
        'preconditions',
      ),
      'i.serviceGuide',
    ])
    .orderBy('i.id');
}

export function standardRows(db: Db) {
  return db
    .selectFrom('standards as s')
    .leftJoin('standards as parent', 'parent.id', 's.parentId')
    .select(['s.id', 's.code', 's.title', 's.titleEn', 's.level', 'parent.code as parentCode', 's.sortOrder'])
    .orderBy('s.id');
}

export function responsibilityPointRows(db: Db) {
  return db
    .selectFrom('responsibilityPoints as r')
    .innerJoin('approvalItems as i', 'i.id', 'r.approvalItemId')
    .innerJoin('posts as p', 'p.id', 'r.postId')
    .select(['r.id', 'r.code', 'i.code as itemCode', 'r.stage', 'p.code as postCode', 'r.duty', 'r.triggers'])
    .orderBy('r.id');
}

export function riskPointRows(db: Db, filter: RegisterFilter = {}) {
  const q = db
    .selectFrom('riskPoints as r')
    .innerJoin('approvalItems as i', 'i.id', 'r.approvalItemId')
    .innerJoin('posts as p', 'p.id', 'r.postId')
    .innerJoin('units as u', 'u.id', 'r.unitId')
    .leftJoin('people as rp', 'rp.id', 'r.responsiblePersonId')
    .leftJoin('people as al', 'al.id', 'r.accountableLeaderId')
    .select([
      'r.id',
      'r.code',
      'i.code as itemCode',
      'r.stage',
      'p.code as postCode',
      'r.description',
      'r.category',
      'r.grade',
      'r.likelihood',
      'r.impact',
      'r.discretion',
      'r.controlMeasures',
      'rp.email as responsibleEmail',
      'al.email as accountableLeaderEmail',
      'r.supervisionMethod',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'i.name as itemName',
      'i.nameEn as itemNameEn',
      'p.name as postName',
      'p.nameEn as postNameEn',
      // Who confirmed the grade the point has now (the latest grading).
      sql<string | null>`(select c.email from risk_point_grades g join people c on c.id = g.confirmed_by
        where g.risk_point_id = r.id order by g.changed_at desc, g.id desc limit 1)`.as('gradeConfirmedBy'),
    ]);
  return applyRegisterFilter(db, q, filter).orderBy('r.id');
}

export type CatalogueTable =
  | 'units'
  | 'people'
  | 'posts'
  | 'assignments'
  | 'approvalItems'
  | 'standards'
  | 'responsibilityPoints'
  | 'riskPoints';

/** Inserts one catalogue record and returns its id. */
export async function insertRecord(
  tx: Tx,
  table: CatalogueTable,
  values: Record<string, unknown>,
): Promise<number> {
  const { id } = await tx
    // biome-ignore lint/suspicious/noExplicitAny: the values are built per table by the import's kind
    .insertInto(table as any)
    .values(toDb(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id as number;
}

/** Changes one catalogue record, moving its version on (assignments have none). */
export async function updateRecord(
  tx: Tx,
  table: CatalogueTable,
  id: number,
  values: Record<string, unknown>,
) {
  const versioned = table !== 'assignments';
  await tx
    // biome-ignore lint/suspicious/noExplicitAny: as above
    .updateTable(table as any)
    .set({ ...toDb(values), ...(versioned ? { version: sql`version + 1`, updatedAt: new Date() } : {}) })
    .where('id', '=', id)
    .execute();
}

/** jsonb columns (responsibility points' triggers) go in as JSON text. */
function toDb(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k === 'triggers' ? jsonb(v) : v]));
}

/** Where a unit sits in the tree now, read again inside the import as earlier rows may have moved it. */
export async function unitPathById(tx: Tx, id: number) {
  return (await tx.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
}

export async function unitOfPostId(tx: Tx, postId: number) {
  return (await tx.selectFrom('posts').select('unitId').where('id', '=', postId).executeTakeFirstOrThrow())
    .unitId;
}
