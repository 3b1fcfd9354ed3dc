import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { unitById, unitPath } from '../catalog/queries.ts';
import { jsonb } from '../db/database.ts';
import type { DB, Grade } from '../db/types.ts';
import { holdsPostToday } from '../forms/queries.ts';
import {
  applyMove,
  insertFiling,
  mailOf,
  prepareFiling,
  reopening,
  requireVisibleForm,
} from '../forms/service.ts';
import {
  type AppContext,
  audited,
  dateIn,
  hasRole,
  me,
  requireRole,
  type SessionPerson,
  today,
} from '../http/context.ts';
import { decodeCursor, toPage } from '../http/pagination.ts';
import { l, problem } from '../http/problem.ts';
import { riskPointById } from '../risk-points/queries.ts';
import { loadSettings } from '../settings/service.ts';
import { periodBounds, periodOf } from './period.ts';
import {
  coverageRows,
  type DuePeriod,
  dueChecks,
  dueFigures,
  dueRechecks,
  type InspectionRow,
  inspectionFor,
  insertInspection,
  insertSample,
  listInspections,
  type ScopePath,
  sampleCandidates,
  sampleDrawing,
  sampleOf,
  samplePoints,
} from './queries.ts';
import { drawSample, newSeed, SAMPLE_WEIGHTS } from './sampling.ts';
import type {
  CoverageQuery,
  CoverageView,
  DueItem,
  DueQuery,
  InspectionCreate,
  InspectionsQuery,
  InspectionView,
  RechecksQuery,
  SampleCreate,
  SampleQuery,
  SampleView,
} from './schema.ts';

const db = (c: AppContext): Kysely<DB> => c.get('deps').db;
const ref = (id: number, name: string, nameEn: string) => ({ id, name, nameEn });
const GRADES: Grade[] = ['A', 'B', 'C'];

/**
 * Where a supervisor or leader looks: their unit's subtree, narrowed to `unitId` when it lies inside it.
 * Admins see everything unless they narrow.
 */
async function scopeOf(
  c: AppContext,
  unitId: number | undefined,
): Promise<{ path: ScopePath; unitId: number | null }> {
  const person = me(c);
  if (unitId === undefined) {
    return hasRole(person, 'admin')
      ? { path: null, unitId: null }
      : { path: person.unitPath, unitId: person.unitId };
  }
  const path = await unitPath(db(c), unitId);
  if (path === undefined) {
    throw problem.validation([{ path: 'unitId', message: l('no such unit', '单位不存在'), in: 'query' }]);
  }
  if (!hasRole(person, 'admin') && !path.startsWith(person.unitPath)) {
    throw problem.forbidden(l('That unit is outside your units.', '该单位不在您的管辖范围内。'), [
      { path: 'unitId', message: l('outside your units', '超出管辖范围'), in: 'query' },
    ]);
  }
  return { path, unitId };
}

async function duePeriod(c: AppContext, period: string | undefined) {
  const day = today(c);
  const month = period ?? periodOf(day);
  const settings = await loadSettings(db(c));
  const { start, end } = periodBounds(month);
  const p: DuePeriod & { period: string } = {
    period: month,
    start,
    end,
    today: day,
    every: settings.checkFrequencyMonths,
    timeZone: c.get('deps').timeZone,
  };
  return { p, settings };
}

const pointRef = (id: number, code: string, grade: Grade, description: string) => ({
  id,
  code,
  grade,
  description,
});

