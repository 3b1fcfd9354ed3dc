import { deadlineOf } from '../../server/calendar/calendar.ts';
import type { FormSource, FormStatus, Grade, MeasureKind, Stage } from '../../server/db/types.ts';
import { FormSources } from '../../server/forms/schema.ts';
import {
  ACCOUNTABILITY_NOTES,
  CANCEL_REASONS,
  COMMENTS,
  FAILED_VERIFICATION_NOTES,
  OFFICE_PROBLEMS,
  OFFICE_SOURCE_PREFIX,
  OFFICE_THEME,
  REOPEN_REASONS,
  SEND_BACK_REASONS,
  THEMES,
  type Theme,
  VERIFICATION_NOTES,
} from '../../server/seed/form-texts.ts';
import { planLife, type Step } from '../../server/seed/forms.ts';
import { apportion, pad, type Rng, rng } from '../../server/seed/random.ts';
import { STAGE_ZH } from '../../server/seed/texts.ts';
import { DEFAULT_SETTINGS } from '../../server/settings/schema.ts';
import { CITIES } from './catalogue.ts';
import { Checks } from './checks.ts';
import {
  type Catalogue,
  type Duty,
  type Item,
  must,
  type Post,
  Province,
  type RiskPoint,
  shanghaiDate,
  slot,
} from './province.ts';
import type { CheckPlan, CommentRow, Day } from './rows.ts';
import { DAY_MINUTES, dayNo, plusDays, Timeline } from './timeline.ts';

/**
 * Five years of a province's improvement forms, generated day by day in the order things happened, with the
 * supervisors' checks (checks.ts) and the audit events the API writes for both. Each form is planned as a life
 * in working days from its filing (worked on and closed, mostly on time; or cancelled, sent back once,
 * reopened once, stuck), and only the part of it up to the end of the history happens, as in the demo's seed
 * (server/seed/forms.ts), whose texts it uses. Events wait in per-day buckets until their day comes, so
 * memory holds only the lives still going on. Deterministic: the same catalogue, `today` and count give the
 * same history.
 */

/** The defaults the product ships with: deadline days per grade (and the warning-card rule, below). */
const GRADE_DAYS: Record<Grade, number> = DEFAULT_SETTINGS.deadlineDays;
const GRADES: Grade[] = ['A', 'B', 'C'];
/** Weights of FormSources: self-inspection first, then spot checks, complaints and ratings. */
const SOURCE_WEIGHTS = [35, 20, 15, 15, 10, 5];
const OFFICE_SOURCES: FormSource[] = ['self_inspection', 'spot_check', 'assessment'];
const BY_SUPERVISOR = new Set<FormSource>(['spot_check', 'e_supervision', 'assessment']);
type Outcome = 'none' | 'reminder_talk' | 'criticism' | 'performance_deduction';
const OUTCOMES: Outcome[] = ['none', 'reminder_talk', 'criticism', 'performance_deduction'];
const VERIFY_METHODS = ['on_site', 'file_review', 'phone', 'data_check'] as const;
const VERIFY_WEIGHTS: Record<FormSource, number[]> = {
  self_inspection: [35, 45, 10, 10],
  spot_check: [40, 40, 20, 0],
  complaint: [20, 20, 60, 0],
  service_rating: [15, 15, 70, 0],
  e_supervision: [0, 30, 0, 70],
  assessment: [35, 45, 5, 15],
};

/** What holders and supervisors comment while a form is open, being worked on, or waiting for verification. */
const GAP_COMMENTS = {
  open: { holder: COMMENTS.holderOpen, supervisor: COMMENTS.supervisorOpen },
  in_progress: { holder: COMMENTS.holderWorking, supervisor: COMMENTS.supervisorWorking },
  verifying: { holder: COMMENTS.holderVerifying, supervisor: COMMENTS.supervisorVerifying },
};

/**
 * Where lives go otherwise than the demo's (the shares of drafts, cancellations, late closings, sendings back
 * and reopenings are the demo seed's): five years back, few forms are still stuck, they were chased.
 */
