import type { Label, Lang } from './export.ts';
import type { ColumnType } from './xlsx.ts';

/**
 * The columns of catalogue sheets. Each reads a typed-in cell into one canonical text — the form the export
 * writes and a re-import compares — so exporting and importing again changes nothing.
 */

export type Cell = string | null;
export type Rec = Record<string, Cell>;
export type Parsed = { value: Cell } | { error: Label };

export interface Column {
  key: string;
  label: Label;
  required?: boolean;
  /** What an empty cell means. */
  fallback?: string;
  parse: (raw: string) => Parsed;
  /** The canonical text as a reader sees it (labels in their language). */
  show?: (value: string, lang: Lang) => string;
  /** The kind whose key this column names. */
  ref?: 'units' | 'people' | 'posts' | 'approval-items' | 'standards';
  /** Allowed values or format, for the template's notes. */
  hint?: Label;
  type?: ColumnType;
  width?: number;
  /**
   * false for a column that says how a change is made rather than what the record is (who confirmed a grade):
   * it never makes a row a change, and a file that leaves it out does not inherit it.
   */
  compare?: false;
  /** Export-only (names beside codes): a re-import ignores it. */
  info?: (row: Record<string, unknown>, lang: Lang) => unknown;
}

const lbl = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });
const fail = (zh: string, en: string): Parsed => ({ error: lbl(zh, en) });

export function text(key: string, label: Label, max: number, opts: Partial<Column> = {}): Column {
  return {
    key,
    label,
    width: max > 200 ? 48 : max > 40 ? 24 : 14,
    parse: (raw) =>
      raw.length > max ? fail(`不能超过 ${max} 个字符`, `at most ${max} characters`) : { value: raw },
    ...opts,
  };
}

export function integer(
  key: string,
  label: Label,
  min: number,
  max: number,
  opts: Partial<Column> = {},
): Column {
  return {
    key,
    label,
    type: 'number',
    width: 10,
    hint: lbl(`${min}–${max} 的整数`, `a whole number ${min}–${max}`),
    parse: (raw) => {
      const n = Number(raw);
      return /^-?\d+(\.0+)?$/.test(raw) && n >= min && n <= max
        ? { value: String(n) }
        : fail(`应为 ${min}–${max} 的整数`, `must be a whole number from ${min} to ${max}`);
    },
    ...opts,
  };
}

export function date(key: string, label: Label, opts: Partial<Column> = {}): Column {
  return {
    key,
    label,
    type: 'date',
    width: 12,
    hint: lbl('日期，如 2026-03-01', 'a date such as 2026-03-01'),
    parse: (raw) => {
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw);
      if (!m) return fail('应为日期，如 2026-03-01', 'must be a date such as 2026-03-01');
      const iso = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
      const d = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso
        ? fail('不是有效日期', 'is not a real date')
        : { value: iso };
    },
    ...opts,
  };
}

/** One of a fixed set: the code or its label in either language. */
export function choice(
  key: string,
  label: Label,
  labels: Record<string, Label>,
  opts: Partial<Column> = {},
): Column {
  const lookup = choiceLookup(labels);
  return {
    key,
    label,
    width: 14,
    hint: allowed(labels),
    parse: (raw) => {
      const code = lookup(raw);
      return code
        ? { value: code }
        : fail(`应为：${allowed(labels)['zh-CN']}`, `must be one of: ${allowed(labels).en}`);
    },
    show: (v, lang) => labels[v]?.[lang] ?? v,
    ...opts,
  };
}