/** This month's (or another month's) checks due in the caller's scope, overdue ones first, with counts. */
export async function getDue(c: AppContext, q: z.infer<typeof DueQuery>) {
  requireRole(c, 'admin', 'supervisor', 'leader');
  const scope = await scopeOf(c, q.unitId);
  const { p } = await duePeriod(c, q.period);
  const after = q.cursor ? (decodeCursor(q.cursor, ['string', 'number']) as [string, number]) : undefined;
  const outstanding = q.include === 'outstanding';
  const [byGrade, rows] = await Promise.all([
    dueFigures(db(c), scope.path, p),
    dueChecks(db(c), scope.path, p, { grade: q.grade, outstanding, after, limit: q.limit }),
  ]);
  const counted = q.grade ? [q.grade] : GRADES;
  const total = counted.reduce((n, g) => n + byGrade[g].due - (outstanding ? byGrade[g].checked : 0), 0);
  const items: DueItem[] = rows.map((r) => ({
    riskPoint: pointRef(r.id, r.code, r.grade, r.description),
    unit: ref(r.unitId, r.unitName, r.unitNameEn),
    post: { ...ref(r.postId, r.postName, r.postNameEn), code: r.postCode },
    approvalItem: { ...ref(r.approvalItemId, r.itemName, r.itemNameEn), code: r.itemCode },
    stage: r.stage,
    lastCheckedOn: r.lastBefore,
    dueOn: r.dueOn,
    checkedOn: r.checkedOn,
    status: r.checkedOn ? 'checked' : r.dueOn < p.today ? 'overdue' : 'due',
    inSample: r.inSample,
  }));
  return {
    ...toPage(items, q.limit, total, (i) => [i.dueOn, i.riskPoint.id]),
    period: p.period,
    start: p.start,
    end: p.end,
    today: p.today,
    byGrade,
  };
}

/** Closed forms whose fix is due for an effectiveness re-check by the end of the month. */
export async function getRechecks(c: AppContext, q: z.infer<typeof RechecksQuery>) {
  requireRole(c, 'admin', 'supervisor', 'leader');
  const scope = await scopeOf(c, q.unitId);
  const { p, settings } = await duePeriod(c, q.period);
  const afterDays = settings.recheckAfterDays;
  const after = q.cursor ? (decodeCursor(q.cursor, ['string', 'number']) as [string, number]) : undefined;
  const { rows, total } = await dueRechecks(
    db(c),
    scope.path,
    { ...p, afterDays },
    { limit: q.limit, after },
  );
  const items = rows.map((r) => ({
    form: { id: r.id, number: r.number, problem: r.problem, grade: r.grade, closedOn: r.closedOn },
    riskPoint:
      r.riskPointId === null
        ? null
        : pointRef(r.riskPointId, r.rpCode ?? '', r.rpGrade as Grade, r.rpDescription ?? ''),
    unit: ref(r.unitId, r.unitName, r.unitNameEn),
    dueOn: r.dueOn,
    status: (r.dueOn < p.today ? 'overdue' : 'due') as 'overdue' | 'due',
  }));
  return { ...toPage(items, q.limit, total, (r) => [r.dueOn, r.form.id]), afterDays };
}

