import { type InsertObject, type Kysely, sql, type Transaction } from 'kysely';
import { nodeHasher } from '../audit/node-hasher.ts';
import { type AuditEntry, auditedWrite } from '../audit/write.ts';
import { isWorkingDay } from '../calendar/calendar.ts';
import type { DB, Grade, InspectionMethod, Stage } from '../db/types.ts';
import { DEFAULT_SETTINGS } from '../settings/schema.ts';
import { insertAll } from './demo.ts';
import {
  METHOD_HINTS,
  METHOD_WEIGHTS,
  METHODS,
  PASS_NOTES,
  RECHECK_METHOD_WEIGHTS,
  RECHECK_NOTES,
} from './inspection-texts.ts';
import { addDays, dayNumber, pad, rng, shanghaiTime } from './random.ts';
import { STAGE_ZH } from './texts.ts';

/**
 * The demo's history of supervisors' checks of risk points (督查/抽查), on top of the catalogue and the forms:
 * every point checked at its grade's frequency since the register was set up, the failed check that opened
 * each spot-check form, and the effectiveness re-checks of forms closed a month or more ago — with the audit
 * events the API would have written, in one audited transaction. Most points are up to date; some were let
 * slip in the last months, a few were never checked, more of them in some departments than in others.
 * Deterministic: the same catalogue, forms and `today` give the same checks.
 */

export interface InspectionSeedCounts {
  inspections: number;
  routine: { pass: number; fail: number };
  rechecks: number;
}

/** The demo runs on the default settings: months between checks per grade, days before a re-check. */
const EVERY: Record<Grade, number> = DEFAULT_SETTINGS.checkFrequencyMonths;
const RECHECK_AFTER = DEFAULT_SETTINGS.recheckAfterDays;
const CHECKING = {
  /** When a point is checked, relative to its due date, as shares of its grade's period. */
  timing: [-0.3, 0.1] as const,
  /** A check is put off by `missedDays` this often (times the department's laxity). */
  missed: { A: 0.04, B: 0.05, C: 0.06 } as Record<Grade, number>,
  missedDays: [10, 40] as const,
  /** Points let slip: not routinely checked since some day in the last months (times the laxity). */
  lapsed: { A: 0.05, B: 0.11, C: 0.15 } as Record<Grade, number>,
  lapsedDaysAgo: [20, 200] as const,
  /** Points never checked at all, each in a different department. */
  neverChecked: 9,
  /** How lax departments are, relative to the centre's average. */
  laxity: [0.3, 0.5, 0.7, 0.8, 1, 1, 1, 1.2, 1.5, 2, 2.5],
  /** Days after registering that a point gets its first check. */
  firstWithinDays: [3, 40] as const,
};
const RECHECKS = {
  /** Days after closing a re-check is done (the earliest is RECHECK_AFTER). */
  within: [RECHECK_AFTER, RECHECK_AFTER + 15] as const,
  /** Re-checks never done, of forms closed longer ago than `recentDays`, and of the more recently closed. */
  skipped: 0.01,
  recentSkipped: 0.1,
  recentDays: 60,
};

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`inspection seed: missing ${what}`);
  return value;
}

/** The calendar date of a moment in Asia/Shanghai (UTC+8, no daylight saving), as the forms' seed uses. */
function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus whole months, the day kept or cut to the month's last (as PostgreSQL adds an interval). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${pad(month, 2)}-${pad(Math.min(d, daysInMonth(year, month)), 2)}`;
}

async function loadCatalogue(tx: Transaction<DB>) {
  const units = await tx.selectFrom('units').select(['id', 'path', 'code']).execute();
  const supervisors = await tx
    .selectFrom('people')
    .select(['id', 'unitId'])
    .where('active', '=', true)
    .where(sql<boolean>`'supervisor' = any(roles)`)
    .orderBy('id')
    .execute();
  const assignments = await tx
    .selectFrom('assignments')
    .select(['postId', 'personId', 'fromDate', 'toDate'])
    .orderBy('id')
    .execute();
  const items = await tx.selectFrom('approvalItems').select(['id', 'name']).execute();
  const riskPoints = await tx
    .selectFrom('riskPoints')
    .select(['id', 'grade', 'unitId', 'postId', 'approvalItemId', 'stage', 'createdAt'])
    .orderBy('id')
    .execute();
  const grades = await tx
    .selectFrom('riskPointGrades')
    .select(['riskPointId', 'grade', 'changedAt'])
    .orderBy('changedAt')
    .orderBy('id')
    .execute();
  const forms = await tx
    .selectFrom('forms')
    .select([
      'id',
      'status',
      'source',
      'problem',
      'foundOn',
      'occurredOn',
      'postId',
      'unitId',
      'stage',
      'riskPointId',
      'filedBy',
      'holderIds',
      'verification',
      'closedAt',
      'createdAt',
    ])
    .orderBy('id')
    .execute();
  return { units, supervisors, assignments, items, riskPoints, grades, forms };
}

