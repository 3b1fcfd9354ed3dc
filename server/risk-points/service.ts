import type { z } from '@hono/zod-openapi';
import { pick } from '../audit/diff.ts';
import { suggestedGrade } from './grading.ts';
import { bumpVersion, unitPath } from '../catalog/queries.ts';
import { type AppContext, audited, hasRole, requireRole, type SessionPerson } from '../http/context.ts';
import { l, problem } from '../http/problem.ts';
import {
  gradeHistory,
  insertGradeChange,
  insertRiskPoint,
  isSupervisor,
  postUnit,
  riskPointById,
} from './queries.ts';
import type { GradeChange, RiskPointCreate, RiskPointPatch, RiskPointView } from './schema.ts';

type Row = NonNullable<Awaited<ReturnType<typeof riskPointById>>>;

const ref = (id: number | null, name: string | null, nameEn: string | null) =>
  id === null ? null : { id, name: name ?? '', nameEn: nameEn ?? '' };

export function toRiskPointView({
  rpId,
  rpName,
  rpNameEn,
  alId,
  alName,
  alNameEn,
  ...point
}: Row): RiskPointView {
  return {
    ...point,
    suggestedGrade: suggestedGrade(point.likelihood, point.impact, point.discretion),
    responsiblePerson: ref(rpId, rpName, rpNameEn),
    accountableLeader: ref(alId, alName, alNameEn),
  };
}

export async function getRiskPoint(c: AppContext, id: number) {
  const { db } = c.get('deps');
  const row = await riskPointById(db, id);
  if (!row) throw problem.notFound(l('risk point', '风险防控点'));
  const history = await gradeHistory(db, id);
  return {
    ...toRiskPointView(row),
    gradeHistory: history.map((g) => ({
      id: g.id,
      grade: g.grade,
      previousGrade: g.previousGrade,
      likelihood: g.likelihood,
      impact: g.impact,
      discretion: g.discretion,
      reason: g.reason,
      changedAt: new Date(g.changedAt).toISOString(),
      changedBy: ref(g.changedById, g.changedByName, g.changedByNameEn),
      confirmedBy: { id: g.confirmedById, name: g.confirmedByName, nameEn: g.confirmedByNameEn },
    })),
  };
}

/** A grade is confirmed by a supervisor: the actor when they are one, else the one they name. */
/**
 * A grade is confirmed by a supervisor. A supervisor confirms their own grading (they cannot sign for a
 * colleague); an admin, who records a grading decided elsewhere, names the supervisor who confirmed it.
 */
async function confirmingSupervisor(c: AppContext, actor: SessionPerson, confirmedById: number | undefined) {
  if (
    hasRole(actor, 'supervisor') &&
    !hasRole(actor, 'admin') &&
    confirmedById !== undefined &&
    confirmedById !== actor.id
  ) {
    throw problem.forbidden(
      l(
        'You confirm your own grading; you cannot sign for another supervisor.',
        '督查人员只能确认本人的评定，不能代他人确认。',
      ),
      [{ path: 'confirmedById', message: l('must be you', '须为本人'), in: 'body' }],
    );
  }
  const id = confirmedById ?? (hasRole(actor, 'supervisor') ? actor.id : undefined);
  if (id === undefined) {
    throw problem.validation([
      {
        path: 'confirmedById',
        message: l('name the supervisor who confirms the grade', '请指定确认等级的督查人员'),
        in: 'body',
      },
    ]);
  }
  if (!(await isSupervisor(c.get('deps').db, id))) {
    throw problem.validation([
      { path: 'confirmedById', message: l('must be an active supervisor', '须为在职的督查人员'), in: 'body' },
    ]);
  }
  return id;
}

async function unitOfPost(c: AppContext, postId: number) {
  const post = await postUnit(c.get('deps').db, postId);
  if (!post)
    throw problem.validation([{ path: 'postId', message: l('no such post', '岗位不存在'), in: 'body' }]);
  return post.unitId;
}

export async function createRiskPoint(c: AppContext, body: z.infer<typeof RiskPointCreate>) {
  const actor = requireRole(c, 'admin');
  const { confirmedById, ...fields } = body;
  const confirmer = await confirmingSupervisor(c, actor, confirmedById);
  const unitId = await unitOfPost(c, body.postId);
  const id = await audited(c, async (tx, audit) => {
    const id = await insertRiskPoint(tx, { ...fields, unitId });
    await insertGradeChange(tx, {
      riskPointId: id,
      grade: body.grade,
      previousGrade: null,
      likelihood: body.likelihood,
      impact: body.impact,
      discretion: body.discretion,
      reason: 'initial grading',
      changedBy: actor.id,
      confirmedBy: confirmer,
    });
    await audit({
      action: 'risk_point.created',
      unitId,
      entityType: 'risk_point',
      entityId: id,
      after: { ...fields, confirmedBy: confirmer },
    });
    return id;
  });
  return getRiskPoint(c, id);
}

export async function patchRiskPoint(
  c: AppContext,
  id: number,
  version: number,
  body: z.infer<typeof RiskPointPatch>,
) {
  requireRole(c, 'admin');
  const before = await getRiskPoint(c, id);
  const unitId = body.postId !== undefined ? await unitOfPost(c, body.postId) : undefined;
  await audited(c, async (tx, audit) => {
    if (!(await bumpVersion(tx, 'riskPoints', id, version, { ...body, ...(unitId ? { unitId } : {}) }))) {
      throw problem.preconditionFailed();
    }
    await audit({
      action: 'risk_point.updated',
      unitId: unitId ?? before.unitId,
      entityType: 'risk_point',
      entityId: id,
      before: pick(
        {
          ...before,
          responsiblePersonId: before.responsiblePerson?.id ?? null,
          accountableLeaderId: before.accountableLeader?.id ?? null,
        },
        Object.keys(body),
      ),
      after: body,
    });
  });
  return getRiskPoint(c, id);
}

/** Re-grades a point from its likelihood, impact and discretion; the old grade stays in the history. */
export async function changeGrade(
  c: AppContext,
  id: number,
  version: number,
  body: z.infer<typeof GradeChange>,
) {
  const actor = requireRole(c, 'supervisor', 'admin');
  const before = await getRiskPoint(c, id);
  if (
    !hasRole(actor, 'admin') &&
    !((await unitPath(c.get('deps').db, before.unitId))?.startsWith(actor.unitPath) ?? false)
  ) {
    throw problem.forbidden(l('This risk point is outside your units.', '该风险防控点不在您的管辖范围内。'));
  }
  const confirmer = await confirmingSupervisor(c, actor, body.confirmedById);
  const inputs = {
    grade: body.grade,
    likelihood: body.likelihood,
    impact: body.impact,
    discretion: body.discretion,
  };
  await audited(c, async (tx, audit) => {
    if (!(await bumpVersion(tx, 'riskPoints', id, version, inputs))) throw problem.preconditionFailed();
    await insertGradeChange(tx, {
      riskPointId: id,
      previousGrade: before.grade,
      ...inputs,
      reason: body.reason,
      changedBy: actor.id,
      confirmedBy: confirmer,
    });
    await audit({
      action: 'risk_point.grade_changed',
      unitId: before.unitId,
      entityType: 'risk_point',
      entityId: id,
      before: pick(before, Object.keys(inputs)),
      after: { ...inputs, reason: body.reason, confirmedBy: confirmer },
    });
  });
  return getRiskPoint(c, id);
}
