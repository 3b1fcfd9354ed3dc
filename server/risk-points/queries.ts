import { type Kysely, sql, type Transaction } from 'kysely';
import { placementColumns } from '../catalog/queries.ts';
import { likeAny, unitSubtree } from '../catalog/scope.ts';
import { keysetPage } from '../db/list.ts';
import type { DB, Grade, Insertable, RiskCategory, Stage } from '../db/types.ts';

function registerBase(db: Kysely<DB>) {
  return db
    .selectFrom('riskPoints as r')
    .innerJoin('approvalItems as i', 'i.id', 'r.approvalItemId')
    .innerJoin('posts as p', 'p.id', 'r.postId')
    .innerJoin('units as u', 'u.id', 'r.unitId')
    .leftJoin('people as rp', 'rp.id', 'r.responsiblePersonId')
    .leftJoin('people as al', 'al.id', 'r.accountableLeaderId')
    .select([
      'r.id',
      'r.code',
      ...placementColumns,
      'r.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'r.description',
      'r.category',
      'r.grade',
      'r.likelihood',
      'r.impact',
      'r.discretion',
      'r.controlMeasures',
      'r.supervisionMethod',
      'r.version',
      'rp.id as rpId',
      'rp.name as rpName',
      'rp.nameEn as rpNameEn',
      'al.id as alId',
      'al.name as alName',
      'al.nameEn as alNameEn',
    ]);
}

export interface RegisterFilter {
  grade?: Grade;
  unitId?: number;
  postId?: number;
  approvalItemId?: number;
  stage?: Stage;
  category?: RiskCategory;
  q?: string;
}

/** The filters of the register, applied to any query over `riskPoints as r` (the register, its counts, its export). */
export function applyRegisterFilter<Q>(db: Kysely<DB>, query: Q, f: RegisterFilter): Q {
  // biome-ignore lint/suspicious/noExplicitAny: both builders select from `riskPoints as r`
  let q = query as any;
  if (f.grade) q = q.where('r.grade', '=', f.grade);
  if (f.unitId !== undefined) q = q.where('r.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.postId !== undefined) q = q.where('r.postId', '=', f.postId);
  if (f.approvalItemId !== undefined) q = q.where('r.approvalItemId', '=', f.approvalItemId);
  if (f.stage) q = q.where('r.stage', '=', f.stage);
  if (f.category) q = q.where('r.category', '=', f.category);
  if (f.q) {
    const like = likeAny(f.q);
    // biome-ignore lint/suspicious/noExplicitAny: expression builder of the same table alias
    q = q.where((eb: any) =>
      eb.or([
        eb('r.code', 'ilike', like),
        eb('r.description', 'ilike', like),
        eb(sql`array_to_string(r.control_measures, ' ')`, 'ilike', like),
      ]),
    );
  }
  return q as Q;
}

function countBase(db: Kysely<DB>) {
  return db.selectFrom('riskPoints as r');
}

export function listRiskPoints(db: Kysely<DB>, f: RegisterFilter, after: number | undefined, limit: number) {
  const filtered = <Q>(q: Q) => applyRegisterFilter(db, q, f);
  return keysetPage(filtered(registerBase(db)), 'r.id', after, limit, 'asc', filtered(countBase(db)));
}

/** Points per grade under the register's other filters (the chips' counts). */
export async function gradeCounts(db: Kysely<DB>, f: Omit<RegisterFilter, 'grade'>) {
  const rows = await applyRegisterFilter(db, countBase(db), f)
    .select(['r.grade', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('r.grade')
    .execute();
  const counts = { A: 0, B: 0, C: 0 };
  for (const row of rows) counts[row.grade] = row.n;
  return counts;
}

export function riskPointById(db: Kysely<DB>, id: number) {
  return registerBase(db).where('r.id', '=', id).executeTakeFirst();
}

export function gradeHistory(db: Kysely<DB>, riskPointId: number) {
  return db
    .selectFrom('riskPointGrades as g')
    .leftJoin('people as cb', 'cb.id', 'g.changedBy')
    .innerJoin('people as cf', 'cf.id', 'g.confirmedBy')
    .select([
      'g.id',
      'g.grade',
      'g.previousGrade',
      'g.likelihood',
      'g.impact',
      'g.discretion',
      'g.reason',
      'g.changedAt',
      'cb.id as changedById',
      'cb.name as changedByName',
      'cb.nameEn as changedByNameEn',
      'cf.id as confirmedById',
      'cf.name as confirmedByName',
      'cf.nameEn as confirmedByNameEn',
    ])
    .where('g.riskPointId', '=', riskPointId)
    .orderBy('g.changedAt', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
}

export function postUnit(db: Kysely<DB>, postId: number) {
  return db.selectFrom('posts').select('unitId').where('id', '=', postId).executeTakeFirst();
}

export function isSupervisor(db: Kysely<DB>, personId: number) {
  return db
    .selectFrom('people')
    .select('id')
    .where('id', '=', personId)
    .where('active', '=', true)
    .where((eb) => eb(eb.val('supervisor'), '=', eb.fn.any('roles')))
    .executeTakeFirst();
}

export async function insertRiskPoint(tx: Transaction<DB>, values: Insertable<DB['riskPoints']>) {
  const { id } = await tx.insertInto('riskPoints').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertGradeChange(tx: Transaction<DB>, values: Insertable<DB['riskPointGrades']>) {
  const { id } = await tx
    .insertInto('riskPointGrades')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
