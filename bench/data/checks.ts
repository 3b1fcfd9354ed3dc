import type { InspectionMethod } from '../../server/db/types.ts';
import {
  METHOD_HINTS,
  METHOD_WEIGHTS,
  METHODS,
  PASS_NOTES,
  RECHECK_METHOD_WEIGHTS,
  RECHECK_NOTES,
} from '../../server/seed/inspection-texts.ts';
import { pad, type Rng, rng } from '../../server/seed/random.ts';
import { STAGE_ZH } from '../../server/seed/texts.ts';
import { DEFAULT_SETTINGS } from '../../server/settings/schema.ts';
import { must, type Post, type Province, type RiskPoint, shanghaiDate, slot } from './province.ts';
import type { CheckPlan } from './rows.ts';
import { DAY_MINUTES, dayNo, plusDays, type Timeline } from './timeline.ts';

/**
 * Supervisors' checks of risk points over the history, as the demo's seed makes them (server/seed/
 * inspections.ts): each copied city's points checked at their grade's frequency from the day its register was
 * set up, around the due date and now and then put off for weeks, some let slip lately and a few never
 * checked (the demo's centre has its own checks from the demo seed); the failed check that opened each
 * spot-check form on a point, after which the point's cycle runs on from it; and the effectiveness re-checks
 * of closed forms a month or so after closing.
 */

const EVERY = DEFAULT_SETTINGS.checkFrequencyMonths;
const RECHECK_AFTER = DEFAULT_SETTINGS.recheckAfterDays;
const CHECKING = {
  /** When a point is checked, relative to its due date, as shares of its grade's period. */
  timing: [-0.3, 0.1] as const,
  /** A check is put off by `missedDays` this often (times the department's laxity). */
  missed: { A: 0.04, B: 0.05, C: 0.06 },
  missedDays: [10, 40] as const,
  /** Points let slip: not routinely checked since some day in the last months (times the laxity). */
  lapsed: { A: 0.05, B: 0.11, C: 0.15 },
  lapsedDaysAgo: [20, 200] as const,
  /** Grade B and C points never checked at all. */
  never: 0.008,
  /** How lax departments are, relative to the average. */
  laxity: [0.3, 0.5, 0.7, 0.8, 1, 1, 1, 1.2, 1.5, 2, 2.5],
  firstWithinDays: [3, 40] as const,
};
/**
 * Effectiveness re-checks of closed forms: skipped now and then in the last year (more for the most recent),
 * and for half of the forms closed before it (the register chases a closed form for a year only).
 */
const RECHECKS = { recentDays: 60, recentSkipped: 0.1, yearSkipped: 0.01, olderSkipped: 0.5 };

/** `date` plus whole months, the day cut to the month's last (as PostgreSQL adds an interval). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month, 2)}-${pad(Math.min(d, last), 2)}`;
}

/** A routine check of a point by a method: what every such check's row starts with. */
function routineOf(point: RiskPoint, method: InspectionMethod) {
  return {
    kind: 'routine' as const,
    risk_point_id: point.id,
    recheck_of: null,
    unit_id: point.unitId,
    post_id: point.postId,
    method,
  };
}

/** Records a planned check: its row and its event, at moment `v`. */
export type RecordCheck = (v: number, check: CheckPlan) => void;

export class Checks {
  private readonly r = rng('bench:checks');
  private readonly laxity = new Map<number, number>();
  /** Points checked routinely: the token of their next check (older queued ones are void), when they lapse. */
  private readonly state = new Map<number, { token: number; stoppedAfter: string }>();
  /** Routine checks by working day. */
  private readonly due: { point: RiskPoint; token: number }[][] = [];

  constructor(
    private readonly province: Province,
    private readonly t: Timeline,
    private readonly today: string,
    private readonly record: RecordCheck,
  ) {
    const r = this.r;
    for (const point of province.riskPoints()) {
      if (point.city === 0) continue;
      if (!this.laxity.has(point.unitId)) this.laxity.set(point.unitId, r.pick(CHECKING.laxity));
      if (point.grade !== 'A' && r.chance(CHECKING.never)) continue;
      const stoppedAfter = r.chance(CHECKING.lapsed[point.grade] * this.laxityOf(point))
        ? plusDays(today, -r.int(...CHECKING.lapsedDaysAgo))
        : today;
      this.state.set(point.id, { token: 0, stoppedAfter });
      this.schedule(point, plusDays(point.registeredOn, r.int(...CHECKING.firstWithinDays)));
    }
  }

  /** The routine checks of day `idx`, each queuing the point's next. */
  routine(idx: number) {
    const due = this.due[idx];
    if (!due) return;
    this.due[idx] = [];
    const r = this.r;
    const checkedOn = this.t.day(idx);
    for (const { point, token } of due) {
      if (this.state.get(point.id)?.token !== token) continue;
      this.province.settleUsual(point.unitId, r);
      const method = must(METHODS[r.weighted(METHOD_WEIGHTS[point.stage])], 'method');
      const notes = PASS_NOTES[method];
      const item = must(this.province.items.get(point.itemId), `item ${point.itemId}`);
      this.record(idx * DAY_MINUTES + r.int(30, 510), {
        ...routineOf(point, method),
        checked_on: checkedOn,
        case_ref: this.caseRef(point.unitId, method, idx),
        result: 'pass',
        notes: this.counted(
          r
            .pick([...notes.any, ...(notes[point.stage] ?? [])])
            .replaceAll('{item}', item.name)
            .replaceAll('{stage}', STAGE_ZH[point.stage]),
        ),
        inspector_id: this.province.supervisorFor(point.unitId, [], r),
        form_id: null,
      });
      this.schedule(point, this.nextAfter(point, checkedOn));
    }
  }