const LIFE = {
  /** Stuck short of closing: `old` at any age, more the younger the form (within a year, within a quarter). */
  stuck: { old: 0.003, year: 0.04, quarter: 0.08 },
  comments: 0.3,
};
interface Pending {
  v: number;
  n: number;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number;
  before: unknown;
  after: unknown;
  /** An inspection gets its id when its day comes, in the order checks were recorded. */
  check?: CheckPlan;
}

interface Measure {
  id: number;
  kind: MeasureKind;
  text: string;
  ownerId: number;
  dueOn: string;
  doneOn: string | null;
}
interface Verification {
  method: (typeof VERIFY_METHODS)[number];
  result: 'pass' | 'fail';
  notes: string;
  verifiedBy: { id: number; name: string; nameEn: string };
  verifiedAt: string;
}
interface Links {
  item: Item | null;
  stage: Stage | null;
  riskPoint: RiskPoint | null;
  duty: Duty | null;
  grade: Grade;
}

export interface HistoryOptions {
  today: string;
  forms: number;
  /** The first ids to give out, after what the demo seed wrote. */
  next: { form: number; measure: number; comment: number; inspection: number };
  /** Form numbers already given out per year (the demo's). */
  numbers: Map<number, number>;
}

export interface HistoryCounts {
  forms: number;
  byStatus: Record<string, number>;
  measures: number;
  comments: number;
  inspections: number;
  events: number;
}

/** A weighted picker over many items: cumulative weights and a binary search. */
function picker<T>(items: readonly T[], weights: readonly number[], r: Rng): () => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  return () => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

export class History {
  readonly counts: HistoryCounts = {
    forms: 0,
    byStatus: {},
    measures: 0,
    comments: 0,
    inspections: 0,
    events: 0,
  };
  /** The last form number given out per year, the demo's included. */
  readonly numbers: Map<number, number>;
  private readonly r = rng('bench:forms');
  private readonly t: Timeline;
  private readonly today: string;
  private readonly province: Province;
  private readonly checks: Checks;
  private readonly pickPost: () => Post;
  private readonly filings: number[];
  private readonly firstIdx: number;
  private readonly buckets: Pending[][] = [];
  private readonly deadlines = new Map<string, { deadline: string; yellowOn: string }>();
  private next: HistoryOptions['next'];
  private pushed = 0;
  private out: Day | null = null;

  constructor(catalogue: Catalogue, options: HistoryOptions) {
    const { today } = options;
    this.today = today;
    this.numbers = new Map(options.numbers);
    this.next = { ...options.next };
    const firstFiled = plusDays(today, -5 * 365);
    // Registers reach further back than the forms; deadlines and measures' due dates further forward.
    const registered =
      catalogue.risks.map((p) => shanghaiDate(new Date(p.created_at))).sort()[0] ?? firstFiled;
    const from = plusDays([registered, firstFiled].sort()[0] as string, -30);
    this.t = new Timeline(from, plusDays(today, 400), today);
    this.firstIdx = this.t.onOrAfter(firstFiled);

    this.province = new Province(catalogue);
    this.checks = new Checks(this.province, this.t, today, (v, check) => this.recordCheck(v, check));

    // ------------------------------------------------------------ where forms are filed, and when
    const weights = this.province.posts.map(
      (p) =>
        (p.kind === 'office' ? 0.3 : 0.4 + this.r.next() * 1.4 + (/受理/.test(p.name) ? 0.3 : 0)) *
        (CITIES[p.city]?.weight ?? 1),
    );
    this.pickPost = picker(this.province.posts, weights, this.r);
    // More forms each year as the practice takes hold.
    const dayWeights: number[] = [];
    for (let idx = this.firstIdx; idx <= this.t.lastIdx; idx++) {
      const age = (this.t.lastIdx - idx) / (this.t.lastIdx - this.firstIdx + 1);
      dayWeights.push(1 + 0.6 * (1 - age));
    }
    this.filings = apportion(options.forms, dayWeights);
  }

  /** The days of the history, each with what happened on it. */
  *days(): Generator<Day> {
    // the copies' registers were set up before the first form: their first checks come first
    for (let idx = 0; idx <= this.t.lastIdx; idx++) {
      const day: Day = {
        date: this.t.day(idx),
        forms: [],
        measures: [],
        comments: [],
        inspections: [],
        events: [],
      };
      this.out = day;
      const filed = idx >= this.firstIdx ? (this.filings[idx - this.firstIdx] ?? 0) : 0;
      for (let i = 0; i < filed; i++) this.fileForm(idx);
      this.checks.routine(idx);
      this.flushDay(idx);
      yield day;
    }
  }

