import { type Kysely, sql, type Transaction } from 'kysely';
import { jsonb } from '../db/database.ts';
import { keysetPage } from '../db/list.ts';
import type { AccountabilityTrigger, DB, Insertable, Stage, Updateable } from '../db/types.ts';
import { likeAny, unitSubtree } from './scope.ts';

type Tx = Transaction<DB>;

/** Optimistic update of any versioned catalogue table: only the version the caller read. */
export async function bumpVersion<
  T extends 'units' | 'posts' | 'approvalItems' | 'standards' | 'responsibilityPoints' | 'riskPoints',
>(
  tx: Tx,
  table: T,
  id: number,
  version: number,
  // biome-ignore lint/suspicious/noExplicitAny: the patch is checked by the caller's schema for `table`
  patch: Record<string, any>,
): Promise<boolean> {
  const row = await tx
    // biome-ignore lint/suspicious/noExplicitAny: a union of tables cannot be narrowed by Kysely's types
    .updateTable(table as any)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** How many records of a tree table have this row as parent. */
function childCount(table: 'units' | 'standards', alias: 'u' | 's') {
  return sql<number>`(select count(*) from ${sql.table(table)} c where c.parent_id = ${sql.ref(`${alias}.id`)})`.as(
    'childCount',
  );
}

/**
 * The columns placing a point on an approval item, a stage and a post (`r` joined to `i` and `p`), shared by
 * responsibility points and risk points.
 */
export const placementColumns = [
  'r.approvalItemId',
  'i.name as approvalItemName',
  'i.nameEn as approvalItemNameEn',
  'r.stage',
  'r.postId',
  'p.name as postName',
  'p.nameEn as postNameEn',
] as const;

// ── Units ─────────────────────────────────────────────────────────────────────
function unitsBase(db: Kysely<DB>) {
  return db
    .selectFrom('units as u')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.nameEn',
      'u.level',
      'u.kind',
      'u.parentId',
      'u.sortOrder',
      'u.version',
      'u.path',
      childCount('units', 'u'),
    ]);
}

export interface UnitsFilter {
  parentId?: number;
  root?: boolean;
  level?: string;
  kind?: string;
  q?: string;
}

export function listUnits(db: Kysely<DB>, f: UnitsFilter, after: number | undefined, limit: number) {
  let q = unitsBase(db);
  if (f.parentId !== undefined) q = q.where('u.parentId', '=', f.parentId);
  if (f.root) q = q.where('u.parentId', 'is', null);
  if (f.level) q = q.where('u.level', '=', f.level as never);
  if (f.kind) q = q.where('u.kind', '=', f.kind as never);
  if (f.q) {
    const like = likeAny(f.q);
    q = q.where((eb) =>
      eb.or([eb('u.name', 'ilike', like), eb('u.nameEn', 'ilike', like), eb('u.code', 'ilike', like)]),
    );
  }
  return keysetPage(q, 'u.id', after, limit);
}

export function unitById(db: Kysely<DB>, id: number) {
  return unitsBase(db).where('u.id', '=', id).executeTakeFirst();
}

export async function insertUnit(tx: Tx, values: Omit<Insertable<DB['units']>, 'path'>, parentPath: string) {
  const { id } = await tx
    .insertInto('units')
    .values({ ...values, path: sql<string>`'/'` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('units')
    .set({ path: `${parentPath}${id}/` })
    .where('id', '=', id)
    .execute();
  return id;
}

/**
 * Serialises changes to the unit tree's shape (adding and moving units), so a path is never computed from a
 * parent that is moving at the same moment. Reads go on; tree changes are rare admin work.
 */
export async function lockUnitTree(tx: Tx) {
  await sql`lock table units in share row exclusive mode`.execute(tx);
}

/** A unit's materialised path; the one lookup every scope check uses. */
export async function unitPath(db: Kysely<DB> | Tx, id: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirst())?.path;
}

/** Moves a unit's subtree under a new path prefix in one statement. */
export async function rewriteSubtreePaths(tx: Tx, oldPath: string, newPath: string) {
  await tx
    .updateTable('units')
    .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

// ── Posts ─────────────────────────────────────────────────────────────────────
function postsBase(db: Kysely<DB>) {
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
      'p.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'p.windowNo',
      'p.responsibilityStandard',
      'p.version',
      'dh.id as dhId',
      'dh.name as dhName',
      'dh.nameEn as dhNameEn',
      'lc.id as lcId',
      'lc.name as lcName',
      'lc.nameEn as lcNameEn',
    ]);
}

export interface PostsFilter {
  kind?: 'window' | 'office';
  unitId?: number;
  holderId?: number;
  q?: string;
}

