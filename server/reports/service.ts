import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { workingDaysBetween } from '../calendar/calendar.ts';
import { unitPath } from '../catalog/queries.ts';
import type { DB } from '../db/types.ts';
import { CauseCategories, FormSources } from '../forms/schema.ts';
import { type AppContext, hasRole, requireRole, today } from '../http/context.ts';
import { l, problem } from '../http/problem.ts';
import { periodOf } from '../inspections/period.ts';
import { getCoverage } from '../inspections/service.ts';
import { nextMonth } from '../mail/digest.ts';
import { loadSettings } from '../settings/service.ts';
import {
  activeForms,
  closedPairs,
  filedByMonth,
  foundBySourceAndCause,
  type Range,
  rankedUnits,
  recurring,
  type ScopePath,
  unitFigures,
} from './queries.ts';
import type { SummaryQuery, SummaryView } from './schema.ts';

const db = (c: AppContext): Kysely<DB> => c.get('deps').db;

/** How far back a form still counts as the same problem coming back (举一反三). */
const RECURRENCE_DAYS = 90;
const RECURRENCE_LISTED = 50;
/** The longest range one summary covers. */
const MAX_YEARS = 3;

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function queryError(path: string, en: string, zh: string) {
  return problem.validation([{ path, message: l(en, zh), in: 'query' }]);
}

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/**
 * The unit the figures are for and its subtree's path: the one asked for, which must lie in the caller's
 * units (admins: any); else the caller's own unit, or everything for an admin.
 */
async function summaryScope(c: AppContext, unitId: number | undefined) {
  const person = requireRole(c, 'admin', 'supervisor', 'leader');
  const admin = hasRole(person, 'admin');
  const id = unitId ?? (admin ? null : person.unitId);
  if (id === null) return { unitId: null, path: null as ScopePath };
  const path = id === person.unitId ? person.unitPath : await unitPath(db(c), id);
  if (path === undefined) throw queryError('unitId', 'no such unit', '单位不存在');
  if (!admin && !path.startsWith(person.unitPath)) {
    throw problem.forbidden(l('That unit is outside your units.', '该单位不在您的管辖范围内。'), [
      { path: 'unitId', message: l('outside your units', '超出管辖范围'), in: 'query' },
    ]);
  }
  return { unitId: id, path: path as ScopePath };
}

/** The days counted: this month so far unless given; from before to, at most three years. */
function rangeOf(c: AppContext, q: z.infer<typeof SummaryQuery>): Range {
  const day = today(c);
  const from = q.from ?? `${periodOf(day)}-01`;
  const to = q.to ?? day;
  if (from > to) {
    throw q.from
      ? queryError('from', 'must not be after to (today when omitted)', '不得晚于结束日期（未填时为今天）')
      : queryError('to', 'must not be before from (the 1st of this month when omitted)', '不得早于开始日期');
  }
  const limit = `${Number(from.slice(0, 4)) + MAX_YEARS}${from.slice(4)}`;
  if (to >= limit) {
    throw queryError(
      q.to ? 'to' : 'from',
      `at most ${MAX_YEARS} years after from`,
      `与开始日期相距不得超过 ${MAX_YEARS} 年`,
    );
  }
  return { from, to, timeZone: c.get('deps').timeZone };
}

/** Every month from the range's first to its last (YYYY-MM). */
function monthsOf(r: Range): string[] {
  const months = [periodOf(r.from)];
  while ((months.at(-1) as string) < periodOf(r.to)) months.push(nextMonth(months.at(-1) as string));
  return months;
}

type Tally = { closed: number; onTime: number };

/**
 * Ranks units by on-time rate (none closed last), then fewest overdue; units equal on both share a rank.
 */
function ranked<T extends { rate: number | null; overdue: number }>(units: T[]) {
  const order = (a: T, b: T) =>
    (a.rate === null ? 1 : 0) - (b.rate === null ? 1 : 0) ||
    (b.rate ?? 0) - (a.rate ?? 0) ||
    a.overdue - b.overdue;
  const sorted = [...units].sort(order);
  const ranks: number[] = [];
  for (const [i, u] of sorted.entries()) {
    const prev = sorted[i - 1];
    ranks.push(prev && order(prev, u) === 0 ? (ranks[i - 1] as number) : i + 1);
  }
  return sorted.map((u, i) => ({ ...u, rank: ranks[i] as number }));
}

