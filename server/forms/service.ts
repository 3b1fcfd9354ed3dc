import type { z } from '@hono/zod-openapi';
import type { Kysely, Transaction } from 'kysely';
import { canonical } from '../audit/chain.ts';
import type { Audit } from '../audit/write.ts';
import { type MailContext, mailContext } from '../mail/outbox.ts';
import { filedRecipients, notifyFiled, notifyMove, queueFiled } from '../mail/notify.ts';
import { mailPeople } from '../mail/queries.ts';
import { deadlineOf, yellowOnFor } from '../calendar/calendar.ts';
import { holdersOn, postById, responsibilityPointById, unitPath } from '../catalog/queries.ts';
import { sha256Hex } from '../common/hash.ts';
import type { AccountabilityTrigger, DB, FormStatus, Grade } from '../db/types.ts';
import { type AppContext, audited, hasRole, me, now, type SessionPerson, today } from '../http/context.ts';
import { type FieldError, l, type Localized, Problem, problem } from '../http/problem.ts';
import { settingsOf } from '../settings/service.ts';
import {
  allocateNumber,
  existingPeople,
  type FormUpdate,
  formFor,
  holdsPostToday,
  idempotencyKey,
  insertForm,
  measuresOf,
  replaceMeasures,
  riskPointGrade,
  saveIdempotencyKey,
  updateForm,
} from './queries.ts';
import {
  type AccountabilityInput,
  type FormCreate,
  FormFacts,
  type FormPatch,
  type FormView,
  type Responsible,
  type TransitionNames,
  type TransitionRequest,
  type VerificationInput,
} from './schema.ts';

type Target = (typeof TransitionNames)[number];
type Row = NonNullable<Awaited<ReturnType<typeof formFor>>>;
type Who = 'filer' | 'worker' | 'supervisor';

const db = (c: AppContext): Kysely<DB> => c.get('deps').db;

/**
 * The life of a form: each move, who may make it, and what it needs. A move not listed is a 409; a listed
 * move by the wrong person is a 403; a move whose needs are not met is a 409 saying what is missing.
 */
const MOVES: { from: FormStatus; to: Target; who: Who; reason?: boolean }[] = [
  { from: 'draft', to: 'open', who: 'filer' },
  { from: 'open', to: 'in_progress', who: 'worker' },
  { from: 'in_progress', to: 'verifying', who: 'worker' },
  { from: 'verifying', to: 'closed', who: 'supervisor' },
  { from: 'verifying', to: 'in_progress', who: 'supervisor' },
  { from: 'open', to: 'cancelled', who: 'supervisor', reason: true },
  { from: 'in_progress', to: 'cancelled', who: 'supervisor', reason: true },
  { from: 'closed', to: 'in_progress', who: 'supervisor', reason: true },
];

const STATUS_TEXT: Record<FormStatus, Localized> = {
  draft: l('draft', '草稿'),
  open: l('open', '已登记'),
  in_progress: l('in progress', '整改中'),
  verifying: l('verifying', '待验证'),
  closed: l('closed', '已关闭'),
  cancelled: l('cancelled', '已撤销'),
};

interface Standing {
  filer: boolean;
  worker: boolean;
  /** A supervisor whose scope covers the form's unit. */
  supervisor: boolean;
  /** One of the holders the form was traced back to. */
  responsibleHolder: boolean;
}

/** What a person is to a form they can see: its filer, someone who works it, its supervisor. */
async function standing(c: AppContext, person: SessionPerson, row: Row): Promise<Standing> {
  const responsibleHolder = row.holderIds.includes(person.id);
  const filer = row.filedBy === person.id;
  const worker = filer || responsibleHolder || (await holdsPostToday(db(c), person.id, row.postId, today(c)));
  const supervisor = hasRole(person, 'supervisor') && row.unitPath.startsWith(person.unitPath);
  return { filer, worker, supervisor, responsibleHolder };
}

function mayMove(s: Standing, who: Who): boolean {
  return who === 'filer' ? s.filer : who === 'worker' ? s.worker : s.supervisor;
}