export function toInspectionView(r: InspectionRow): InspectionView {
  return {
    id: r.id,
    kind: r.kind,
    riskPoint:
      r.riskPointId === null
        ? null
        : pointRef(r.riskPointId, r.rpCode ?? '', r.rpGrade as Grade, r.rpDescription ?? ''),
    recheckOf:
      r.recheckOf === null
        ? null
        : { id: r.recheckOf, number: r.recheckNumber ?? '', status: r.recheckStatus ?? '' },
    unit: ref(r.unitId, r.unitName, r.unitNameEn),
    post: { ...ref(r.postId, r.postName, r.postNameEn), code: r.postCode },
    method: r.method,
    checkedOn: r.checkedOn,
    caseRef: r.caseRef,
    result: r.result,
    notes: r.notes,
    inspector: ref(r.inspectorId, r.inspectorName, r.inspectorNameEn),
    form: r.formId === null ? null : { id: r.formId, number: r.formNumber ?? '', status: r.formStatus ?? '' },
    sampleId: r.sampleId,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

export async function getInspection(c: AppContext, id: number): Promise<InspectionView> {
  const row = await inspectionFor(db(c), me(c), today(c), id);
  if (!row) throw problem.notFound(l('inspection', '督查记录'));
  return toInspectionView(row);
}

/** The checks a person may see, filtered: the base of the list endpoint. */
export async function inspectionsQuery(
  c: AppContext,
  q: Omit<z.infer<typeof InspectionsQuery>, 'limit' | 'cursor'>,
) {
  const scope = q.unitId === undefined ? undefined : (await scopeOfAny(c, q.unitId)).path;
  const bounds = q.period ? periodBounds(q.period) : undefined;
  return listInspections(db(c), me(c), today(c), {
    riskPointId: q.riskPointId,
    scope,
    result: q.result,
    method: q.method,
    kind: q.kind,
    from: bounds?.start,
    to: bounds?.end,
    inspectorId: q.inspectorId,
    recheckOf: q.recheckOf,
    formId: q.formId,
  });
}

/** A unit filter on a list everyone may read: the list is already limited to what they may see. */
async function scopeOfAny(c: AppContext, unitId: number) {
  const path = await unitPath(db(c), unitId);
  if (path === undefined) {
    throw problem.validation([{ path: 'unitId', message: l('no such unit', '单位不存在'), in: 'query' }]);
  }
  return { path };
}

function fieldError(path: string, en: string, zh: string) {
  return { path, message: l(en, zh), in: 'body' as const };
}

/** A supervisor of the unit, who does not hold the post being checked: checks are independent. */
async function requireInspector(
  c: AppContext,
  person: SessionPerson,
  unitId: number,
  postId: number,
  field: string,
) {
  const path = await unitPath(db(c), unitId);
  if (!path?.startsWith(person.unitPath)) {
    throw problem.forbidden(l('That is outside your units.', '不在您的管辖范围内。'), [
      fieldError(field, 'outside your units', '超出管辖范围'),
    ]);
  }
  if (await holdsPostToday(db(c), person.id, postId, today(c))) {
    throw problem.forbidden(
      l('You hold this post: another supervisor checks it.', '您在该岗位任职，应由其他督查人员检查。'),
      [fieldError(field, 'you hold its post', '您在该岗位任职')],
    );
  }
}

/**
 * Records a check. A failed routine check opens a form (source spot_check, filled from the risk point) in
 * the same transaction; a failed re-check reopens the form it re-checks. Either both happen or neither.
 */
export async function recordInspection(c: AppContext, body: z.infer<typeof InspectionCreate>) {
  const person = requireRole(c, 'supervisor');
  const day = today(c);
  const errors = [];
  if ((body.riskPointId === undefined) === (body.recheckOf === undefined)) {
    errors.push(
      fieldError(
        'riskPointId',
        'give the risk point checked, or the form re-checked (recheckOf)',
        '请填写所检查的风险点，或所复查的记录',
      ),
    );
  }
  if (body.checkedOn > day) errors.push(fieldError('checkedOn', 'must not be in the future', '不得晚于今天'));
  const opensForm = body.result === 'fail' && body.recheckOf === undefined;
  for (const k of ['problem', 'occurredOn'] as const) {
    if (body[k] !== undefined && !opensForm) {
      errors.push(fieldError(k, 'only for a failed routine check', '仅用于未通过的日常检查'));
    }
  }
  if (body.occurredOn && body.occurredOn > body.checkedOn) {
    errors.push(fieldError('occurredOn', 'must not be after checkedOn', '不得晚于检查日期'));
  }
  if (errors.length > 0) throw problem.validation(errors);
  const base = {
    method: body.method,
    checkedOn: body.checkedOn,
    caseRef: body.caseRef ?? null,
    result: body.result,
    notes: body.notes,
    inspectorId: person.id,
  };

  if (body.recheckOf !== undefined) {
    const form = await requireVisibleForm(c, body.recheckOf);
    await requireInspector(c, person, form.unitId, form.postId, 'recheckOf');
    if (form.status !== 'closed') {
      throw problem.conflict(l('Only a closed form is re-checked.', '只能复查已关闭的记录。'), [
        fieldError('recheckOf', 'not closed', '记录未关闭'),
      ]);
    }
    // A re-check tests the fix: it comes after the form was closed.
    if (form.closedAt && body.checkedOn < dateIn(new Date(form.closedAt), c.get('deps').timeZone)) {
      throw problem.validation([
        fieldError('checkedOn', 'must not be before the form was closed', '不得早于记录关闭日期'),
      ]);
    }
    if (form.holderIds.includes(person.id) || form.filedBy === person.id) {
      throw problem.forbidden(
        l(
          'You worked this form: another supervisor re-checks it.',
          '您参与了该记录的整改，应由其他督查人员复查。',
        ),
        [fieldError('recheckOf', 'you worked it', '您参与了整改')],
      );
    }
    const reopen = body.result === 'fail' ? await reopening(c, form) : null;
    const mail = await mailOf(c);
    const id = await audited(c, async (tx, audit) => {
      const id = await insertInspection(tx, {
        ...base,
        kind: 'recheck',
        recheckOf: form.id,
        riskPointId: form.riskPointId,
        unitId: form.unitId,
        postId: form.postId,
        formId: null,
        sampleId: null,
      });
      await audit({
        action: 'inspection.recorded',
        entityType: 'inspection',
        entityId: id,
        unitId: form.unitId,
        after: { ...base, kind: 'recheck', recheckOf: form.id, riskPointId: form.riskPointId },
      });
      if (reopen) {
        await applyMove(
          tx,
          audit,
          form,
          { status: 'in_progress', ...reopen, statusReason: body.notes },
          { mail, by: person, reason: body.notes, extra: { recheckId: id } },
        );
      }
      return id;
    });
    // The form this re-check reopened; a pass changes no form.
    return { ...(await getInspection(c, id)), formId: reopen ? form.id : null };
  }

  const point = await riskPointById(db(c), body.riskPointId as number);
  if (!point) throw problem.validation([fieldError('riskPointId', 'no such risk point', '风险防控点不存在')]);
  await requireInspector(c, person, point.unitId, point.postId, 'riskPointId');
  const filing = opensForm
    ? await prepareFiling(
        c,
        {
          source: 'spot_check',
          problem: body.problem ?? body.notes,
          occurredOn: body.occurredOn ?? body.checkedOn,
          foundOn: body.checkedOn,
          postId: point.postId,
          approvalItemId: point.approvalItemId,
          stage: point.stage,
          riskPointId: point.id,
        },
        false,
      )
    : null;
  const sampleId = await sampleDrawing(db(c), periodOf(body.checkedOn), point.id);
  const mail = await mailOf(c);
  const { id, formId } = await audited(c, async (tx, audit) => {
    const opened = filing ? await insertFiling(tx, audit, person, filing, mail) : null;
    const id = await insertInspection(tx, {
      ...base,
      kind: 'routine',
      riskPointId: point.id,
      recheckOf: null,
      unitId: point.unitId,
      postId: point.postId,
      formId: opened?.id ?? null,
      sampleId,
    });
    await audit({
      action: 'inspection.recorded',
      entityType: 'inspection',
      entityId: id,
      unitId: point.unitId,
      after: { ...base, kind: 'routine', riskPointId: point.id, formId: opened?.id ?? null, sampleId },
    });
    return { id, formId: opened?.id ?? null };
  });
  return { ...(await getInspection(c, id)), formId };
}

async function sampleView(c: AppContext, period: string, unitId: number): Promise<SampleView | null> {
  const s = await sampleOf(db(c), period, unitId);
  if (!s) return null;
  const { start, end } = periodBounds(period);
  const points = new Map((await samplePoints(db(c), s.riskPointIds, start, end)).map((p) => [p.id, p]));
  return {
    id: s.id,
    period: s.period,
    unit: ref(s.unitId, s.unitName, s.unitNameEn),
    size: s.size,
    seed: s.seed,
    candidates: s.candidateIds.length,
    weights: SAMPLE_WEIGHTS,
    drawnBy: ref(s.drawnById, s.drawnByName, s.drawnByNameEn),
    drawnAt: new Date(s.drawnAt).toISOString(),
    // In the order drawn.
    items: s.riskPointIds.flatMap((id) => {
      const p = points.get(id);
      if (!p) return [];
      return [
        {
          riskPoint: pointRef(p.id, p.code, p.grade, p.description),
          unit: ref(p.unitId, p.unitName, p.unitNameEn),
          post: { ...ref(p.postId, p.postName, p.postNameEn), code: p.postCode },
          checkedOn: p.checkedOn ?? null,
          inspectionId: p.inspectionId ?? null,
        },
      ];
    }),
  };
}

class SampleExists extends Error {}

/**
 * Draws the month's spot checks for a scope: a weighted random sample of the points due and not yet checked,
 * from a fresh seed that is stored with it. Drawing again for the same month and scope gives the stored one.
 */
export async function drawMonthSample(c: AppContext, body: z.infer<typeof SampleCreate>) {
  const person = requireRole(c, 'supervisor');
  const unitId = body.unitId ?? person.unitId;
  const scope = await scopeOf(c, unitId);
  const stored = await sampleView(c, body.period, unitId);
  if (stored) return { sample: stored, created: false };
  if (body.period < periodOf(today(c))) {
    throw problem.validation([
      fieldError('period', 'a past month cannot be sampled', '不能为已过去的月份抽样'),
    ]);
  }
  const { p } = await duePeriod(c, body.period);
  const candidates = await sampleCandidates(db(c), scope.path, p);
  const seed = newSeed();
  const drawn = drawSample(seed, candidates, body.size);
  let created = true;
  try {
    await audited(c, async (tx, audit) => {
      const id = await insertSample(tx, {
        period: body.period,
        unitId,
        size: body.size,
        seed,
        candidateIds: candidates.map((x) => x.id),
        candidateGrades: candidates.map((x) => x.grade),
        weights: jsonb(SAMPLE_WEIGHTS),
        riskPointIds: drawn,
        drawnBy: person.id,
      });
      if (id === null) throw new SampleExists();
      await audit({
        action: 'inspection.sample_drawn',
        entityType: 'inspection_sample',
        entityId: id,
        unitId,
        after: {
          period: body.period,
          size: body.size,
          seed,
          weights: SAMPLE_WEIGHTS,
          candidates: candidates.length,
          riskPointIds: drawn,
        },
      });
    });
  } catch (err) {
    // Someone drew the same month and scope a moment earlier: theirs stands.
    if (!(err instanceof SampleExists)) throw err;
    created = false;
  }
  const sample = await sampleView(c, body.period, unitId);
  if (!sample) throw new Error('the sample just drawn is missing');
  return { sample, created };
}

export async function getSample(c: AppContext, q: z.infer<typeof SampleQuery>) {
  const person = requireRole(c, 'admin', 'supervisor', 'leader');
  const unitId = q.unitId ?? person.unitId;
  await scopeOf(c, unitId);
  const sample = await sampleView(c, q.period, unitId);
  if (!sample) throw problem.notFound(l('sample', '抽样'));
  return sample;
}

const rate = (due: number, checked: number) => ({ due, checked, rate: due === 0 ? null : checked / due });

/** How many of the month's due checks were done, per grade and per unit, against the 100% target. */
export async function getCoverage(c: AppContext, q: z.infer<typeof CoverageQuery>): Promise<CoverageView> {
  requireRole(c, 'admin', 'supervisor', 'leader');
  const scope = await scopeOf(c, q.unitId);
  const { p } = await duePeriod(c, q.period);
  const rows = await coverageRows(db(c), scope.path, p);
  const empty = () => ({ due: 0, checked: 0 });
  const total = empty();
  const byGrade = { A: empty(), B: empty(), C: empty() };
  const units = new Map<
    number,
    { unit: ReturnType<typeof ref>; total: typeof total; byGrade: typeof byGrade }
  >();
  for (const r of rows) {
    let u = units.get(r.unitId);
    if (!u) {
      u = {
        unit: ref(r.unitId, r.unitName, r.unitNameEn),
        total: empty(),
        byGrade: { A: empty(), B: empty(), C: empty() },
      };
      units.set(r.unitId, u);
    }
    for (const bucket of [total, byGrade[r.grade], u.total, u.byGrade[r.grade]]) {
      bucket.due += r.due;
      bucket.checked += r.checked;
    }
  }
  const graded = (g: typeof byGrade) => ({
    A: rate(g.A.due, g.A.checked),
    B: rate(g.B.due, g.B.checked),
    C: rate(g.C.due, g.C.checked),
  });
  const unit = scope.unitId === null ? null : await unitById(db(c), scope.unitId);
  return {
    period: p.period,
    target: 1,
    unit: unit ? ref(unit.id, unit.name, unit.nameEn) : null,
    total: rate(total.due, total.checked),
    byGrade: graded(byGrade),
    units: [...units.values()].map((u) => ({
      unit: u.unit,
      ...rate(u.total.due, u.total.checked),
      byGrade: graded(u.byGrade),
    })),
  };
}

/** Evidence of a check is added by its inspector or a supervisor of its unit. */
export async function requireInspectionEvidence(c: AppContext, id: number) {
  const inspection = await getInspection(c, id);
  const person = me(c);
  const path = await unitPath(db(c), inspection.unit.id);
  const supervisor = hasRole(person, 'supervisor') && (path?.startsWith(person.unitPath) ?? false);
  if (inspection.inspector.id !== person.id && !supervisor) {
    throw problem.forbidden(
      l(
        'Only the inspector or a supervisor of its unit may add evidence.',
        '只有检查人或本单位督查人员可以上传佐证材料。',
      ),
    );
  }
  return { unitId: inspection.unit.id };
}