/** Several of a fixed set, separated by commas, 、 or line breaks. */
export function choices(
  key: string,
  label: Label,
  labels: Record<string, Label>,
  opts: Partial<Column> = {},
): Column {
  const lookup = choiceLookup(labels);
  const order = Object.keys(labels);
  return {
    key,
    label,
    width: 24,
    hint: allowed(labels),
    parse: (raw) => {
      const codes: string[] = [];
      for (const part of splitList(raw)) {
        const code = lookup(part);
        if (!code)
          return fail(
            `“${part}”不在可选值中：${allowed(labels)['zh-CN']}`,
            `"${part}" is not one of: ${allowed(labels).en}`,
          );
        if (!codes.includes(code)) codes.push(code);
      }
      if (codes.length === 0) return fail('至少填写一项', 'give at least one');
      // Canonical order, so the same set written in another order is the same value.
      return { value: codes.sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(',') };
    },
    show: (v, lang) =>
      v
        .split(',')
        .map((code) => labels[code]?.[lang] ?? code)
        .join(lang === 'en' ? ', ' : '、'),
    ...opts,
  };
}

/** A list of texts, one per line of the cell. */
export function lines(
  key: string,
  label: Label,
  maxEach: number,
  maxItems: number,
  opts: Partial<Column> = {},
): Column {
  return {
    key,
    label,
    width: 48,
    hint: lbl('每行一项', 'one per line'),
    parse: (raw) => {
      const items = raw
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      const long = items.find((s) => s.length > maxEach);
      if (long) return fail(`每项不能超过 ${maxEach} 个字符`, `each line at most ${maxEach} characters`);
      if (items.length > maxItems) return fail(`最多 ${maxItems} 项`, `at most ${maxItems} lines`);
      return { value: items.join('\n') || null };
    },
    ...opts,
  };
}

export function yesNo(key: string, label: Label, opts: Partial<Column> = {}): Column {
  return {
    key,
    label,
    width: 8,
    hint: lbl('是 / 否', 'yes / no'),
    parse: (raw) => {
      const v = raw.toLowerCase();
      if (['是', 'yes', 'y', 'true', '1'].includes(v)) return { value: 'true' };
      if (['否', 'no', 'n', 'false', '0'].includes(v)) return { value: 'false' };
      return fail('应为“是”或“否”', 'must be yes or no');
    },
    show: (v, lang) => (v === 'true' ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否'),
    ...opts,
  };
}

export function email(key: string, label: Label, opts: Partial<Column> = {}): Column {
  return {
    key,
    label,
    width: 28,
    parse: (raw) =>
      /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) && raw.length <= 254
        ? { value: raw.toLowerCase() }
        : fail('不是有效的电子邮箱', 'is not an email address'),
    ...opts,
  };
}

/** A code naming a record of another sheet (or already in the catalogue). */
export function reference(
  key: string,
  label: Label,
  ref: NonNullable<Column['ref']>,
  opts: Partial<Column> = {},
): Column {
  return ref === 'people'
    ? email(key, label, { ref, ...opts })
    : text(key, label, 40, { ref, width: 14, ...opts });
}

export function info(key: string, label: Label, value: NonNullable<Column['info']>): Column {
  return { key, label, width: 24, parse: (raw) => ({ value: raw }), info: value };
}

export function splitList(raw: string): string[] {
  return raw
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function choiceLookup(labels: Record<string, Label>) {
  const map = new Map<string, string>();
  for (const [code, l] of Object.entries(labels)) {
    map.set(code.toLowerCase(), code);
    map.set(l['zh-CN'].toLowerCase(), code);
    map.set(l.en.toLowerCase(), code);
  }
  return (raw: string) => map.get(raw.trim().toLowerCase());
}

function allowed(labels: Record<string, Label>): Label {
  const entries = Object.entries(labels);
  return {
    'zh-CN': entries.map(([code, l]) => `${l['zh-CN']}（${code}）`).join('、'),
    en: entries.map(([code, l]) => `${l.en} (${code})`).join(', '),
  };
}

/** A canonical record's value for a database text column that is never null. */
export const orEmpty = (v: Cell | undefined) => v ?? '';
/** A database text as a canonical cell: empty is no value. */
export const cell = (v: string | number | boolean | null | undefined): Cell =>
  v === null || v === undefined || v === '' ? null : String(v);
