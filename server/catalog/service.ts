import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { pick } from '../audit/diff.ts';
import type { DB } from '../db/types.ts';
import { type AppContext, audited, requireRole, today } from '../http/context.ts';
import { l, problem } from '../http/problem.ts';
import {
  approvalItemById,
  assignmentById,
  assignmentHistory,
  bumpVersion,
  endOpenAssignments,
  holdersOn,
  insertApprovalItem,
  insertAssignment,
  insertPost,
  insertResponsibilityPoint,
  insertStandard,
  insertUnit,
  lockUnitTree,
  openAssignments,
  postById,
  preconditionsOf,
  replacePreconditions,
  responsibilityPatch,
  responsibilityPointById,
  rewriteSubtreePaths,
  setAssignmentEnd,
  standardById,
  syncRiskPointUnits,
  unitById,
  unitPath,
} from './queries.ts';
import type {
  ApprovalItemCreate,
  ApprovalItemPatch,
  ApprovalItemView,
  AssignmentCreate,
  PostCreate,
  PostPatch,
  PostView,
  ResponsibilityPointCreate,
  ResponsibilityPointPatch,
  ResponsibilityPointView,
  StandardCreate,
  StandardPatch,
  StandardView,
  UnitCreate,
  UnitPatch,
  UnitView,
} from './schema.ts';

const db = (c: AppContext): Kysely<DB> => c.get('deps').db;

/**
 * Runs an admin's change of one catalogue record in the audited write path and returns it re-read. Each
 * caller also checks the role first, so a non-admin hears 403 before anything about their input.
 */
async function adminChange<T>(
  c: AppContext,
  work: Parameters<typeof audited<void>>[1],
  reread: () => Promise<T>,
) {
  requireRole(c, 'admin');
  await audited(c, work);
  return reread();
}

function stale(): never {
  throw problem.preconditionFailed();
}

// ── Units ─────────────────────────────────────────────────────────────────────
export async function getUnit(c: AppContext, id: number): Promise<UnitView & { path: string }> {
  const unit = await unitById(db(c), id);
  if (!unit) throw problem.notFound(l('unit', '单位'));
  return unit;
}

export function toUnitView({ path: _path, ...unit }: UnitView & { path: string }): UnitView {
  return unit;
}

async function parentPath(c: AppContext, parentId: number | null | undefined): Promise<string> {
  if (parentId === null || parentId === undefined) return '/';
  const parent = await unitById(db(c), parentId);
  if (!parent)
    throw problem.validation([{ path: 'parentId', message: l('no such unit', '单位不存在'), in: 'body' }]);
  return parent.path;
}

export async function createUnit(c: AppContext, body: z.infer<typeof UnitCreate>) {
  requireRole(c, 'admin');
  let id = 0;
  await parentPath(c, body.parentId);
  return adminChange(
    c,
    async (tx, audit) => {
      await lockUnitTree(tx);
      const path = body.parentId ? await unitPath(tx, body.parentId) : '/';
      if (path === undefined)
        throw problem.validation([
          { path: 'parentId', message: l('no such unit', '单位不存在'), in: 'body' },
        ]);
      id = await insertUnit(tx, body, path);
      await audit({ action: 'unit.created', entityType: 'unit', entityId: id, unitId: id, after: body });
    },
    () => getUnit(c, id).then(toUnitView),
  );
}

export async function patchUnit(c: AppContext, id: number, version: number, body: z.infer<typeof UnitPatch>) {
  requireRole(c, 'admin');
  const before = await getUnit(c, id);
  const moving = body.parentId !== undefined && body.parentId !== before.parentId;
  const underItself = () =>
    problem.validation([
      {
        path: 'parentId',
        message: l('a unit cannot move under itself', '单位不能移到其自身之下'),
        in: 'body',
      },
    ]);
  if (moving && (await parentPath(c, body.parentId)).startsWith(before.path)) throw underItself();
  return adminChange(
    c,
    async (tx, audit) => {
      if (moving) {
        // Paths are read again under the tree lock: another move may have changed them since.
        await lockUnitTree(tx);
        const oldPath = (await unitPath(tx, id)) ?? before.path;
        const base =
          body.parentId === null || body.parentId === undefined ? '/' : await unitPath(tx, body.parentId);
        if (base === undefined)
          throw problem.validation([
            { path: 'parentId', message: l('no such unit', '单位不存在'), in: 'body' },
          ]);
        if (base.startsWith(oldPath)) throw underItself();
        if (!(await bumpVersion(tx, 'units', id, version, body))) stale();
        await rewriteSubtreePaths(tx, oldPath, `${base}${id}/`);
      } else if (!(await bumpVersion(tx, 'units', id, version, body))) {
        stale();
      }
      await audit({
        action: 'unit.updated',
        unitId: id,
        entityType: 'unit',
        entityId: id,
        before: pick(before, Object.keys(body)),
        after: body,
      });
    },
    () => getUnit(c, id).then(toUnitView),
  );
}