/**
 * Adds the history of checks to a database holding the demo catalogue and its forms (seedDemo and
 * seedDemoForms first). `today` is `YYYY-MM-DD` (Asia/Shanghai): checks are done on the working days
 * before it.
 */
export async function seedDemoInspections(
  db: Kysely<DB>,
  options: { today: string },
): Promise<InspectionSeedCounts> {
  const { today } = options;
  dayNumber(today); // validates the date
  return auditedWrite(db, { actorId: null, hasher: nodeHasher }, async (tx, audit) => {
    const existing = await tx.selectFrom('inspections').select('id').limit(1).executeTakeFirst();
    if (existing)
      throw new Error('seedDemoInspections: the database already has inspections; seed them once');
    const catalogue = await loadCatalogue(tx);
    if (catalogue.riskPoints.length === 0)
      throw new Error('seedDemoInspections: no risk points; run seedDemo first');
    const built = buildInspections(catalogue, today);
    await insertAll(tx, 'inspections', built.rows);
    await sql`select setval(pg_get_serial_sequence('inspections', 'id'), max(id)) from inspections`.execute(
      tx,
    );
    await audit(built.events);
    return built.counts;
  });
}

type Catalogue = Awaited<ReturnType<typeof loadCatalogue>>;

/** One check as planned, before it gets its id. */
interface Planned {
  kind: 'routine' | 'recheck';
  riskPointId: number | null;
  recheckOf: number | null;
  unitId: number;
  postId: number;
  method: InspectionMethod;
  checkedOn: string;
  caseRef: string | null;
  result: 'pass' | 'fail';
  notes: string;
  inspectorId: number;
  formId: number | null;
  createdAt: Date;
}