/** Filing facts are the filer's while a draft, then a supervisor's to correct; analysis is the workers'. */
const FACTS = FormFacts;
/** Facts that re-trace responsibility or re-count the deadline: fixed once work has started. */
const FIXED_ONCE_WORKED = ['occurredOn', 'postId', 'grade'] as const;
const ANALYSIS = ['rootCause', 'measures'] as const;

function canEdit(s: Standing, status: FormStatus) {
  if (status === 'draft') return s.filer;
  return (s.worker || s.supervisor) && (status === 'open' || status === 'in_progress');
}

async function loadRow(c: AppContext, id: number): Promise<Row> {
  const row = await formFor(db(c), me(c), id, today(c));
  // Not visible and not existing look the same: 404.
  if (!row) throw problem.notFound(l('form', '改进记录'));
  return row;
}

const ref = (id: number, name: string, nameEn: string) => ({ id, name, nameEn });

export async function formView(c: AppContext, row: Row): Promise<FormView> {
  const person = me(c);
  const [measures, s] = await Promise.all([measuresOf(db(c), row.id), standing(c, person, row)]);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    source: row.source,
    problem: row.problem,
    occurredOn: row.occurredOn,
    foundOn: row.foundOn,
    filedOn: row.filedOn,
    grade: row.grade,
    deadline: row.deadline,
    yellowOn: row.yellowOn,
    card: row.card,
    post: { id: row.postId, code: row.postCode, name: row.postName, nameEn: row.postNameEn },
    unit: ref(row.unitId, row.unitName, row.unitNameEn),
    responsible: row.responsible as Responsible,
    version: row.version,
    approvalItem:
      row.approvalItemId === null
        ? null
        : {
            id: row.approvalItemId,
            code: row.itemCode ?? '',
            name: row.itemName ?? '',
            nameEn: row.itemNameEn ?? '',
          },
    stage: row.stage,
    riskPoint:
      row.riskPointId === null
        ? null
        : {
            id: row.riskPointId,
            code: row.riskCode ?? '',
            grade: row.riskGrade as Grade,
            description: row.riskDescription ?? '',
          },
    responsibilityPoint:
      row.responsibilityPointId === null
        ? null
        : { id: row.responsibilityPointId, code: row.rpCode ?? '', duty: row.rpDuty ?? '' },
    standard:
      row.standardId === null
        ? null
        : {
            id: row.standardId,
            code: row.standardCode ?? '',
            title: row.standardTitle ?? '',
            titleEn: row.standardTitleEn ?? '',
          },
    rootCause: row.rootCause as FormView['rootCause'],
    measures: measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      text: m.text,
      owner: ref(m.ownerId, m.ownerName, m.ownerNameEn),
      dueOn: m.dueOn,
      doneOn: m.doneOn,
    })),
    verification: row.verification as FormView['verification'],
    accountability: row.accountability as FormView['accountability'],
    statusReason: row.statusReason,
    filedBy: ref(row.filedBy, row.filedByName, row.filedByNameEn),
    closedAt: row.closedAt ? new Date(row.closedAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    allowedTransitions: MOVES.filter((m) => m.from === row.status && mayMove(s, m.who)).map((m) => m.to),
    canEdit: canEdit(s, row.status),
  };
}

export async function getForm(c: AppContext, id: number) {
  return formView(c, await loadRow(c, id));
}

/** Traces responsibility back to the day it happened: the post's holders then, its head and leader now. */
async function traceBack(c: AppContext, postId: number, occurredOn: string) {
  const chain = await postById(db(c), postId);
  if (!chain)
    throw problem.validation([{ path: 'postId', message: l('no such post', '岗位不存在'), in: 'body' }]);
  // Who held the post that day (倒查责任): assignment history, not today's holder.
  const holders = await holdersOn(db(c), [postId], occurredOn);
  const responsible: Responsible = {
    holders: holders.map((h) => ({
      personId: h.personId,
      name: h.name,
      nameEn: h.nameEn,
      fromDate: h.fromDate,
      toDate: h.toDate,
    })),
    departmentHead: chain.dhId === null ? null : ref(chain.dhId, chain.dhName ?? '', chain.dhNameEn ?? ''),
    leaderInCharge: chain.lcId === null ? null : ref(chain.lcId, chain.lcName ?? '', chain.lcNameEn ?? ''),
  };
  return {
    unitId: chain.unitId,
    responsible,
    holderIds: holders.map((h) => h.personId),
    names: {
      postName: chain.name,
      postNameEn: chain.nameEn,
      unitName: chain.unitName,
      unitNameEn: chain.unitNameEn,
    },
  };
}