export function listPosts(
  db: Kysely<DB>,
  f: PostsFilter,
  today: string,
  after: number | undefined,
  limit: number,
) {
  let q = postsBase(db);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.unitId !== undefined) q = q.where('p.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.holderId !== undefined) {
    q = q.where(
      'p.id',
      'in',
      currentAssignments(db, today).where('a.personId', '=', f.holderId).select('a.postId'),
    );
  }
  if (f.q) {
    const like = likeAny(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('p.name', 'ilike', like),
        eb('p.nameEn', 'ilike', like),
        eb('p.code', 'ilike', like),
        eb('p.windowNo', 'ilike', like),
      ]),
    );
  }
  return keysetPage(q, 'p.id', after, limit);
}

export function postById(db: Kysely<DB>, id: number) {
  return postsBase(db).where('p.id', '=', id).executeTakeFirst();
}

function currentAssignments(db: Kysely<DB>, on: string) {
  return db
    .selectFrom('assignments as a')
    .where('a.fromDate', '<=', on)
    .where((eb) => eb.or([eb('a.toDate', 'is', null), eb('a.toDate', '>=', on)]));
}

/** Holders of many posts on one day, in one query (no query per post). */
export function holdersOn(db: Kysely<DB>, postIds: number[], on: string) {
  if (postIds.length === 0) return Promise.resolve([]);
  return currentAssignments(db, on)
    .innerJoin('people as h', 'h.id', 'a.personId')
    .select([
      'a.id as assignmentId',
      'a.postId',
      'a.personId',
      'h.name',
      'h.nameEn',
      'a.fromDate',
      'a.toDate',
    ])
    .where('a.postId', 'in', postIds)
    .orderBy('a.fromDate')
    .execute();
}

