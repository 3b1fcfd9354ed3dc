import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/**
 * Working days on the Chinese statutory calendar: Monday to Friday, less public holidays, plus the
 * make-up working days (调休) the State Council sets on weekends. The built-in data (from `chinese-days`)
 * covers the years announced when it was published; the State Council announces each next year in the
 * autumn, and an admin adds those days in settings (`holidays`, `makeUpWorkdays`) until the data is updated.
 */
const holidays = new Set(Object.keys((data as { holidays: Record<string, string> }).holidays));
const makeUpDays = new Set(Object.keys((data as { workdays: Record<string, string> }).workdays));
const lastYearOf = (days: Iterable<string>) => Math.max(0, ...[...days].map((d) => Number(d.slice(0, 4))));
export const BUILT_IN_LAST_YEAR = lastYearOf(holidays);

/** Days an admin has added for years the built-in data does not cover yet. */
export interface CalendarExtra {
  holidays?: string[];
  makeUpWorkdays?: string[];
}

/** The last year whose holidays are known, built in or added; later years count weekdays only. */
export function knownUntil(extra: CalendarExtra = {}): number {
  return Math.max(BUILT_IN_LAST_YEAR, lastYearOf(extra.holidays ?? []));
}

const DAY = 86_400_000;

function toUtc(date: string): number {
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return d.getTime();
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, extra: CalendarExtra = {}): boolean {
  if (makeUpDays.has(date) || extra.makeUpWorkdays?.includes(date)) return true;
  if (holidays.has(date) || extra.holidays?.includes(date)) return false;
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`th working day after `from` (from itself when n is 0). */
export function addWorkingDays(from: string, n: number, extra: CalendarExtra = {}): string {
  let t = toUtc(from);
  let left = n;
  while (left > 0) {
    t += DAY;
    if (isWorkingDay(fromUtc(t), extra)) left--;
  }
  return fromUtc(t);
}

/** Working days in (from, to]: how many of a deadline's working days have been used by `to`. */
export function workingDaysBetween(from: string, to: string, extra: CalendarExtra = {}): number {
  let count = 0;
  for (let t = toUtc(from) + DAY, end = toUtc(to); t <= end; t += DAY) {
    if (isWorkingDay(fromUtc(t), extra)) count++;
  }
  return count;
}

export interface CardRule extends CalendarExtra {
  /** Share of the working days used that raises the yellow card (0.8). */
  yellowCardRatio: number;
  /** Working days left that raise the yellow card (1). */
  yellowCardDaysLeft: number;
}

/**
 * A form's deadline, `days` working days after filing, and the first day of its yellow card: when the
 * ratio of the time is used or only the given working days are left, whichever comes first.
 */
export function deadlineOf(filedOn: string, days: number, rule: CardRule) {
  const deadline = addWorkingDays(filedOn, days, rule);
  const yellowOn = yellowOnFor(filedOn, deadline, rule);
  return { deadline, yellowOn };
}

export function yellowOnFor(filedOn: string, deadline: string, rule: CardRule): string {
  const total = workingDaysBetween(filedOn, deadline, rule);
  const byRatio = Math.ceil(total * rule.yellowCardRatio);
  const byDaysLeft = total - rule.yellowCardDaysLeft;
  return addWorkingDays(filedOn, Math.max(0, Math.min(byRatio, byDaysLeft)), rule);
}

export type Card = 'none' | 'yellow' | 'red';

/** The warning card of a form still being worked on, on a given day. */
export function cardOn(today: string, form: { status: string; deadline: string; yellowOn: string }): Card {
  if (!['open', 'in_progress', 'verifying'].includes(form.status)) return 'none';
  if (today > form.deadline) return 'red';
  if (today >= form.yellowOn) return 'yellow';
  return 'none';
}