  /**
   * The failed routine check that opened a spot-check form on a point, recorded in the same request as the
   * filing (its notes are the form's problem, as the API defaults them); the point's cycle runs on from it.
   */
  failed(
    point: RiskPoint,
    form: {
      id: number;
      problem: string;
      foundOn: string;
      occurredOn: string;
      filedBy: number;
      filedV: number;
    },
  ) {
    const r = this.r;
    const hinted = METHOD_HINTS.find(([pattern]) => pattern.test(form.problem));
    const method = hinted ? hinted[1] : must(METHODS[r.weighted(METHOD_WEIGHTS[point.stage])], 'method');
    this.record(form.filedV, {
      ...routineOf(point, method),
      checked_on: form.foundOn,
      case_ref: `${this.province.codeOf(point.unitId)}-${form.occurredOn.replaceAll('-', '')}-${pad(r.int(1, 400), 4)}`,
      result: 'fail',
      notes: form.problem,
      inspector_id: form.filedBy,
      form_id: form.id,
    });
    if (this.state.has(point.id)) this.schedule(point, this.nextAfter(point, form.foundOn));
  }

  /** An effectiveness re-check of a closed form, a month or so after closing, by someone with no part in it. */
  recheck(form: { id: number; post: Post; riskPointId: number | null; closedV: number; involved: number[] }) {
    const r = this.r;
    const closedOn = shanghaiDate(this.t.timeOf(form.closedV));
    const age = dayNo(this.today) - dayNo(closedOn);
    const skip =
      age <= RECHECKS.recentDays
        ? RECHECKS.recentSkipped
        : age <= 400
          ? RECHECKS.yearSkipped
          : RECHECKS.olderSkipped;
    const idx = this.t.onOrAfter(
      plusDays(closedOn, RECHECK_AFTER + Math.floor(Math.min(r.next(), r.next()) * 16)),
    );
    if (idx > this.t.lastIdx || r.chance(skip)) return;
    const method = must(METHODS[r.weighted(RECHECK_METHOD_WEIGHTS)], 'method');
    this.record(idx * DAY_MINUTES + r.int(30, 510), {
      kind: 'recheck',
      risk_point_id: form.riskPointId,
      recheck_of: form.id,
      unit_id: form.post.unitId,
      post_id: form.post.id,
      method,
      checked_on: this.t.day(idx),
      case_ref: this.caseRef(form.post.unitId, method, idx),
      result: 'pass',
      notes: this.counted(r.pick(RECHECK_NOTES[method])),
      inspector_id: this.province.supervisorFor(form.post.unitId, form.involved, r),
      form_id: null,
    });
  }

  private laxityOf(point: RiskPoint): number {
    return this.laxity.get(point.unitId) ?? 1;
  }

  /** Queues a point's next routine check around `target`, unless that is past the history or it lapsed. */
  private schedule(point: RiskPoint, target: string) {
    const state = this.state.get(point.id);
    if (!state) return;
    const idx = this.t.onOrAfter(target);
    if (idx > this.t.lastIdx || this.t.day(idx) > state.stoppedAfter) return;
    state.token++;
    slot(this.due, idx, () => []).push({ point, token: state.token });
  }

  /** Around the next due date after a check: a little early more often than late, now and then weeks late. */
  private nextAfter(point: RiskPoint, checkedOn: string): string {
    const r = this.r;
    const months = EVERY[this.province.gradeOn(point, checkedOn)];
    const due = addMonths(checkedOn, months);
    const period = dayNo(addMonths(due, months)) - dayNo(due);
    const [early, late] = CHECKING.timing;
    let target = plusDays(due, Math.round(period * (early + r.next() * (late - early))));
    if (r.chance(CHECKING.missed[point.grade] * this.laxityOf(point))) {
      target = plusDays(target, r.int(...CHECKING.missedDays));
    }
    return target;
  }

  /** The application a check sampled, handled a while before a file review or a callback; none when watching. */
  private caseRef(unitId: number, method: InspectionMethod, idx: number): string | null {
    const r = this.r;
    if (method === 'on_site' && r.chance(0.4)) return null;
    const back =
      method === 'on_site'
        ? 0
        : method === 'phone'
          ? r.int(2, 14)
          : method === 'e_supervision'
            ? r.int(1, 10)
            : r.int(4, 28);
    const day = this.t.day(Math.max(0, idx - back));
    return `${this.province.codeOf(unitId)}-${day.replaceAll('-', '')}-${pad(r.int(1, 400), 4)}`;
  }

  private counted(text: string, r: Rng = this.r): string {
    return text.replace(/\{n\}/g, () => String(r.int(3, 10)));
  }
}