function buildInspections(catalogue: Catalogue, today: string) {
  const r = rng('inspections');

  // ------------------------------------------------------------ the catalogue, indexed
  const units = new Map(catalogue.units.map((u) => [u.id, u]));
  const unitPath = (id: number) => must(units.get(id), `unit ${id}`).path;
  const items = new Map(catalogue.items.map((i) => [i.id, i.name]));
  const assignmentsByPost = new Map<number, Catalogue['assignments']>();
  for (const a of catalogue.assignments) {
    const list = assignmentsByPost.get(a.postId);
    if (list) list.push(a);
    else assignmentsByPost.set(a.postId, [a]);
  }
  const holds = (personId: number, postId: number, date: string) =>
    (assignmentsByPost.get(postId) ?? []).some(
      (a) => a.personId === personId && a.fromDate <= date && (a.toDate === null || a.toDate >= date),
    );
  const supervisors = catalogue.supervisors.map((s) => ({ ...s, path: unitPath(s.unitId) }));
  const rootPath = supervisors.reduce(
    (shortest, s) => (s.path.length < shortest.length ? s.path : shortest),
    must(supervisors[0], 'a supervisor').path,
  );
  const rootSupervisors = supervisors.filter((s) => s.path === rootPath);
  // risk points sit at window posts, which belong to departments
  const departments = [...new Set(catalogue.riskPoints.map((p) => p.unitId))].sort((a, b) => a - b);
  /** Each department has its usual supervisor at the centre, and is more or less diligent. */
  const usual = new Map(departments.map((d) => [d, r.pick(rootSupervisors)]));
  const laxity = new Map(departments.map((d) => [d, r.pick(CHECKING.laxity)]));

  /** A supervisor over the unit who does not hold the post that day: the department's own one first. */
  const inspectorFor = (unitId: number, postId: number, date: string, exclude: readonly number[] = []) => {
    const path = unitPath(unitId);
    const covering = supervisors.filter(
      (s) => path.startsWith(s.path) && !exclude.includes(s.id) && !holds(s.id, postId, date),
    );
    if (covering.length === 0) throw new Error(`inspection seed: no supervisor for unit ${unitId}`);
    const local = covering.filter((s) => s.path !== rootPath);
    if (local.length > 0 && r.chance(0.6)) return r.pick(local).id;
    const own = usual.get(unitId);
    if (own && covering.includes(own) && r.chance(0.55)) return own.id;
    return r.pick(covering).id;
  };

  // ------------------------------------------------------------ days
  const firstDay = must(
    [addDays(today, -400), ...catalogue.riskPoints.map((p) => shanghaiDate(p.createdAt))].sort()[0],
    'first day',
  );
  const calendar: string[] = [];
  for (let d = addDays(firstDay, -60); d <= today; d = addDays(d, 1)) calendar.push(d);
  const base = dayNumber(must(calendar[0], 'first day'));
  const working = calendar.map((d) => isWorkingDay(d));
  const onOrAfter = (date: string): string => {
    for (let i = dayNumber(date) - base; i < calendar.length; i++)
      if (working[i]) return must(calendar[i], 'day');
    return addDays(today, 1); // past today: not done yet
  };
  const onOrBefore = (date: string): string => {
    for (let i = dayNumber(date) - base; i >= 0; i--) if (working[i]) return must(calendar[i], 'day');
    throw new Error(`inspection seed: no working day before ${date}`);
  };
  /** A check is written up the day it is done, in working hours. */
  const recordedAt = (date: string) => shanghaiTime(date, r.int(9, 17), r.int(0, 59));

  // ------------------------------------------------------------ what a check says
  const counted = (text: string): string => {
    const out = text.replace(/\{n\}/g, () => String(r.int(3, 10)));
    if (/[{}]/.test(out)) throw new Error(`inspection seed: unfilled text: ${text}`);
    return out;
  };
  const fill = (text: string, itemId: number, stage: Stage): string =>
    counted(
      text
        .replaceAll('{item}', must(items.get(itemId), `item ${itemId}`))
        .replaceAll('{stage}', STAGE_ZH[stage]),
    );
  const passNotes = (method: InspectionMethod, itemId: number, stage: Stage) => {
    const texts = PASS_NOTES[method];
    return fill(r.pick([...texts.any, ...(texts[stage] ?? [])]), itemId, stage);
  };
  /** The application number of a case handled in the unit on a day: how a sampled case is referred to. */
  const caseNumber = (unitId: number, day: string) =>
    `${must(units.get(unitId), `unit ${unitId}`).code}-${day.replaceAll('-', '')}-${pad(r.int(1, 400), 4)}`;
  /** The case a check sampled: handled a while before a file review or a callback; none when just watching. */
  const sampledCase = (unitId: number, method: InspectionMethod, checkedOn: string, notBefore?: string) => {
    if (method === 'on_site' && r.chance(0.4)) return null;
    const back =
      method === 'on_site'
        ? 0
        : method === 'phone'
          ? r.int(3, 20)
          : method === 'e_supervision'
            ? r.int(1, 15)
            : r.int(5, 40);
    let day = onOrBefore(addDays(checkedOn, -back));
    if (notBefore && day < notBefore) day = checkedOn;
    return caseNumber(unitId, day);
  };
  const methodOf = (weights: readonly number[]) => must(METHODS[r.weighted(weights)], 'method');

  // ------------------------------------------------------------ 1. checks the forms already imply
  const planned: Planned[] = [];
  /** Checks of each point fixed by the forms (failed checks, re-checks), by point. */
  const fixed = new Map<number, Planned[]>();
  const fix = (check: Planned) => {
    planned.push(check);
    if (check.riskPointId === null) return;
    const list = fixed.get(check.riskPointId);
    if (list) list.push(check);
    else fixed.set(check.riskPointId, [check]);
  };
  const points = new Map(catalogue.riskPoints.map((p) => [p.id, p]));

  // A failed routine check opened each spot-check form on a risk point: found that day, by the supervisor who
  // filed it. A draft was written by hand, not opened by a check (the API files a check's form at once).
  for (const form of catalogue.forms) {
    if (form.source !== 'spot_check' || form.riskPointId === null || form.status === 'draft') continue;
    const point = must(points.get(form.riskPointId), `risk point ${form.riskPointId}`);
    if (point.postId !== form.postId || point.unitId !== form.unitId) {
      throw new Error(`inspection seed: form ${form.id} is not at its risk point's post`);
    }
    const inspector = supervisors.find((s) => s.id === form.filedBy);
    if (
      !inspector ||
      !unitPath(form.unitId).startsWith(inspector.path) ||
      holds(inspector.id, form.postId, form.foundOn)
    ) {
      throw new Error(
        `inspection seed: form ${form.id} was not filed by an independent supervisor of its unit`,
      );
    }
    const hinted = METHOD_HINTS.find(([pattern]) => pattern.test(form.problem));
    fix({
      kind: 'routine',
      riskPointId: point.id,
      recheckOf: null,
      unitId: point.unitId,
      postId: point.postId,
      method: hinted ? hinted[1] : methodOf(METHOD_WEIGHTS[point.stage]),
      checkedOn: form.foundOn,
      caseRef: caseNumber(point.unitId, form.occurredOn),
      result: 'fail',
      // as the API: the problem of the form the check opens defaults to the check's notes
      notes: form.problem,
      inspectorId: inspector.id,
      formId: form.id,
      // recorded as the form was filed, in the same request
      createdAt: form.createdAt,
    });
  }

  // An effectiveness re-check of most forms closed a month or more ago, by a supervisor who had no part in
  // the form. Only passes: a failed re-check would have reopened the form.
  const recentlyClosed = addDays(today, -RECHECKS.recentDays);
  for (const form of catalogue.forms) {
    if (form.status !== 'closed' || form.closedAt === null) continue;
    const closedOn = shanghaiDate(form.closedAt);
    // most soon after they fall due
    const [soonest, latest] = RECHECKS.within;
    const checkedOn = onOrAfter(
      addDays(closedOn, soonest + Math.floor(Math.min(r.next(), r.next()) * (latest - soonest + 1))),
    );
    if (checkedOn >= today) continue;
    if (r.chance(closedOn >= recentlyClosed ? RECHECKS.recentSkipped : RECHECKS.skipped)) continue;
    const verifiedBy = (form.verification as { verifiedBy?: { id?: number } } | null)?.verifiedBy?.id;
    const worked = [...form.holderIds, form.filedBy];
    const others = supervisors.filter(
      (s) => unitPath(form.unitId).startsWith(s.path) && !worked.includes(s.id) && s.id !== verifiedBy,
    );
    const exclude = others.length > 0 && verifiedBy !== undefined ? [...worked, verifiedBy] : worked;
    const method = methodOf(RECHECK_METHOD_WEIGHTS);
    fix({
      kind: 'recheck',
      riskPointId: form.riskPointId,
      recheckOf: form.id,
      unitId: form.unitId,
      postId: form.postId,
      method,
      checkedOn,
      caseRef: sampledCase(form.unitId, method, checkedOn, closedOn),
      result: 'pass',
      notes: counted(r.pick(RECHECK_NOTES[method])),
      inspectorId: inspectorFor(form.unitId, form.postId, checkedOn, exclude),
      formId: null,
      createdAt: recordedAt(checkedOn),
    });
  }

  // ------------------------------------------------------------ 2. routine checks, point by point
  const gradeChanges = new Map<number, { on: string; grade: Grade }[]>();
  for (const g of catalogue.grades) {
    const list = gradeChanges.get(g.riskPointId) ?? [];
    list.push({ on: shanghaiDate(g.changedAt), grade: g.grade });
    gradeChanges.set(g.riskPointId, list);
  }
  // never checked: a grade B or C point here and there, in different departments
  const pointsByDepartment = new Map<number, number[]>();
  for (const p of catalogue.riskPoints) {
    if (p.grade === 'A' || fixed.has(p.id)) continue;
    pointsByDepartment.set(p.unitId, [...(pointsByDepartment.get(p.unitId) ?? []), p.id]);
  }
  const never = new Set(
    r
      .sample(
        departments.filter((d) => pointsByDepartment.has(d)),
        Math.min(CHECKING.neverChecked, pointsByDepartment.size),
      )
      .map((d) => r.pick(must(pointsByDepartment.get(d), `department ${d}`))),
  );

  for (const point of catalogue.riskPoints) {
    if (never.has(point.id)) continue;
    const lax = must(laxity.get(point.unitId), 'laxity');
    const changes = gradeChanges.get(point.id) ?? [{ on: shanghaiDate(point.createdAt), grade: point.grade }];
    const gradeOn = (date: string) => changes.filter((c) => c.on <= date).at(-1)?.grade ?? point.grade;
    /** When the next check falls due after one on `last`: sooner when the point was raised in between. */
    const nextDue = (last: string) => {
      let due = addMonths(last, EVERY[gradeOn(last)]);
      for (const c of changes) {
        if (c.on > last && c.on < due) {
          // dates as text: no Math.max; due on the new grade's period, but not before the change
          const regraded = addMonths(last, EVERY[c.grade]);
          due = c.on;
          if (regraded > due) due = regraded;
        }
      }
      return due;
    };
    const stoppedAfter = r.chance(CHECKING.lapsed[point.grade] * lax)
      ? addDays(today, -r.int(...CHECKING.lapsedDaysAgo))
      : today;
    const ownFixed = (fixed.get(point.id) ?? []).slice().sort((a, b) => (a.checkedOn < b.checkedOn ? -1 : 1));
    const registered = shanghaiDate(point.createdAt);
    let due = registered;
    let next = 0;
    for (let first = true; ; first = false) {
      // Supervisors check a point around its due date, more often a little early than late; now and then one
      // is put off for weeks. A new point gets its first check within weeks of being registered.
      const period = dayNumber(addMonths(due, EVERY[gradeOn(due)])) - dayNumber(due);
      const [early, late] = CHECKING.timing;
      let target = first
        ? addDays(registered, r.int(...CHECKING.firstWithinDays))
        : addDays(due, Math.round(period * (early + r.next() * (late - early))));
      if (!first && r.chance(CHECKING.missed[point.grade] * lax)) {
        target = addDays(target, r.int(...CHECKING.missedDays));
      }
      const checkedOn = onOrAfter(target);
      // a check the forms imply comes first: the cycle runs on from it
      const fixedCheck = ownFixed[next];
      if (fixedCheck && fixedCheck.checkedOn <= checkedOn) {
        next++;
        due = nextDue(fixedCheck.checkedOn);
        continue;
      }
      if (checkedOn >= today || checkedOn > stoppedAfter) break;
      const method = methodOf(METHOD_WEIGHTS[point.stage]);
      planned.push({
        kind: 'routine',
        riskPointId: point.id,
        recheckOf: null,
        unitId: point.unitId,
        postId: point.postId,
        method,
        checkedOn,
        caseRef: sampledCase(point.unitId, method, checkedOn),
        result: 'pass',
        notes: passNotes(method, point.approvalItemId, point.stage),
        inspectorId: inspectorFor(point.unitId, point.postId, checkedOn),
        formId: null,
        createdAt: recordedAt(checkedOn),
      });
      due = nextDue(checkedOn);
    }
  }

  // ------------------------------------------------------------ 3. rows and the trail, in the order recorded
  const ordered = planned
    .map((check, index) => ({ check, index }))
    .sort((a, b) => a.check.createdAt.getTime() - b.check.createdAt.getTime() || a.index - b.index)
    .map((e) => e.check);
  const rows: InsertObject<DB, 'inspections'>[] = [];
  const events: AuditEntry[] = [];
  const counts: InspectionSeedCounts = { inspections: 0, routine: { pass: 0, fail: 0 }, rechecks: 0 };
  ordered.forEach((check, index) => {
    const id = index + 1;
    rows.push({ id, ...check, sampleId: null });
    const recorded = {
      method: check.method,
      checkedOn: check.checkedOn,
      caseRef: check.caseRef,
      result: check.result,
      notes: check.notes,
      inspectorId: check.inspectorId,
    };
    // the fields the API records for each kind of check
    const after =
      check.kind === 'recheck'
        ? { ...recorded, kind: 'recheck', recheckOf: check.recheckOf, riskPointId: check.riskPointId }
        : {
            ...recorded,
            kind: 'routine',
            riskPointId: check.riskPointId,
            formId: check.formId,
            sampleId: null,
          };
    events.push({
      action: 'inspection.recorded',
      entityType: 'inspection',
      entityId: String(id),
      unitId: check.unitId,
      actorId: check.inspectorId,
      at: check.createdAt,
      after,
    });
    counts.inspections++;
    if (check.kind === 'recheck') counts.rechecks++;
    else counts.routine[check.result]++;
  });
  return { rows, events, counts };
}
