/**
 * Deterministic randomness and calendar arithmetic for the demo seeder: no Math.random, no clock.
 * Every part of the seed draws from its own stream (`rng('people')`, `rng('risk')` ...), so changing how one
 * part is generated leaves the others as they were.
 */

const SEED = 0x5eed2015;

/** FNV-1a hash of a label, to derive one stream per part of the seed. */
function hash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** Index drawn in proportion to the weights. */
  weighted(weights: readonly number[]): number;
}

/** mulberry32: a small, fast 32-bit generator, good enough for demo data. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    shuffle: (items) => {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = copy[i] as (typeof copy)[number];
        copy[i] = copy[j] as (typeof copy)[number];
        copy[j] = tmp;
      }
      return copy;
    },
    sample: (items, count) => {
      if (count > items.length) throw new Error(`cannot sample ${count} of ${items.length}`);
      return rng.shuffle(items).slice(0, count);
    },
    weighted: (weights) => {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
  return rng;
}

/** The stream for one part of the seed. */
export function rng(label: string): Rng {
  return mulberry32((SEED ^ hash(label)) >>> 0);
}

/**
 * `count` distinct indices drawn without replacement, each in proportion to its weight
 * (Efraimidis–Spirakis: the largest u^(1/w) keys win).
 */
export function weightedSample(random: Rng, weights: readonly number[], count: number): number[] {
  if (count > weights.length) throw new Error(`cannot sample ${count} of ${weights.length}`);
  return weights
    .map((w, index) => ({ index, key: w > 0 ? random.next() ** (1 / w) : -1 }))
    .sort((a, b) => b.key - a.key || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.index);
}

/**
 * Splits `total` into parts proportional to `weights`, never above `caps` (largest remainders first,
 * ties to the lower index). Throws when the caps cannot hold the total.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const cap = (i: number) => caps?.[i] ?? Number.POSITIVE_INFINITY;
  const capacity = weights.reduce((sum, _w, i) => sum + cap(i), 0);
  if (capacity < total) throw new Error(`apportion: ${total} does not fit in ${capacity}`);
  const parts = weights.map(() => 0);
  let left = total;
  // Repeat proportional rounds over the parts that still have room, until everything is placed.
  while (left > 0) {
    const open = weights.map((w, i) => (parts[i] as number) < cap(i) && w > 0);
    const weightSum = weights.reduce((sum, w, i) => sum + (open[i] ? w : 0), 0);
    if (weightSum === 0) throw new Error('apportion: no room left');
    const shares = weights.map((w, i) => (open[i] ? (left * w) / weightSum : 0));
    let placed = 0;
    shares.forEach((share, i) => {
      const room = cap(i) - (parts[i] as number);
      const add = Math.min(Math.floor(share), room);
      parts[i] = (parts[i] as number) + add;
      placed += add;
    });
    const order = shares
      .map((share, i) => ({ i, frac: share - Math.floor(share) }))
      .filter((entry) => open[entry.i] && (parts[entry.i] as number) < cap(entry.i))
      .sort((a, b) => b.frac - a.frac || a.i - b.i);
    for (const { i } of order) {
      if (placed >= left) break;
      parts[i] = (parts[i] as number) + 1;
      placed++;
    }
    left -= placed;
    if (placed === 0) throw new Error('apportion: stuck');
  }
  return parts;
}

const DAY_MS = 86_400_000;

/** Days since the epoch of a `YYYY-MM-DD` calendar date. */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  if (back !== date) throw new Error(`not a calendar date: ${date}`);
  return ms / DAY_MS;
}

/** The `YYYY-MM-DD` date `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** A moment on a calendar date, in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiTime(date: string, hour: number, minute: number): Date {
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00+08:00`);
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numerals for 1..199, as in article numbers (第七十二条). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 199) throw new Error(`chineseNumber: ${n} out of range`);
  if (n >= 100) {
    const rest = n - 100;
    if (rest === 0) return '一百';
    return `一百${rest < 10 ? '零' : rest < 20 ? '一' : ''}${chineseNumber(rest)}`;
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return `${tensText}${ones === 0 ? '' : DIGITS[ones]}`;
}
