import { isWorkingDay } from '../../server/calendar/calendar.ts';

const DAY_MS = 86_400_000;

/** Days since the epoch of a YYYY-MM-DD date: unchecked (the generator's own dates), so cheap enough per event. */
export function dayNo(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The date `days` after `date` (before, when negative). */
export function plusDays(date: string, days: number): string {
  return new Date((dayNo(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes of a working day on the timeline: 08:30 to 18:30, centre time. */
export const DAY_MINUTES = 600;

/**
 * The working days of the history, as indices, and moments as minutes on them: `v = index × 600 + minute`.
 * Events are placed and ordered by `v`; a moment is whole minutes, as the chain wants whole milliseconds.
 */
export class Timeline {
  readonly days: string[] = [];
  /** The history's last day: the last working day before today (so nothing in it is later than now). */
  readonly lastIdx: number;
  /** The latest moment anything may happen: the end of that day. */
  readonly nowV: number;
  private readonly index = new Map<string, number>();
  private readonly startMs: number[] = [];
  private readonly first: number;
  /** By calendar day from `first`: the index of that day, or of the next working day. */
  private readonly next: number[] = [];

  constructor(from: string, to: string, today: string) {
    this.first = dayNo(from);
    for (let d = from; d <= to; d = plusDays(d, 1)) {
      this.next.push(this.days.length);
      if (isWorkingDay(d)) {
        this.index.set(d, this.days.length);
        this.days.push(d);
        this.startMs.push(Date.parse(`${d}T08:30:00+08:00`));
      }
    }
    this.lastIdx = this.onOrAfter(today) - 1;
    this.nowV = this.lastIdx * DAY_MINUTES + DAY_MINUTES - 1;
  }

  day(idx: number): string {
    const d = this.days[idx];
    if (d === undefined) throw new Error(`timeline: no working day ${idx}`);
    return d;
  }

  /** The index of a working day (throws for a weekend or holiday). */
  indexOf(date: string): number {
    const idx = this.index.get(date);
    if (idx === undefined) throw new Error(`timeline: ${date} is not a working day on the timeline`);
    return idx;
  }

  /** The index of `date`, or of the first working day after it. */
  onOrAfter(date: string): number {
    const offset = dayNo(date) - this.first;
    if (offset < 0) return 0;
    return this.next[offset] ?? this.days.length;
  }

  timeOf(v: number): Date {
    const start = this.startMs[Math.floor(v / DAY_MINUTES)];
    if (start === undefined) throw new Error(`timeline: moment ${v} is off the timeline`);
    return new Date(start + (v % DAY_MINUTES) * 60_000);
  }
}