// ── Posts ─────────────────────────────────────────────────────────────────────
type PostRow = NonNullable<Awaited<ReturnType<typeof postById>>>;
type HolderRow = Awaited<ReturnType<typeof holdersOn>>[number];

function holderView(h: HolderRow) {
  return {
    assignmentId: h.assignmentId,
    personId: h.personId,
    name: h.name,
    nameEn: h.nameEn,
    fromDate: h.fromDate,
    toDate: h.toDate,
  };
}

/** Post rows with their holders today and their responsibility chain, holders fetched in one query. */
export async function withHolders(c: AppContext, rows: PostRow[]): Promise<PostView[]> {
  const holders = await holdersOn(
    db(c),
    rows.map((r) => r.id),
    today(c),
  );
  return rows.map(({ dhId, dhName, dhNameEn, lcId, lcName, lcNameEn, ...post }) => ({
    ...post,
    holders: holders.filter((h) => h.postId === post.id).map(holderView),
    departmentHead: dhId === null ? null : { id: dhId, name: dhName ?? '', nameEn: dhNameEn ?? '' },
    leaderInCharge: lcId === null ? null : { id: lcId, name: lcName ?? '', nameEn: lcNameEn ?? '' },
  }));
}

export async function getPost(c: AppContext, id: number) {
  const row = await postById(db(c), id);
  if (!row) throw problem.notFound(l('post', '岗位'));
  const [post] = await withHolders(c, [row]);
  const history = await assignmentHistory(db(c), id);
  return { ...(post as PostView), assignments: history.map(holderView) };
}

export async function createPost(c: AppContext, body: z.infer<typeof PostCreate>) {
  requireRole(c, 'admin');
  let id = 0;
  return adminChange(
    c,
    async (tx, audit) => {
      id = await insertPost(tx, body);
      await audit({
        action: 'post.created',
        entityType: 'post',
        entityId: id,
        unitId: body.unitId,
        after: body,
      });
    },
    () => getPost(c, id),
  );
}