export function assignmentHistory(db: Kysely<DB>, postId: number) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('people as h', 'h.id', 'a.personId')
    .select([
      'a.id as assignmentId',
      'a.postId',
      'a.personId',
      'h.name',
      'h.nameEn',
      'a.fromDate',
      'a.toDate',
    ])
    .where('a.postId', '=', postId)
    .orderBy('a.fromDate', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

export async function insertPost(tx: Tx, values: Insertable<DB['posts']>) {
  const { id } = await tx.insertInto('posts').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Moves a post's risk points to the post's new unit: they carry it so the register filters without a join. */
export async function syncRiskPointUnits(tx: Tx, postId: number, unitId: number) {
  await tx.updateTable('riskPoints').set({ unitId }).where('postId', '=', postId).execute();
}

export function openAssignments(tx: Tx, postId: number) {
  return tx
    .selectFrom('assignments')
    .select(['id', 'personId', 'fromDate'])
    .where('postId', '=', postId)
    .where('toDate', 'is', null)
    .execute();
}

/** Ends the post's open assignments at `toDate`; ended ones keep their dates (history is not rewritten). */
export function endOpenAssignments(tx: Tx, postId: number, toDate: string) {
  return tx
    .updateTable('assignments')
    .set({ toDate })
    .where('postId', '=', postId)
    .where('toDate', 'is', null)
    .returning(['id', 'personId', 'fromDate'])
    .execute();
}

export async function insertAssignment(tx: Tx, values: Insertable<DB['assignments']>) {
  return tx
    .insertInto('assignments')
    .values(values)
    .returning(['id', 'postId', 'personId', 'fromDate', 'toDate'])
    .executeTakeFirstOrThrow();
}

export function assignmentById(db: Kysely<DB> | Tx, id: number) {
  return db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function setAssignmentEnd(tx: Tx, id: number, toDate: string) {
  return tx
    .updateTable('assignments')
    .set({ toDate })
    .where('id', '=', id)
    .where('toDate', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

// ── Approval items ──────────────────────────────────────────────────────────
function itemsBase(db: Kysely<DB>) {
  return db
    .selectFrom('approvalItems as i')
    .innerJoin('units as u', 'u.id', 'i.unitId')
    .select([
      'i.id',
      'i.code',
      'i.name',
      'i.nameEn',
      'i.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'i.legalBasis',
      'i.statutoryDays',
      'i.promisedDays',
      'i.stages',
      'i.serviceGuide',
      'i.version',
    ]);
}

export interface ItemsFilter {
  unitId?: number;
  stage?: Stage;
  q?: string;
}

export function listApprovalItems(db: Kysely<DB>, f: ItemsFilter, after: number | undefined, limit: number) {
  let q = itemsBase(db);
  if (f.unitId !== undefined) q = q.where('i.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.stage) q = q.where((eb) => eb(eb.val(f.stage), '=', eb.fn.any('i.stages')));
  if (f.q) {
    const like = likeAny(f.q);
    q = q.where((eb) =>
      eb.or([eb('i.name', 'ilike', like), eb('i.nameEn', 'ilike', like), eb('i.code', 'ilike', like)]),
    );
  }
  return keysetPage(q, 'i.id', after, limit);
}

export function approvalItemById(db: Kysely<DB>, id: number) {
  return itemsBase(db).where('i.id', '=', id).executeTakeFirst();
}

/** Pre-approval conditions of many items, in one query. */
export function preconditionsOf(db: Kysely<DB>, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('preconditions')
    .select(['approvalItemId', 'text'])
    .where('approvalItemId', 'in', itemIds)
    .orderBy('approvalItemId')
    .orderBy('position')
    .execute();
}

export async function insertApprovalItem(tx: Tx, values: Insertable<DB['approvalItems']>) {
  const { id } = await tx
    .insertInto('approvalItems')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function replacePreconditions(tx: Tx, itemId: number, texts: string[]) {
  await tx.deleteFrom('preconditions').where('approvalItemId', '=', itemId).execute();
  if (texts.length > 0) {
    await tx
      .insertInto('preconditions')
      .values(texts.map((text, i) => ({ approvalItemId: itemId, position: i + 1, text })))
      .execute();
  }
}

// ── Standards ────────────────────────────────────────────────────────────────
function standardsBase(db: Kysely<DB>) {
  return db
    .selectFrom('standards as s')
    .select([
      's.id',
      's.code',
      's.title',
      's.titleEn',
      's.level',
      's.parentId',
      's.sortOrder',
      's.version',
      childCount('standards', 's'),
    ]);
}

export interface StandardsFilter {
  level?: number;
  parentId?: number;
  q?: string;
}

export function listStandards(db: Kysely<DB>, f: StandardsFilter, after: number | undefined, limit: number) {
  let q = standardsBase(db);
  if (f.level !== undefined) q = q.where('s.level', '=', f.level);
  if (f.parentId !== undefined) q = q.where('s.parentId', '=', f.parentId);
  if (f.q) {
    const like = likeAny(f.q);
    q = q.where((eb) =>
      eb.or([eb('s.title', 'ilike', like), eb('s.titleEn', 'ilike', like), eb('s.code', 'ilike', like)]),
    );
  }
  return keysetPage(q, 's.id', after, limit);
}

export function standardById(db: Kysely<DB>, id: number) {
  return standardsBase(db).where('s.id', '=', id).executeTakeFirst();
}

export async function insertStandard(tx: Tx, values: Insertable<DB['standards']>) {
  const { id } = await tx.insertInto('standards').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

// ── Responsibility points ───────────────────────────────────────────────────
function responsibilityBase(db: Kysely<DB>) {
  return db
    .selectFrom('responsibilityPoints as r')
    .innerJoin('approvalItems as i', 'i.id', 'r.approvalItemId')
    .innerJoin('posts as p', 'p.id', 'r.postId')
    .select(['r.id', 'r.code', ...placementColumns, 'p.unitId', 'r.duty', 'r.triggers', 'r.version']);
}

export interface ResponsibilityFilter {
  approvalItemId?: number;
  postId?: number;
  unitId?: number;
  stage?: Stage;
  q?: string;
}

export function listResponsibilityPoints(
  db: Kysely<DB>,
  f: ResponsibilityFilter,
  after: number | undefined,
  limit: number,
) {
  let q = responsibilityBase(db);
  if (f.approvalItemId !== undefined) q = q.where('r.approvalItemId', '=', f.approvalItemId);
  if (f.postId !== undefined) q = q.where('r.postId', '=', f.postId);
  if (f.unitId !== undefined) q = q.where('p.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.stage) q = q.where('r.stage', '=', f.stage);
  if (f.q) {
    const like = likeAny(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('r.duty', 'ilike', like),
        eb('r.code', 'ilike', like),
        eb(sql`r.triggers::text`, 'ilike', like),
      ]),
    );
  }
  return keysetPage(q, 'r.id', after, limit);
}

export function responsibilityPointById(db: Kysely<DB>, id: number) {
  return responsibilityBase(db).where('r.id', '=', id).executeTakeFirst();
}

export async function insertResponsibilityPoint(
  tx: Tx,
  values: Omit<Insertable<DB['responsibilityPoints']>, 'triggers'> & { triggers: AccountabilityTrigger[] },
) {
  const { id } = await tx
    .insertInto('responsibilityPoints')
    .values({ ...values, triggers: jsonb(values.triggers) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export type ResponsibilityUpdate = Omit<Updateable<DB['responsibilityPoints']>, 'triggers'> & {
  triggers?: AccountabilityTrigger[];
};
export function responsibilityPatch(patch: ResponsibilityUpdate): Updateable<DB['responsibilityPoints']> {
  const { triggers, ...rest } = patch;
  return triggers === undefined ? rest : { ...rest, triggers: jsonb(triggers) };
}