type Traced = Awaited<ReturnType<typeof traceBack>>;
/** The form's columns a trace-back sets (its names are for messages only). */
const tracedColumns = ({ unitId, responsible, holderIds }: Traced) => ({ unitId, responsible, holderIds });

async function gradeOf(c: AppContext, body: { grade?: Grade; riskPointId?: number | null }): Promise<Grade> {
  if (body.grade) return body.grade;
  if (body.riskPointId) {
    const point = await riskPointGrade(db(c), body.riskPointId);
    if (!point)
      throw problem.validation([
        { path: 'riskPointId', message: l('no such risk point', '风险防控点不存在'), in: 'body' },
      ]);
    return point.grade;
  }
  throw problem.validation([
    {
      path: 'grade',
      message: l('choose a grade, or link a risk point', '请选择等级，或关联风险防控点'),
      in: 'body',
    },
  ]);
}

/**
 * Files a form (or saves a draft): number, trace-back and deadline, in one audited transaction. With an
 * Idempotency-Key the same key and body give back the first form; the same key with another body is a 422.
 */
export async function fileForm(c: AppContext, body: z.infer<typeof FormCreate>, key: string | undefined) {
  const person = me(c);
  const requestHash = key ? await sha256Hex(canonical(body)) : '';
  const replay = async () => {
    const earlier = key ? await idempotencyKey(db(c), person.id, key) : undefined;
    if (!earlier) return null;
    if (earlier.requestHash !== requestHash) {
      throw new Problem(
        422,
        'idempotency-key-reused',
        l('Idempotency key reused', '幂等键重复使用'),
        l('This Idempotency-Key was used with a different body.', '该 Idempotency-Key 已用于另一份内容。'),
        [
          {
            path: 'Idempotency-Key',
            message: l('already used for another request', '已用于其他请求'),
            in: 'header',
          },
        ],
      );
    }
    return { form: await getForm(c, earlier.formId), replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const { draft, ...fields } = body;
  const filing = await prepareFiling(c, fields, draft ?? false);
  const mail = await mailOf(c);
  try {
    const id = await audited(c, async (tx, audit) => {
      const { id } = await insertFiling(tx, audit, person, filing, mail);
      if (key) await saveIdempotencyKey(tx, person.id, key, requestHash, id);
      return id;
    });
    return { form: await getForm(c, id), replayed: false };
  } catch (err) {
    // Two requests with the same key at once: the second finds the first one's form.
    if (key && (err as { code?: string }).code === '23505') {
      const again = await replay();
      if (again) return again;
    }
    throw err;
  }
}

type FilingFields = Omit<z.infer<typeof FormCreate>, 'draft'>;
export type Filing = Awaited<ReturnType<typeof prepareFiling>>;

/**
 * Everything a new form needs worked out before its transaction: the dates checked, its grade, the
 * responsibility traced back to the day it happened, and its working-day deadline.
 */
export async function prepareFiling(c: AppContext, fields: FilingFields, draft: boolean) {
  const day = today(c);
  const foundOn = fields.foundOn ?? day;
  if (foundOn > day) {
    throw problem.validation([
      { path: 'foundOn', message: l('must not be in the future', '不得晚于今天'), in: 'body' },
    ]);
  }
  if (fields.occurredOn > foundOn) {
    throw problem.validation([
      { path: 'occurredOn', message: l('must not be after foundOn', '不得晚于发现日期'), in: 'body' },
    ]);
  }
  const grade = await gradeOf(c, fields);
  const traced = await traceBack(c, fields.postId, fields.occurredOn);
  const settings = await settingsOf(c);
  const { deadline, yellowOn } = deadlineOf(day, settings.deadlineDays[grade], settings);
  const status: FormStatus = draft ? 'draft' : 'open';
  return { fields, day, foundOn, grade, traced, deadline, yellowOn, status };
}

/**
 * Numbers and stores a prepared form inside the caller's audited transaction (filing, a failed check). The
 * number's row is locked until the commit, so every filing waits for the one before it: what can be read
 * first (who is told) is read before the number is taken, and the message is built from what is in hand.
 */
export async function insertFiling(
  tx: Transaction<DB>,
  audit: Audit,
  filer: { id: number; name: string; nameEn: string },
  filing: Filing,
  mail: MailContext,
) {
  const { fields, day, foundOn, grade, traced, deadline, yellowOn, status } = filing;
  const told = status === 'open' ? await mailPeople(tx, filedRecipients(traced.responsible)) : [];
  const number = await allocateNumber(tx, Number(day.slice(0, 4)));
  const id = await insertForm(tx, {
    number,
    status,
    source: fields.source,
    problem: fields.problem,
    occurredOn: fields.occurredOn,
    foundOn,
    filedOn: day,
    postId: fields.postId,
    unitId: traced.unitId,
    approvalItemId: fields.approvalItemId ?? null,
    stage: fields.stage ?? null,
    riskPointId: fields.riskPointId ?? null,
    responsibilityPointId: fields.responsibilityPointId ?? null,
    standardId: fields.standardId ?? null,
    grade,
    deadline,
    yellowOn,
    responsible: traced.responsible,
    holderIds: traced.holderIds,
    filedBy: filer.id,
  });
  await audit({
    action: status === 'draft' ? 'form.drafted' : 'form.filed',
    entityType: 'form',
    entityId: id,
    unitId: traced.unitId,
    after: { number, status, ...fields, foundOn, grade, deadline, responsible: traced.responsible },
  });
  if (status === 'open') {
    const facts = { id, number, problem: fields.problem, grade, deadline, source: fields.source };
    await queueFiled(
      tx,
      audit,
      mail,
      {
        ...facts,
        ...traced.names,
        unitId: traced.unitId,
        filerName: filer.name,
        filerNameEn: filer.nameEn,
      },
      told,
    );
  }
  return { id, number };
}

function refuse(fields: readonly string[], en: string, zh: string) {
  return problem.forbidden(
    l(en, zh),
    fields.map((path) => ({
      path,
      message: l('not yours to change now', '当前无权修改'),
      in: 'body' as const,
    })),
  );
}

/**
 * Changes a form. A draft is its filer's; once filed, the facts are corrected only by a supervisor of its unit
 * (a holder cannot re-grade their own form to push back its deadline, or move it onto another post), the
 * root cause and measures are worked by its holders while open or in progress, and only a supervisor moves
 * the deadline.
 */
export async function patchForm(c: AppContext, id: number, version: number, body: z.infer<typeof FormPatch>) {
  const person = me(c);
  const row = await loadRow(c, id);
  const s = await standing(c, person, row);
  const keys = Object.keys(body) as (keyof typeof body)[];
  const facts = keys.filter((k) => (FACTS as readonly string[]).includes(k));
  const analysis = keys.filter((k) => (ANALYSIS as readonly string[]).includes(k));
  if (
    ['closed', 'cancelled', 'verifying'].includes(row.status) &&
    (facts.length > 0 || analysis.length > 0)
  ) {
    throw problem.conflict(
      l(
        `A form that is ${STATUS_TEXT[row.status].en} cannot be changed${row.status === 'verifying' ? '; send it back first' : ''}.`,
        `${STATUS_TEXT[row.status]['zh-CN']}的记录不能修改${row.status === 'verifying' ? '，请先退回整改' : ''}。`,
      ),
    );
  }
  if (!s.worker && !s.supervisor && !s.filer) {
    throw refuse(
      keys,
      'Only the people who work this form, or its supervisor, may change it.',
      '只有该记录的责任人或督查人员可以修改。',
    );
  }
  if (facts.length > 0 && !(row.status === 'draft' ? s.filer : s.supervisor)) {
    throw refuse(
      facts,
      'Once filed, only a supervisor of its unit may correct what the form records.',
      '记录登记后，只有本单位督查人员可以更正登记内容。',
    );
  }
  if (analysis.length > 0 && !canEdit(s, row.status)) {
    throw refuse(
      analysis,
      'Only the people who work this form may record its analysis and measures.',
      '只有该记录的责任人可以填写原因分析和整改措施。',
    );
  }
  const late = FIXED_ONCE_WORKED.filter(
    (k) => body[k] !== undefined && !['draft', 'open'].includes(row.status),
  );
  if (late.length > 0) {
    throw problem.conflict(
      l('These fields are fixed once work has started.', '整改开始后，这些字段不能再修改。'),
      late.map((path) => ({
        path,
        message: l('fixed once work has started', '整改开始后不可修改'),
        in: 'body' as const,
      })),
    );
  }
  if (body.deadline !== undefined && !s.supervisor) {
    throw refuse(['deadline'], 'Only a supervisor may move a deadline.', '只有督查人员可以调整整改期限。');
  }
  if (row.status === 'in_progress' && (body.rootCause === null || body.measures?.length === 0)) {
    throw problem.conflict(
      l(
        'Work has started: the root cause and at least one measure must stay.',
        '整改已开始：原因分析和至少一项整改措施必须保留。',
      ),
      [
        {
          path: body.rootCause === null ? 'rootCause' : 'measures',
          message: l('required while in progress', '整改中必填'),
          in: 'body',
        },
      ],
    );
  }
  if (body.postId !== undefined && s.supervisor && row.status !== 'draft') {
    const target = await postById(db(c), body.postId);
    const path = target ? await unitPath(db(c), target.unitId) : undefined;
    if (path && !path.startsWith(person.unitPath)) {
      throw refuse(['postId'], 'That post is outside your units.', '该岗位不在您的管辖范围内。');
    }
  }
  const day = today(c);
  if (body.measures) {
    const seen = new Set<number>();
    for (const [i, m] of body.measures.entries()) {
      if (m.id !== undefined && seen.has(m.id)) {
        throw problem.validation([
          { path: `measures.${i}.id`, message: l('listed twice', '重复'), in: 'body' },
        ]);
      }
      if (m.id !== undefined) seen.add(m.id);
      if (m.doneOn && m.doneOn > day) {
        throw problem.validation([
          {
            path: `measures.${i}.doneOn`,
            message: l('must not be in the future', '不得晚于今天'),
            in: 'body',
          },
        ]);
      }
      if (m.dueOn < row.filedOn) {
        throw problem.validation([
          {
            path: `measures.${i}.dueOn`,
            message: l('must not be before the filing date', '不得早于登记日期'),
            in: 'body',
          },
        ]);
      }
    }
  }
  const settings = await settingsOf(c);
  const { measures, deadline, ...fields } = body;
  const update: FormUpdate = { ...fields };

  const occurredOn = body.occurredOn ?? row.occurredOn;
  const foundOn = body.foundOn ?? row.foundOn;
  if (occurredOn > foundOn) {
    throw problem.validation([
      { path: 'occurredOn', message: l('must not be after foundOn', '不得晚于发现日期'), in: 'body' },
    ]);
  }
  if (body.postId !== undefined || body.occurredOn !== undefined) {
    Object.assign(update, tracedColumns(await traceBack(c, body.postId ?? row.postId, occurredOn)));
  }
  if (body.grade !== undefined && body.grade !== row.grade) {
    Object.assign(update, deadlineOf(row.filedOn, settings.deadlineDays[body.grade], settings));
  }
  if (deadline !== undefined) {
    if (deadline < row.filedOn) {
      throw problem.validation([
        {
          path: 'deadline',
          message: l('must not be before the filing date', '不得早于登记日期'),
          in: 'body',
        },
      ]);
    }
    Object.assign(update, { deadline, yellowOn: yellowOnFor(row.filedOn, deadline, settings) });
  }
  if (measures) {
    const owners = [...new Set(measures.map((m) => m.ownerId))];
    const found = new Set((await existingPeople(db(c), owners)).map((p) => p.id));
    const missing = measures.findIndex((m) => !found.has(m.ownerId));
    if (missing >= 0) {
      throw problem.validation([
        { path: `measures.${missing}.ownerId`, message: l('no such person', '人员不存在'), in: 'body' },
      ]);
    }
  }

  const before = await formView(c, row);
  const raw: Record<string, unknown> = {
    ...before,
    postId: row.postId,
    approvalItemId: row.approvalItemId,
    riskPointId: row.riskPointId,
    responsibilityPointId: row.responsibilityPointId,
    standardId: row.standardId,
    holderIds: row.holderIds,
    unitId: row.unitId,
  };
  // Everything the change touches, asked for or worked out (deadline, responsibility), before and after.
  const touched = [...new Set([...keys, ...Object.keys(update)])].filter((k) => k !== 'measures');
  await audited(c, async (tx, audit) => {
    if (!(await updateForm(tx, id, version, update))) throw problem.preconditionFailed();
    if (measures) {
      const foreign = await replaceMeasures(tx, id, measures);
      if (foreign !== null) {
        throw problem.validation([
          {
            path: 'measures',
            message: l(`measure ${foreign} is not on this form`, `整改措施 ${foreign} 不属于该记录`),
            in: 'body',
          },
        ]);
      }
    }
    await audit({
      action: 'form.updated',
      entityType: 'form',
      entityId: id,
      unitId: row.unitId,
      before: {
        ...Object.fromEntries(touched.map((k) => [k, raw[k] ?? null])),
        ...(measures ? { measures: before.measures } : {}),
      },
      after: {
        ...Object.fromEntries(touched.map((k) => [k, (update as Record<string, unknown>)[k] ?? null])),
        ...(measures ? { measures } : {}),
      },
    });
  });
  return getForm(c, id);
}

function missing(path: string, en: string, zh: string): FieldError {
  return { path, message: l(en, zh), in: 'body' };
}

/** What a move needs before it may happen; an empty list when it may. */
async function unmetNeeds(
  c: AppContext,
  row: Row,
  to: Target,
  req: z.infer<typeof TransitionRequest>,
  s: Standing,
): Promise<FieldError[]> {
  const needs: FieldError[] = [];
  const move = MOVES.find((m) => m.from === row.status && m.to === to);
  if (move?.reason && !req.reason) needs.push(missing('reason', 'give the reason', '请填写原因'));
  if (to === 'in_progress' && row.status === 'open') {
    const cause = row.rootCause as { whys?: string[] } | null;
    if (!cause?.whys?.length)
      needs.push(missing('rootCause', 'record the root cause first', '请先填写根本原因分析'));
    if ((await measuresOf(db(c), row.id)).length === 0) {
      needs.push(missing('measures', 'add at least one improvement measure', '请至少添加一项整改措施'));
    }
  }
  if (to === 'verifying') {
    const measures = await measuresOf(db(c), row.id);
    if (measures.length === 0)
      needs.push(missing('measures', 'add at least one improvement measure', '请至少添加一项整改措施'));
    const open = measures.findIndex((m) => m.doneOn === null);
    if (open >= 0)
      needs.push(missing(`measures.${open}.doneOn`, 'every measure must be done', '所有整改措施须已完成'));
  }
  if (to === 'in_progress' && row.status === 'verifying') {
    if (req.verification?.result !== 'fail') {
      needs.push(
        missing(
          'verification',
          'record the failed verification (result fail, with notes)',
          '请记录未通过的验证（结果为不通过并填写说明）',
        ),
      );
    }
  }
  if (to === 'closed') {
    // Verification is independent: not by anyone who worked the fix, whatever other roles they hold.
    const measures = await measuresOf(db(c), row.id);
    if (s.worker || measures.some((m) => m.ownerId === me(c).id)) {
      needs.push(
        missing(
          'verification',
          'someone who worked this form (its holders, its filer, a measure owner) cannot verify it',
          '参与整改的人员（责任人、登记人、措施负责人）不能验证该记录',
        ),
      );
    }
    // The needs of the earlier steps still hold at the end.
    const cause = row.rootCause as { whys?: string[] } | null;
    if (!cause?.whys?.length) needs.push(missing('rootCause', 'the root cause is missing', '缺少原因分析'));
    if (measures.length === 0 || measures.some((m) => m.doneOn === null)) {
      needs.push(
        missing('measures', 'every measure must be recorded and done', '整改措施须已填写且全部完成'),
      );
    }
    if (!req.verification)
      needs.push(missing('verification', 'record how the fix was verified', '请填写验证情况'));
    else if (req.verification.result !== 'pass') {
      needs.push(
        missing(
          'verification.result',
          'a failed verification sends the form back to in_progress',
          '验证未通过请退回整改',
        ),
      );
    }
    if (!req.accountability)
      needs.push(missing('accountability', 'record the accountability outcome', '请填写问责结果'));
  }
  return needs;
}

/**
 * The accountability a closing records: who among the traced holders is held to account (all when not
 * named) and, by its position, which trigger (追责情形) of the form's responsibility point applies, copied
 * with its basis so the accountability register reads as it was decided.
 */
async function accountabilityOf(
  c: AppContext,
  row: Row,
  a: z.infer<typeof AccountabilityInput>,
  decidedBy: { id: number; name: string; nameEn: string },
) {
  const needs: FieldError[] = [];
  const { triggerIndex, ...kept } = a;
  const stray = (a.personIds ?? []).findIndex((id) => !row.holderIds.includes(id));
  if (stray >= 0) {
    needs.push(
      missing(
        `accountability.personIds.${stray}`,
        'not one of the holders this form was traced to',
        '不是该记录追溯到的岗位责任人',
      ),
    );
  }
  let trigger: AccountabilityTrigger | undefined;
  if (triggerIndex !== undefined) {
    const point =
      row.responsibilityPointId === null
        ? undefined
        : await responsibilityPointById(db(c), row.responsibilityPointId);
    trigger = (point?.triggers as AccountabilityTrigger[] | undefined)?.[triggerIndex];
    if (!trigger) {
      needs.push(
        missing(
          'accountability.triggerIndex',
          'the form’s responsibility point has no such trigger',
          '该记录的责任点没有此追责情形',
        ),
      );
    }
  }
  return { needs, value: { ...kept, ...(trigger ? { trigger } : {}), decidedBy } };
}

/** Moves a form along its life; the whole move (status, verification, reason) is one audited change. */
export async function transitionForm(
  c: AppContext,
  id: number,
  version: number,
  req: z.infer<typeof TransitionRequest>,
) {
  const person = me(c);
  const row = await loadRow(c, id);
  const to = req.to;
  const move = MOVES.find((m) => m.from === row.status && m.to === to);
  if (!move) {
    throw problem.conflict(
      l(
        `A form that is ${STATUS_TEXT[row.status].en} cannot move to ${STATUS_TEXT[to].en}.`,
        `${STATUS_TEXT[row.status]['zh-CN']}的记录不能变为${STATUS_TEXT[to]['zh-CN']}。`,
      ),
      [{ path: 'to', message: l('not allowed from the current status', '当前状态下不允许'), in: 'body' }],
    );
  }
  const s = await standing(c, person, row);
  if (!mayMove(s, move.who)) {
    const who: Record<Who, Localized> = {
      filer: l('the person who filed it', '登记人'),
      worker: l('the holders of its post or the person who filed it', '岗位责任人或登记人'),
      supervisor: l('a supervisor of its unit', '本单位督查人员'),
    };
    throw problem.forbidden(
      l(`Only ${who[move.who].en} may do this.`, `只有${who[move.who]['zh-CN']}可以执行此操作。`),
    );
  }
  if (row.version !== version) throw problem.preconditionFailed();
  const verifiedBy = ref(person.id, person.name, person.nameEn);
  const closing =
    to === 'closed' && req.accountability
      ? await accountabilityOf(c, row, req.accountability, verifiedBy)
      : null;
  const needs = [...(await unmetNeeds(c, row, to, req, s)), ...(closing?.needs ?? [])];
  if (needs.length > 0) {
    throw problem.conflict(l('The form is not ready for this step.', '该记录尚不满足此步骤的条件。'), needs);
  }

  const update: FormUpdate & { status: FormStatus } = { status: to };
  const at = now(c).toISOString();
  const verification = (v: z.infer<typeof VerificationInput>) => ({ ...v, verifiedBy, verifiedAt: at });
  if (to === 'open') {
    // Filing a draft traces responsibility and counts the deadline from today.
    const traced = await traceBack(c, row.postId, row.occurredOn);
    const settings = await settingsOf(c);
    Object.assign(
      update,
      tracedColumns(traced),
      { filedOn: today(c) },
      deadlineOf(today(c), settings.deadlineDays[row.grade], settings),
    );
  }
  if (to === 'closed') {
    Object.assign(update, {
      verification: verification(req.verification as z.infer<typeof VerificationInput>),
      accountability: closing?.value,
      closedAt: now(c),
      statusReason: null,
    });
  }
  if (to === 'in_progress' && row.status === 'verifying') {
    Object.assign(update, {
      verification: verification(req.verification as z.infer<typeof VerificationInput>),
    });
  }
  if (to === 'in_progress' && row.status === 'closed') Object.assign(update, await reopening(c, row));
  if (move.reason || req.reason) Object.assign(update, { statusReason: req.reason ?? null });

  const mail = await mailOf(c);
  await audited(c, (tx, audit) =>
    applyMove(tx, audit, row, update, { mail, by: person, reason: req.reason }),
  );
  return getForm(c, id);
}

/** What reopening a closed form changes: it is verified afresh, against a new deadline counted from today. */
export async function reopening(c: AppContext, row: Row): Promise<FormUpdate> {
  const settings = await settingsOf(c);
  return {
    closedAt: null,
    verification: null,
    accountability: null,
    ...deadlineOf(today(c), settings.deadlineDays[row.grade], settings),
  };
}

/**
 * Writes a move inside the caller's audited transaction (a transition, or a failed re-check reopening the
 * form), if the form is still at the version that was read; the event holds every field it changed.
 */
export async function applyMove(
  tx: Transaction<DB>,
  audit: Audit,
  row: Row,
  update: FormUpdate & { status: FormStatus },
  move: { mail: MailContext; by: SessionPerson; reason?: string; extra?: Record<string, unknown> },
) {
  const { reason, extra = {} } = move;
  const changedKeys = Object.keys(update).filter((k) => !['status', 'closedAt'].includes(k));
  if (!(await updateForm(tx, row.id, row.version, update))) throw problem.preconditionFailed();
  await audit({
    action: 'form.transition',
    entityType: 'form',
    entityId: row.id,
    unitId: row.unitId,
    before: {
      status: row.status,
      ...Object.fromEntries(changedKeys.map((k) => [k, (row as Record<string, unknown>)[k] ?? null])),
    },
    after: {
      status: update.status,
      ...(reason ? { reason } : {}),
      ...extra,
      ...Object.fromEntries(changedKeys.map((k) => [k, (update as Record<string, unknown>)[k] ?? null])),
    },
  });
  if (row.status === 'draft' && update.status === 'open') await notifyFiled(tx, audit, move.mail, row.id);
  else await notifyMove(tx, audit, move.mail, row.id, row.status, move.by, reason ?? null);
}

/** What the messages of a change need to know: links, the centre's name, who must hear. */
export function mailOf(c: AppContext): Promise<MailContext> {
  const { db, publicUrl, timeZone } = c.get('deps');
  return mailContext(db, publicUrl, timeZone, settingsOf(c));
}

/** Comments and evidence need only sight of the form; evidence also that it is still being worked. */
export async function requireVisibleForm(c: AppContext, id: number) {
  return loadRow(c, id);
}

export async function requireEvidenceAllowed(c: AppContext, id: number) {
  const row = await loadRow(c, id);
  const s = await standing(c, me(c), row);
  if (!s.worker && !s.supervisor) {
    throw problem.forbidden(
      l(
        'Only the people who work this form, or its supervisor, may add evidence.',
        '只有该记录的责任人或督查人员可以上传佐证材料。',
      ),
    );
  }
  if (['closed', 'cancelled'].includes(row.status)) {
    throw problem.conflict(
      l(
        `A ${STATUS_TEXT[row.status].en} form takes no more evidence.`,
        `${STATUS_TEXT[row.status]['zh-CN']}的记录不能再上传材料。`,
      ),
    );
  }
  return row;
}
