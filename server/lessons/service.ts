import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { unitPath } from '../catalog/queries.ts';
import type { DB } from '../db/types.ts';
import { requireVisibleForm } from '../forms/service.ts';
import { type AppContext, audited, hasRole, me, now, requireRole, today } from '../http/context.ts';
import { decodeCursor, toPage } from '../http/pagination.ts';
import { l, problem } from '../http/problem.ts';
import {
  deleteExemplaryCase,
  exemplaryCase,
  type LessonListRow,
  type LessonRow,
  lessonRows,
  lessonsPage,
  measureTexts,
  similarForms,
  upsertExemplaryCase,
} from './queries.ts';
import type {
  CaseCreate,
  LessonsQuery,
  LessonView,
  SimilarForm,
  SimilarQuery,
  SimilarView,
} from './schema.ts';

const db = (c: AppContext): Kysely<DB> => c.get('deps').db;
const ref = (id: number, name: string, nameEn: string) => ({ id, name, nameEn });
/** A form sharing less than this share of the typed text's character pairs is not suggested. */
export const MIN_OVERLAP = 0.15;

async function withMeasures<R extends LessonRow, V>(
  c: AppContext,
  rows: R[],
  view: (row: R, measures: LessonView['measures']) => V,
): Promise<V[]> {
  const measures = await measureTexts(
    db(c),
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    view(
      r,
      measures.filter((m) => m.formId === r.id).map((m) => ({ kind: m.kind, text: m.text })),
    ),
  );
}

function lessonFields(r: LessonRow, measures: LessonView['measures']) {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    problem: r.problem,
    foundOn: r.foundOn,
    closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
    post: { ...ref(r.postId, r.postName, r.postNameEn), code: r.postCode },
    unit: ref(r.unitId, r.unitName, r.unitNameEn),
    riskPoint: r.riskPointId === null ? null : { id: r.riskPointId, code: r.riskCode ?? '' },
    standard:
      r.standardId === null
        ? null
        : {
            id: r.standardId,
            code: r.standardCode ?? '',
            title: r.standardTitle ?? '',
            titleEn: r.standardTitleEn ?? '',
          },
    rootCause: r.rootCause as LessonView['rootCause'],
    measures,
  };
}

/** Forms like the problem being typed: open ones (a possible duplicate) and closed ones (what was learned). */
export async function getSimilar(c: AppContext, q: z.infer<typeof SimilarQuery>): Promise<SimilarView> {
  const person = me(c);
  const o = {
    text: q.text,
    postId: q.postId,
    riskPointId: q.riskPointId,
    limit: q.limit,
    minOverlap: MIN_OVERLAP,
  };
  const [open, closed] = await Promise.all(
    [true, false].map((isOpen) => similarForms(db(c), person, today(c), { ...o, open: isOpen })),
  );
  const view = (rows: NonNullable<typeof open>) =>
    withMeasures(
      c,
      rows,
      (r, measures): SimilarForm => ({
        ...lessonFields(r, measures),
        overlap: Math.round(Number(r.overlap) * 100) / 100,
        samePost: q.postId === r.postId,
        sameRiskPoint: q.riskPointId !== undefined && q.riskPointId === r.riskPointId,
      }),
    );
  return { open: await view(open ?? []), closed: await view(closed ?? []) };
}

function toLesson(r: LessonListRow, measures: LessonView['measures']): LessonView {
  return {
    ...lessonFields(r, measures),
    exemplary:
      r.exemplaryNote === null || r.exemplaryById === null
        ? null
        : {
            note: r.exemplaryNote,
            markedBy: ref(r.exemplaryById, r.exemplaryByName ?? '', r.exemplaryByNameEn ?? ''),
            markedAt: new Date(r.exemplaryAt as Date).toISOString(),
          },
    score: Number(r.score),
  };
}

/** Closed forms searched as lessons learned (best match first when searching by text, else newest first). */
export async function searchLessons(c: AppContext, query: z.infer<typeof LessonsQuery>) {
  const { limit, cursor, ...filter } = query;
  if (filter.unitId !== undefined && (await unitPath(db(c), filter.unitId)) === undefined) {
    throw problem.validation([{ path: 'unitId', message: l('no such unit', '单位不存在'), in: 'query' }]);
  }
  const after = cursor ? (decodeCursor(cursor, ['number', 'number']) as [number, number]) : undefined;
  const { rows, total, capped } = await lessonsPage(db(c), me(c), today(c), filter, after, limit);
  const items = await withMeasures(c, rows, toLesson);
  return { ...toPage(items, limit, total, (i) => [i.score, i.id]), capped };
}

/** A supervisor of the form's unit (or an admin) marks the case; the form must be closed and visible. */
async function requireCaseKeeper(c: AppContext, formId: number) {
  const person = requireRole(c, 'supervisor', 'admin');
  const form = await requireVisibleForm(c, formId);
  const path = await unitPath(db(c), form.unitId);
  if (!hasRole(person, 'admin') && !(path ?? '').startsWith(person.unitPath)) {
    throw problem.forbidden(
      l('Only a supervisor of the form’s unit may do this.', '只有该记录所属单位的督查人员可以执行此操作。'),
    );
  }
  return { person, form };
}

export async function markCase(c: AppContext, body: z.infer<typeof CaseCreate>) {
  const { person, form } = await requireCaseKeeper(c, body.formId);
  if (form.status !== 'closed') {
    throw problem.conflict(
      l('Only a closed form can be an exemplary case.', '只有已关闭的记录可以列为典型案例。'),
      [{ path: 'formId', message: l('the form is not closed', '该记录尚未关闭'), in: 'body' }],
    );
  }
  const created = await audited(c, async (tx, audit) => {
    const before = await exemplaryCase(tx, form.id);
    await upsertExemplaryCase(tx, {
      formId: form.id,
      note: body.note,
      markedBy: person.id,
      markedAt: now(c),
    });
    await audit({
      action: 'form.exemplary_marked',
      entityType: 'form',
      entityId: form.id,
      unitId: form.unitId,
      before: before ? { exemplary: { note: before.note, markedBy: before.markedBy } } : { exemplary: null },
      after: { exemplary: { note: body.note, markedBy: person.id } },
    });
    return before === undefined;
  });
  return { lesson: await lessonOf(c, form.id), created };
}

export async function unmarkCase(c: AppContext, formId: number) {
  const { form } = await requireCaseKeeper(c, formId);
  await audited(c, async (tx, audit) => {
    const removed = await deleteExemplaryCase(tx, form.id);
    if (!removed) throw problem.notFound(l('exemplary case', '典型案例'));
    await audit({
      action: 'form.exemplary_unmarked',
      entityType: 'form',
      entityId: form.id,
      unitId: form.unitId,
      before: { exemplary: { note: removed.note, markedBy: removed.markedBy } },
      after: { exemplary: null },
    });
  });
}

async function lessonOf(c: AppContext, formId: number): Promise<LessonView> {
  const rows = await lessonRows(db(c), me(c), today(c), undefined).where('f.id', '=', formId).execute();
  const [lesson] = await withMeasures(c, rows, toLesson);
  if (!lesson) throw problem.notFound(l('form', '改进记录'));
  return lesson;
}

/** One exemplary case, or 404 when the form is not one (or not visible). */
export async function getCase(c: AppContext, formId: number): Promise<LessonView> {
  const lesson = await lessonOf(c, formId);
  if (!lesson.exemplary) throw problem.notFound(l('exemplary case', '典型案例'));
  return lesson;
}