/**
 * The dashboard's figures for a unit's subtree (or the caller's scope) over a range of days: closure against
 * the 100% on-time target, the forms being worked on, where problems come from and why, inspection coverage,
 * recurrence, the monthly trend and a ranking of the units below.
 */
export async function getSummary(c: AppContext, q: z.infer<typeof SummaryQuery>): Promise<SummaryView> {
  const scope = await summaryScope(c, q.unitId);
  const r = rangeOf(c, q);
  const day = today(c);
  const d = db(c);
  const [settings, pairs, filed, active, found, recurrence, children, perUnit, coverage] = await Promise.all([
    loadSettings(d),
    closedPairs(d, scope.path, r),
    filedByMonth(d, scope.path, r),
    activeForms(d, scope.path, day),
    foundBySourceAndCause(d, scope.path, r),
    recurring(d, scope.path, daysBefore(r.to, RECURRENCE_DAYS - 1), r.to, RECURRENCE_LISTED),
    rankedUnits(d, scope.unitId),
    unitFigures(d, scope.path, r, day),
    getCoverage(c, { period: periodOf(r.to), unitId: scope.unitId ?? undefined }),
  ]);

  const months = new Map<string, Tally & { filed: number }>(
    monthsOf(r).map((m) => [m, { filed: 0, closed: 0, onTime: 0 }]),
  );
  const closure: Tally = { closed: 0, onTime: 0 };
  let workingDays = 0;
  for (const p of pairs) {
    closure.closed += p.closed;
    closure.onTime += p.onTime;
    // Once per distinct (filed, closed) pair, however many forms share it.
    workingDays += p.closed * workingDaysBetween(p.filedOn, p.closedOn, settings);
    const month = months.get(periodOf(p.closedOn));
    if (month) {
      month.closed += p.closed;
      month.onTime += p.onTime;
    }
  }
  for (const f of filed) {
    const month = months.get(f.month);
    if (month) month.filed += f.filed;
  }

  const open = {
    total: 0,
    overdue: 0,
    byGrade: { A: 0, B: 0, C: 0 },
    byCard: { none: 0, yellow: 0, red: 0 },
  };
  for (const a of active) {
    open.total += a.n;
    open.byGrade[a.grade] += a.n;
    open.byCard[a.card] += a.n;
  }
  open.overdue = open.byCard.red;

  const sources = new Map<string, number>();
  const causes = new Map<string, number>();
  for (const f of found) {
    sources.set(f.source, (sources.get(f.source) ?? 0) + f.n);
    if (f.category) causes.set(f.category, (causes.get(f.category) ?? 0) + f.n);
  }

  const units = children.map((u) => {
    const sum = { open: 0, overdue: 0, closed: 0, onTime: 0 };
    for (const row of perUnit) {
      if (!row.path.startsWith(u.path)) continue;
      sum.open += row.open;
      sum.overdue += row.overdue;
      sum.closed += row.closed;
      sum.onTime += row.onTime;
    }
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      ...sum,
      rate: share(sum.onTime, sum.closed),
    };
  });

  return {
    from: r.from,
    to: r.to,
    unitId: scope.unitId,
    today: day,
    closure: {
      ...closure,
      rate: share(closure.onTime, closure.closed),
      target: 1,
      avgWorkingDays: closure.closed === 0 ? null : workingDays / closure.closed,
    },
    open,
    bySource: FormSources.map((source) => ({ source, count: sources.get(source) ?? 0 })),
    byCause: CauseCategories.map((category) => ({ category, count: causes.get(category) ?? 0 })),
    coverage: {
      period: coverage.period,
      byGrade: (['A', 'B', 'C'] as const).map((grade) => ({ grade, ...coverage.byGrade[grade] })),
    },
    recurrence,
    trend: [...months].map(([month, m]) => ({ month, ...m, rate: share(m.onTime, m.closed) })),
    units: ranked(units),
  };
}