  // ------------------------------------------------------------------------------------------ time and people

  private stampAfter(last: number, idx: number, r: Rng = this.r): number | null {
    const start = idx * DAY_MINUTES;
    let v: number;
    if (start > last) v = start + r.int(0, 540);
    else v = Math.min(last + r.int(3, 60), start + DAY_MINUTES - 1);
    if (v <= last) v = last + 1;
    return v > this.t.nowV ? null : v;
  }

  private deadlineFor(filedOn: string, days: number) {
    const key = `${filedOn}/${days}`;
    let found = this.deadlines.get(key);
    if (!found) {
      found = deadlineOf(filedOn, days, DEFAULT_SETTINGS);
      this.deadlines.set(key, found);
    }
    return found;
  }

  // ------------------------------------------------------------------------------------------ events

  /** A check as the API records it: its row, and its event, by the inspector, in the checked unit. */
  private recordCheck(v: number, check: CheckPlan) {
    this.schedule({
      n: 0,
      v,
      actorId: check.inspector_id,
      action: 'inspection.recorded',
      entityType: 'inspection',
      entityId: null,
      unitId: check.unit_id,
      before: null,
      after: null,
      check,
    });
  }

  private schedule(p: Pending) {
    p.n = this.pushed++;
    slot(this.buckets, Math.floor(p.v / DAY_MINUTES), () => []).push(p);
  }

  /** The day's events in the order they happened; checks get their ids and rows in that order. */
  private flushDay(idx: number) {
    const day = must(this.out, 'day');
    const bucket = this.buckets[idx] ?? [];
    this.buckets[idx] = [];
    bucket.sort((a, b) => a.v - b.v || a.n - b.n);
    for (const e of bucket) {
      const at = this.t.timeOf(e.v);
      let entityId = e.entityId;
      let after = e.after;
      if (e.check) {
        const id = this.next.inspection++;
        entityId = String(id);
        day.inspections.push({ id, ...e.check, created_at: at.toISOString() });
        const c = e.check;
        // the fields the API records for each kind of check
        after =
          c.kind === 'recheck'
            ? {
                caseRef: c.case_ref,
                checkedOn: c.checked_on,
                inspectorId: c.inspector_id,
                kind: 'recheck',
                method: c.method,
                notes: c.notes,
                recheckOf: c.recheck_of,
                result: c.result,
                riskPointId: c.risk_point_id,
              }
            : {
                caseRef: c.case_ref,
                checkedOn: c.checked_on,
                formId: c.form_id,
                inspectorId: c.inspector_id,
                kind: 'routine',
                method: c.method,
                notes: c.notes,
                result: c.result,
                riskPointId: c.risk_point_id,
                sampleId: null,
              };
        this.counts.inspections++;
      }
      day.events.push({
        at,
        actorId: e.actorId,
        action: e.action,
        entityType: e.entityType,
        entityId,
        unitId: e.unitId,
        before: e.before,
        after,
        requestId: null,
        address: null,
      });
    }
    this.counts.events += bucket.length;
  }

  // ------------------------------------------------------------------------------------------ forms

  private linksFor(post: Post, foundOn: string): Links {
    const r = this.r;
    let item: Item | null = null;
    let stage: Stage | null = null;
    let riskPoint: RiskPoint | null = null;
    let duty: Duty | null = null;
    let grade: Grade | null = null;
    const risks = (this.province.risksByPost.get(post.id) ?? []).filter((p) => p.registeredOn <= foundOn);
    if (risks.length > 0 && r.chance(0.6)) {
      riskPoint = r.pick(risks);
      item = must(this.province.items.get(riskPoint.itemId), 'risk item');
      stage = riskPoint.stage;
      grade = this.province.gradeOn(riskPoint, foundOn);
    }
    const duties = this.province.dutiesByPost.get(post.id) ?? [];
    if (r.chance(0.4)) {
      const fitting = item ? duties.filter((d) => d.itemId === item?.id && d.stage === stage) : duties;
      if (fitting.length > 0) {
        duty = r.pick(fitting);
        item = must(this.province.items.get(duty.itemId), 'duty item');
        stage = duty.stage;
      }
    }
    if (!item && post.kind === 'window') {
      if (duties.length > 0 && r.chance(0.85)) {
        const d = r.pick(duties);
        item = must(this.province.items.get(d.itemId), 'duty item');
        stage = d.stage;
      } else {
        const unitItems = this.province.itemsByUnit.get(post.unitId) ?? [];
        if (unitItems.length > 0 && r.chance(0.5)) {
          item = r.pick(unitItems);
          stage = r.pick(item.stages);
        }
      }
    }
    return { item, stage, riskPoint, duty, grade: grade ?? must(GRADES[r.weighted([15, 45, 40])], 'grade') };
  }