export async function patchPost(c: AppContext, id: number, version: number, body: z.infer<typeof PostPatch>) {
  requireRole(c, 'admin');
  const before = await getPost(c, id);
  return adminChange(
    c,
    async (tx, audit) => {
      if (!(await bumpVersion(tx, 'posts', id, version, body))) stale();
      // A post's risk points carry its unit (the register filters by unit without a join).
      if (body.unitId !== undefined && body.unitId !== before.unitId)
        await syncRiskPointUnits(tx, id, body.unitId);
      await audit({
        action: 'post.updated',
        unitId: body.unitId ?? before.unitId,
        entityType: 'post',
        entityId: id,
        before: {
          ...pick(before, Object.keys(body)),
          ...('departmentHeadId' in body ? { departmentHeadId: before.departmentHead?.id ?? null } : {}),
          ...('leaderInChargeId' in body ? { leaderInChargeId: before.leaderInCharge?.id ?? null } : {}),
        },
        after: body,
      });
    },
    () => getPost(c, id),
  );
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A person takes up a post from a date. With `replaceCurrent` the holders still running then are ended the
 * day before; their rows stay, so tracing responsibility back to a past day still finds them.
 */
export async function assignPost(
  c: AppContext,
  postId: number,
  version: number,
  body: z.infer<typeof AssignmentCreate>,
) {
  requireRole(c, 'admin');
  await getPost(c, postId);
  return adminChange(
    c,
    async (tx, audit) => {
      if (!(await bumpVersion(tx, 'posts', postId, version, {}))) stale();
      if (body.replaceCurrent) {
        const open = await openAssignments(tx, postId);
        const later = open.find((a) => a.fromDate >= body.fromDate);
        if (later) {
          throw problem.conflict(
            l(
              'A current holder started on or after fromDate; end that assignment instead.',
              '现任人员的到岗日期不早于该日期，请先结束其在岗记录。',
            ),
            [
              {
                path: 'fromDate',
                message: l(`must be after ${later.fromDate}`, `须晚于 ${later.fromDate}`),
                in: 'body',
              },
            ],
          );
        }
        const ended = await endOpenAssignments(tx, postId, dayBefore(body.fromDate));
        for (const a of ended) {
          await audit({
            action: 'assignment.ended',
            entityType: 'assignment',
            entityId: a.id,
            before: { toDate: null },
            after: { toDate: dayBefore(body.fromDate) },
          });
        }
      }
      const assignment = await insertAssignment(tx, {
        postId,
        personId: body.personId,
        fromDate: body.fromDate,
      });
      await audit({
        action: 'assignment.created',
        entityType: 'assignment',
        entityId: assignment.id,
        after: assignment,
      });
    },
    () => getPost(c, postId),
  );
}

export async function endAssignment(
  c: AppContext,
  postId: number,
  assignmentId: number,
  version: number,
  toDate: string,
) {
  requireRole(c, 'admin');
  const assignment = await assignmentById(db(c), assignmentId);
  if (!assignment || assignment.postId !== postId) throw problem.notFound(l('assignment', '在岗记录'));
  if (assignment.toDate !== null)
    throw problem.conflict(
      l('This assignment has already ended; history is not rewritten.', '该在岗记录已结束，历史不可改写。'),
    );
  if (toDate < assignment.fromDate) {
    throw problem.validation([
      {
        path: 'toDate',
        message: l(`must be on or after ${assignment.fromDate}`, `不得早于 ${assignment.fromDate}`),
        in: 'body',
      },
    ]);
  }
  return adminChange(
    c,
    async (tx, audit) => {
      if (!(await bumpVersion(tx, 'posts', postId, version, {}))) stale();
      if (!(await setAssignmentEnd(tx, assignmentId, toDate)))
        throw problem.conflict(l('This assignment has already ended.', '该在岗记录已结束。'));
      await audit({
        action: 'assignment.ended',
        entityType: 'assignment',
        entityId: assignmentId,
        before: { toDate: null },
        after: { toDate },
      });
    },
    () => getPost(c, postId),
  );
}

// ── Approval items ──────────────────────────────────────────────────────────
type ItemRow = NonNullable<Awaited<ReturnType<typeof approvalItemById>>>;

export async function withPreconditions(c: AppContext, rows: ItemRow[]): Promise<ApprovalItemView[]> {
  const conditions = await preconditionsOf(
    db(c),
    rows.map((r) => r.id),
  );
  return rows.map((item) => ({
    ...item,
    preconditions: conditions.filter((p) => p.approvalItemId === item.id).map((p) => p.text),
  }));
}

export async function getApprovalItem(c: AppContext, id: number): Promise<ApprovalItemView> {
  const row = await approvalItemById(db(c), id);
  if (!row) throw problem.notFound(l('approval item', '审批事项'));
  return (await withPreconditions(c, [row]))[0] as ApprovalItemView;
}

export async function createApprovalItem(c: AppContext, body: z.infer<typeof ApprovalItemCreate>) {
  requireRole(c, 'admin');
  const { preconditions, ...fields } = body;
  let id = 0;
  return adminChange(
    c,
    async (tx, audit) => {
      id = await insertApprovalItem(tx, fields);
      if (preconditions !== undefined) await replacePreconditions(tx, id, preconditions);
      await audit({
        action: 'approval_item.created',
        entityType: 'approval_item',
        entityId: id,
        after: body,
      });
    },
    () => getApprovalItem(c, id),
  );
}

export async function patchApprovalItem(
  c: AppContext,
  id: number,
  version: number,
  body: z.infer<typeof ApprovalItemPatch>,
) {
  requireRole(c, 'admin');
  const before = await getApprovalItem(c, id);
  const { preconditions, ...fields } = body;
  const statutory = fields.statutoryDays ?? before.statutoryDays;
  const promised = fields.promisedDays ?? before.promisedDays;
  if (promised > statutory) {
    throw problem.validation([
      { path: 'promisedDays', message: l('must not exceed statutoryDays', '不得超过法定时限'), in: 'body' },
    ]);
  }
  return adminChange(
    c,
    async (tx, audit) => {
      if (!(await bumpVersion(tx, 'approvalItems', id, version, fields))) stale();
      if (preconditions !== undefined) await replacePreconditions(tx, id, preconditions);
      await audit({
        action: 'approval_item.updated',
        entityType: 'approval_item',
        entityId: id,
        before: pick(before, Object.keys(body)),
        after: body,
      });
    },
    () => getApprovalItem(c, id),
  );
}

// ── Standards ────────────────────────────────────────────────────────────────
export async function getStandard(c: AppContext, id: number): Promise<StandardView> {
  const row = await standardById(db(c), id);
  if (!row) throw problem.notFound(l('standard', '标准'));
  return row;
}

export async function createStandard(c: AppContext, body: z.infer<typeof StandardCreate>) {
  requireRole(c, 'admin');
  let level = 1;
  if (body.parentId !== null) {
    const parent = await standardById(db(c), body.parentId);
    if (!parent)
      throw problem.validation([
        { path: 'parentId', message: l('no such standard', '标准不存在'), in: 'body' },
      ]);
    if (parent.level >= 4)
      throw problem.validation([
        {
          path: 'parentId',
          message: l('level-4 standards have no children', '四级标准下不能再设子项'),
          in: 'body',
        },
      ]);
    level = parent.level + 1;
  }
  let id = 0;
  return adminChange(
    c,
    async (tx, audit) => {
      id = await insertStandard(tx, { ...body, level });
      await audit({
        action: 'standard.created',
        entityType: 'standard',
        entityId: id,
        after: { ...body, level },
      });
    },
    () => getStandard(c, id),
  );
}

export async function patchStandard(
  c: AppContext,
  id: number,
  version: number,
  body: z.infer<typeof StandardPatch>,
) {
  requireRole(c, 'admin');
  const before = await getStandard(c, id);
  return adminChange(
    c,
    async (tx, audit) => {
      if (!(await bumpVersion(tx, 'standards', id, version, body))) stale();
      await audit({
        action: 'standard.updated',
        entityType: 'standard',
        entityId: id,
        before: pick(before, Object.keys(body)),
        after: body,
      });
    },
    () => getStandard(c, id),
  );
}

// ── Responsibility points ───────────────────────────────────────────────────
export async function getResponsibilityPoint(c: AppContext, id: number): Promise<ResponsibilityPointView> {
  const row = await responsibilityPointById(db(c), id);
  if (!row) throw problem.notFound(l('responsibility point', '责任点'));
  return row;
}

export async function createResponsibilityPoint(
  c: AppContext,
  body: z.infer<typeof ResponsibilityPointCreate>,
) {
  requireRole(c, 'admin');
  let id = 0;
  return adminChange(
    c,
    async (tx, audit) => {
      id = await insertResponsibilityPoint(tx, { ...body, triggers: body.triggers ?? [] });
      await audit({
        action: 'responsibility_point.created',
        entityType: 'responsibility_point',
        entityId: id,
        after: body,
      });
    },
    () => getResponsibilityPoint(c, id),
  );
}

export async function patchResponsibilityPoint(
  c: AppContext,
  id: number,
  version: number,
  body: z.infer<typeof ResponsibilityPointPatch>,
) {
  requireRole(c, 'admin');
  const before = await getResponsibilityPoint(c, id);
  return adminChange(
    c,
    async (tx, audit) => {
      if (!(await bumpVersion(tx, 'responsibilityPoints', id, version, responsibilityPatch(body)))) stale();
      await audit({
        action: 'responsibility_point.updated',
        entityType: 'responsibility_point',
        entityId: id,
        before: pick(before, Object.keys(body)),
        after: body,
      });
    },
    () => getResponsibilityPoint(c, id),
  );
}