  private render(text: string, post: Post, links: Links): string {
    const r = this.r;
    const out = text
      .replaceAll('{item}', links.item?.name ?? '')
      .replaceAll('{stage}', links.stage ? STAGE_ZH[links.stage] : '')
      .replaceAll('{window}', post.windowNo ?? '')
      .replace(/\{n\}/g, () => String(r.int(2, 5)))
      .replace(/\{d\}/g, () => String(r.int(1, 6)))
      .replace(/\{m\}/g, () => String(r.int(15, 50)));
    if (/[{}]/.test(out) || out.includes('“”')) throw new Error(`history: unfilled text: ${text}`);
    return out;
  }

  private themeFor(post: Post, source: FormSource, stage: Stage | null): Theme {
    const fits = (t: Theme) => (t.problems[source]?.length ?? 0) > 0;
    const all = Object.values(THEMES);
    const pool = [
      ...(stage ? all.filter((t) => t.stages !== 'window' && t.stages.includes(stage) && fits(t)) : []).map(
        (t) => ({ t, w: t.weight }),
      ),
      ...(post.windowNo ? all.filter((t) => t.stages === 'window' && fits(t)) : []).map((t) => ({
        t,
        w: t.weight * 0.3,
      })),
    ];
    if (pool.length === 0) return must(all.find(fits), `a theme for ${source}`);
    return must(pool[this.r.weighted(pool.map((p) => p.w))], 'theme').t;
  }

  private fileForm(idx: number) {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (this.tryForm(this.pickPost(), idx)) return;
    }
    throw new Error(`history: no post with a holder on ${this.t.day(idx)}`);
  }

  /** Plans a form's life with the demo seed's planner, stuck less often the older it is (they were chased). */
  private planLife(filedIdx: number, days: number): { draft: boolean; steps: Step[] } {
    const ageDays = dayNo(this.today) - dayNo(this.t.day(filedIdx));
    const { old, year, quarter } = LIFE.stuck;
    const stuck = old + year * Math.max(0, 1 - ageDays / 365) + quarter * Math.max(0, 1 - ageDays / 91);
    const plan = planLife(this.r, filedIdx, this.t.lastIdx, days, stuck);
    return plan.draft ? { draft: true, steps: [] } : plan;
  }

  private verification(
    source: FormSource,
    result: 'pass' | 'fail',
    verifierId: number,
    at: Date,
  ): Verification {
    const r = this.r;
    const method = must(VERIFY_METHODS[r.weighted(VERIFY_WEIGHTS[source])], 'verification method');
    const notes = (
      result === 'pass' ? r.pick(VERIFICATION_NOTES[method]) : r.pick(FAILED_VERIFICATION_NOTES)
    ).replace('{n}', String(r.int(3, 10)));
    return { method, notes, result, verifiedAt: at.toISOString(), verifiedBy: this.province.ref(verifierId) };
  }

  /** Files one form on a post on day `filedIdx`, with its whole life up to now; false when nobody held the post. */
  private tryForm(post: Post, filedIdx: number): boolean {
    const r = this.r;
    const t = this.t;
    const p = this.province;
    const day = must(this.out, 'day');
    // found the day of filing or a working day or two before; happened up to a week of working days earlier
    const foundIdx = Math.max(0, filedIdx - r.weighted([60, 25, 15]));
    const occurredIdx = Math.max(0, foundIdx - r.weighted([8, 4, 2.7, 2, 1.6, 1.3, 1.1]));
    const filedOn = t.day(filedIdx);
    const foundOn = t.day(foundIdx);
    const occurredOn = t.day(occurredIdx);
    const holders = p.holdersOn(post.id, occurredOn);
    if (holders.length === 0) return false;
    const holderIds = holders.map((h) => h.personId);
    const source =
      post.kind === 'office'
        ? must(OFFICE_SOURCES[r.weighted([50, 30, 20])], 'source')
        : must(FormSources[r.weighted(SOURCE_WEIGHTS)], 'source');
    const links = this.linksFor(post, foundOn);
    let theme: Theme;
    let problem: string;
    if (post.officeKey) {
      theme = OFFICE_THEME;
      const texts = must(OFFICE_PROBLEMS[post.officeKey], post.officeKey);
      problem = `${OFFICE_SOURCE_PREFIX[source] ?? ''}${this.render(r.pick(texts), post, links)}`;
    } else {
      theme = this.themeFor(post, source, links.stage);
      problem = this.render(r.pick(must(theme.problems[source], 'problems')), post, links);
    }
    let standardId: number | null = null;
    if (r.chance(0.3)) {
      const standards = p.standards[post.city] ?? p.standards[0];
      const own = links.item ? standards?.byItem.get(links.item.name) : undefined;
      const related = theme.standards.flatMap((s) => standards?.bySubject.get(s) ?? []);
      if (own !== undefined && (related.length === 0 || r.chance(0.5))) standardId = own;
      else if (related.length > 0) standardId = r.pick(related);
    }
    const filedV = filedIdx * DAY_MINUTES + r.int(0, 510);

    // ------------------------------------------------------------ number, deadline, who
    const id = this.next.form++;
    const year = Number(filedOn.slice(0, 4));
    const seq = (this.numbers.get(year) ?? 0) + 1;
    this.numbers.set(year, seq);
    const number = `GZ-${year}-${pad(seq, 6)}`;
    const workDays = GRADE_DAYS[links.grade];
    const { deadline, yellowOn } = this.deadlineFor(filedOn, workDays);
    const deadlineIdx = t.onOrAfter(deadline);
    const headId = post.headId;
    const responsible = {
      departmentHead: headId ? p.ref(headId) : null,
      holders: holders.map((h) => ({
        fromDate: h.fromDate,
        name: p.person(h.personId).name,
        nameEn: p.person(h.personId).nameEn,
        personId: h.personId,
        toDate: h.toDate,
      })),
      leaderInCharge: post.leaderId ? p.ref(post.leaderId) : null,
    };
    const clerk = () => {
      const clerks = (p.windowPostsByUnit.get(post.unitId) ?? [])
        .flatMap((w) => p.holdersOn(w.id, filedOn))
        .map((a) => a.personId)
        .filter((pid) => !holderIds.includes(pid));
      return clerks.length > 0 ? r.pick(clerks) : r.pick(holderIds);
    };
    /** A supervisor over the post's unit who does not hold it. */
    const supervisor = () => p.supervisorFor(post.unitId, holderIds, r);
    const filedBy =
      source === 'self_inspection' ? r.pick(holderIds) : BY_SUPERVISOR.has(source) ? supervisor() : clerk();
    const worker = (idx: number) => p.holdersOn(post.id, t.day(idx))[0]?.personId ?? (holderIds[0] as number);
    const verifierId = supervisor();
    const plan = this.planLife(filedIdx, workDays);

    const entityId = String(id);
    const events: Pending[] = [];
    const record = (v: number, actorId: number, action: string, before: unknown, after: unknown) =>
      events.push({
        v,
        n: 0,
        actorId,
        action,
        entityType: 'form',
        entityId,
        unitId: post.unitId,
        before,
        after,
      });
    const linked = {
      approvalItemId: links.item?.id ?? null,
      stage: links.stage,
      riskPointId: links.riskPoint?.id ?? null,
      responsibilityPointId: links.duty?.id ?? null,
      standardId,
    };
    // what the API records at filing (the request's fields and what it worked out), links only when given
    const filing: Record<string, unknown> = {};
    if (linked.approvalItemId !== null) filing.approvalItemId = linked.approvalItemId;
    filing.deadline = deadline;
    filing.foundOn = foundOn;
    filing.grade = links.grade;
    filing.number = number;
    filing.occurredOn = occurredOn;
    filing.postId = post.id;
    filing.problem = problem;
    if (linked.responsibilityPointId !== null) filing.responsibilityPointId = linked.responsibilityPointId;
    filing.responsible = responsible;
    if (linked.riskPointId !== null) filing.riskPointId = linked.riskPointId;
    filing.source = source;
    if (linked.stage !== null) filing.stage = linked.stage;
    if (linked.standardId !== null) filing.standardId = linked.standardId;
    filing.status = plan.draft ? 'draft' : 'open';
    record(filedV, filedBy, plan.draft ? 'form.drafted' : 'form.filed', null, filing);

    // ------------------------------------------------------------ the life up to now
    let status = (plan.draft ? 'draft' : 'open') as FormStatus;
    let clock = filedV;
    let rootCause: { whys: string[]; category: string } | null = null;
    let measures: Measure[] = [];
    let verification: Verification | null = null;
    let accountability: Record<string, unknown> | null = null;
    let statusReason: string | null = null;
    let closedV: number | null = null;
    let changes = 0;
    let lastChange = filedV;
    const change = (v: number, actorId: number, action: string, before: unknown, after: unknown) => {
      record(v, actorId, action, before, after);
      clock = v;
      lastChange = v;
      changes++;
    };
    const newMeasure = (kind: MeasureKind, text: string, dueAt: number): Measure => ({
      id: this.next.measure++,
      kind,
      text: this.render(text, post, links),
      ownerId: kind === 'systemic' && headId && r.chance(0.5) ? headId : r.pick(holderIds),
      dueOn: t.day(filedIdx + dueAt),
      doneOn: null,
    });
    // measures as the form's view shows them (a change's before), and as a client sends them back (new ones
    // without an id)
    const viewed = (list: Measure[]) =>
      list.map((m) => ({
        doneOn: m.doneOn,
        dueOn: m.dueOn,
        id: m.id,
        kind: m.kind,
        owner: p.ref(m.ownerId),
        text: m.text,
      }));
    const sent = (list: Measure[], known: Set<number>) =>
      list.map((m) =>
        known.has(m.id)
          ? { doneOn: m.doneOn, dueOn: m.dueOn, id: m.id, kind: m.kind, ownerId: m.ownerId, text: m.text }
          : { doneOn: m.doneOn, dueOn: m.dueOn, kind: m.kind, ownerId: m.ownerId, text: m.text },
      );
    /** A change of the measures (the first time with the root cause): false when it would be after now. */
    const update = (idx: number, actorId: number, apply: () => void, withRootCause = false): boolean => {
      const v = this.stampAfter(clock, idx);
      if (v === null) return false;
      const before = withRootCause
        ? { measures: viewed(measures), rootCause: null }
        : { measures: viewed(measures) };
      const known = new Set(measures.map((m) => m.id));
      apply();
      const after = sent(measures, known);
      change(
        v,
        actorId,
        'form.updated',
        before,
        withRootCause ? { measures: after, rootCause } : { measures: after },
      );
      return true;
    };
    const transition = (
      idx: number,
      actorId: number,
      to: FormStatus,
      extra: Record<string, unknown> = {},
      at: number | null = this.stampAfter(clock, idx),
    ) => {
      const v = at;
      if (v === null) return null;
      const from = status;
      status = to;
      if (typeof extra.reason === 'string') statusReason = extra.reason;
      if (to === 'closed') statusReason = null;
      const after: Record<string, unknown> = {};
      if (extra.accountability) after.accountability = extra.accountability;
      if (extra.reason) after.reason = extra.reason;
      after.status = to;
      if (extra.verification) after.verification = extra.verification;
      change(v, actorId, 'form.transition', { status: from }, after);
      return v;
    };
    const markDone = (list: Measure[], from: number, to: number) => {
      for (const m of list) if (m.doneOn === null) m.doneOn = t.day(filedIdx + r.int(from, to));
    };
    const addMeasure = (dueAt: number) => {
      const texts = new Set(measures.map((m) => m.text));
      const text = theme.systemic.find((x) => !texts.has(this.render(x, post, links)));
      measures.push(newMeasure('systemic', text ?? r.pick(theme.immediate), dueAt));
    };

    let lastStepAt = 0;
    life: for (const step of plan.steps) {
      const idx = filedIdx + step.at;
      if (idx > t.lastIdx) break;
      switch (step.op) {
        case 'start': {
          const who = worker(idx);
          const ok = update(
            idx,
            who,
            () => {
              const chain = r.pick(theme.causes);
              rootCause = {
                category: chain.category,
                whys: chain.whys
                  .slice(0, r.int(2, Math.min(5, chain.whys.length)))
                  .map((w) => this.render(w, post, links)),
              };
              const count = 1 + r.weighted([25, 50, 25]);
              const immediateDue = Math.max(step.at, r.int(1, Math.max(1, Math.ceil(workDays / 3))));
              const systemicDue = () => Math.max(step.at + 1, r.int(Math.ceil(workDays * 0.7), workDays + 3));
              measures =
                count === 1 && r.chance(0.4)
                  ? [newMeasure('systemic', r.pick(theme.systemic), systemicDue())]
                  : [
                      newMeasure('immediate', r.pick(theme.immediate), immediateDue),
                      ...r
                        .sample(theme.systemic, Math.min(count - 1, theme.systemic.length))
                        .map((text) => newMeasure('systemic', text, systemicDue())),
                    ];
            },
            true,
          );
          if (!ok || transition(idx, who, 'in_progress') === null) break life;
          break;
        }
        case 'progress': {
          const open = measures.filter((m) => m.kind === 'immediate' && m.doneOn === null);
          if (open.length > 0 && !update(idx, worker(idx), () => markDone(open, lastStepAt, step.at)))
            break life;
          break;
        }
        case 'submit': {
          const who = worker(idx);
          if (
            measures.some((m) => m.doneOn === null) &&
            !update(idx, who, () => markDone(measures, lastStepAt, step.at))
          ) {
            break life;
          }
          if (transition(idx, who, 'verifying') === null) break life;
          break;
        }
        case 'fail': {
          const v = this.stampAfter(clock, idx);
          if (v === null) break life;
          verification = this.verification(source, 'fail', verifierId, t.timeOf(v));
          transition(idx, verifierId, 'in_progress', { reason: r.pick(SEND_BACK_REASONS), verification }, v);
          if (!update(idx, worker(idx), () => addMeasure(step.at + r.int(2, 5)))) break life;
          break;
        }
        case 'close': {
          const v = this.stampAfter(clock, idx);
          if (v === null) break life;
          verification = this.verification(source, 'pass', verifierId, t.timeOf(v));
          const weights =
            idx > deadlineIdx || source === 'complaint'
              ? [55, 28, 13, 4]
              : links.grade === 'A'
                ? [70, 20, 8, 2]
                : [82, 13, 4, 1];
          const outcome = must(OUTCOMES[r.weighted(weights)], 'outcome');
          const triggers = links.duty?.triggers ?? [];
          const trigger = outcome === 'none' ? undefined : triggers[filedIdx % Math.max(triggers.length, 1)];
          accountability = {
            decidedBy: p.ref(verifierId),
            notes: r.pick(ACCOUNTABILITY_NOTES[outcome]),
            outcome,
            ...(trigger ? { trigger: { basis: trigger.basis, situation: trigger.situation } } : {}),
          };
          closedV = transition(idx, verifierId, 'closed', { verification, accountability }, v);
          break;
        }
        case 'cancel': {
          if (transition(idx, supervisor(), 'cancelled', { reason: r.pick(CANCEL_REASONS) }) === null)
            break life;
          break;
        }
        case 'reopen': {
          if (transition(idx, supervisor(), 'in_progress', { reason: r.pick(REOPEN_REASONS) }) === null)
            break life;
          closedV = null;
          if (!update(idx, worker(idx), () => addMeasure(step.at + r.int(3, 8)))) break life;
          break;
        }
      }
      lastStepAt = step.at;
    }

    // ------------------------------------------------------------ comments, in the gaps of an active life
    const comments: CommentRow[] = [];
    if (!plan.draft && r.chance(LIFE.comments)) {
      const gaps: { from: number; to: number; status: FormStatus }[] = [];
      let gapStatus: FormStatus = 'open';
      events.forEach((e, i) => {
        const after = e.after as { status?: FormStatus } | null;
        if (e.action === 'form.transition' && after?.status) gapStatus = after.status;
        const next = events[i + 1];
        const to = next ? next.v : Math.min(t.nowV, e.v + 10 * DAY_MINUTES);
        if (
          (gapStatus === 'open' || gapStatus === 'in_progress' || gapStatus === 'verifying') &&
          to - e.v > 2
        ) {
          gaps.push({ from: e.v, to, status: gapStatus });
        }
      });
      const count = Math.min(gaps.length, 1 + r.weighted([60, 30, 10]));
      const notes = r.sample(gaps, count).map((gap) => {
        const v = r.int(gap.from + 1, gap.to - 1);
        const idx = Math.floor(v / DAY_MINUTES);
        if (idx > deadlineIdx) return { v, author: supervisor(), body: r.pick(COMMENTS.red) };
        if (t.day(idx) >= yellowOn && r.chance(0.6)) {
          return { v, author: supervisor(), body: r.pick(COMMENTS.yellow) };
        }
        const roll = r.next();
        const said = GAP_COMMENTS[gap.status as 'open' | 'in_progress' | 'verifying'];
        if (roll < 0.55) return { v, author: worker(idx), body: r.pick(said.holder) };
        if (roll < 0.65 && headId) return { v, author: headId, body: r.pick(COMMENTS.leader) };
        return { v, author: supervisor(), body: r.pick(said.supervisor) };
      });
      notes.sort((a, b) => a.v - b.v);
      for (const note of notes) {
        const commentId = this.next.comment++;
        comments.push({
          id: commentId,
          form_id: id,
          author_id: note.author,
          body: note.body,
          created_at: t.timeOf(note.v).toISOString(),
        });
        record(note.v, note.author, 'form.comment_added', null, { body: note.body, commentId });
      }
    }

    // ------------------------------------------------------------ rows, checks and the trail
    for (const e of events) this.schedule(e);
    // A failed routine check opened a spot-check form on a risk point, in the same request as its filing.
    const point = links.riskPoint;
    if (source === 'spot_check' && point && !plan.draft) {
      this.checks.failed(point, { id, problem, foundOn, occurredOn, filedBy, filedV });
    }
    if (status === 'closed' && closedV !== null) {
      this.checks.recheck({
        id,
        post,
        riskPointId: point?.id ?? null,
        closedV,
        involved: [...holderIds, filedBy, verifierId],
      });
    }

    const measureRows = measures.map((m, i) => ({
      id: m.id,
      form_id: id,
      position: i + 1,
      kind: m.kind,
      text: m.text,
      owner_id: m.ownerId,
      due_on: m.dueOn,
      done_on: m.doneOn,
    }));
    day.forms.push({
      id,
      number,
      status,
      source,
      problem,
      occurred_on: occurredOn,
      found_on: foundOn,
      filed_on: filedOn,
      post_id: post.id,
      unit_id: post.unitId,
      approval_item_id: linked.approvalItemId,
      stage: linked.stage,
      risk_point_id: linked.riskPointId,
      responsibility_point_id: linked.responsibilityPointId,
      standard_id: standardId,
      grade: links.grade,
      deadline,
      yellow_on: yellowOn,
      responsible,
      holder_ids: holderIds,
      root_cause: rootCause,
      verification,
      accountability,
      status_reason: statusReason,
      filed_by: filedBy,
      closed_at: closedV === null ? null : t.timeOf(closedV).toISOString(),
      version: 1 + changes,
      created_at: t.timeOf(filedV).toISOString(),
      updated_at: t.timeOf(lastChange).toISOString(),
      measures_text: measures.length > 0 ? measures.map((m) => m.text).join(' ') : null,
    });
    day.measures.push(...measureRows);
    day.comments.push(...comments);
    this.counts.forms++;
    this.counts.byStatus[status] = (this.counts.byStatus[status] ?? 0) + 1;
    this.counts.measures += measureRows.length;
    this.counts.comments += comments.length;
    return true;
  }
}
