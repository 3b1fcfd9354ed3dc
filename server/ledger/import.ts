import type { Kysely, Transaction } from 'kysely';
import type { Audit } from '../audit/write.ts';
import type { DB } from '../db/types.ts';
import { type Final, type KindSpec, KINDS, kindSpec, type Stored, type WriteContext } from './catalogue.ts';
import type { Cell, Column, Rec } from './columns.ts';
import type { Label } from './export.ts';
import type { CatalogueKind } from './schema.ts';
import { columnLetter } from './xlsx.ts';

/**
 * Importing the catalogue from a spreadsheet: every row is read and checked first (cells, references,
 * duplicates, each kind's rules), and only a file without a single problem is written, whole, in one
 * transaction. Records are matched by their codes, so importing the same file again changes nothing.
 */

export interface ImportSheet {
  name: string;
  rows: Cell[][];
}

export interface ImportIssue {
  sheet: string;
  kind: CatalogueKind | null;
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  /** The column letter, when the problem is in one cell. */
  column: string | null;
  field: string | null;
  value: string | null;
  message: Label;
}

interface PlannedRow {
  row: number;
  rec: Rec;
  key: string;
  stored: Stored | undefined;
  changed: string[];
}

export interface KindReport {
  kind: CatalogueKind;
  sheet: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  ignoredColumns: string[];
  /** Optional columns the file leaves out: existing records keep their values, new ones take defaults. */
  absentColumns: Label[];
}

export interface ImportPlan {
  kinds: KindReport[];
  issues: ImportIssue[];
  rows: Map<CatalogueKind, PlannedRow[]>;
  stored: Map<CatalogueKind, Map<string, Stored>>;
}

const lbl = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });
/** The explanation sheet of a template: never imported. */
export const NOTES_SHEET: Label = lbl('填写说明', 'Notes');

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Which kind a sheet holds: by its name (a kind's code or its name in either language), else the one asked for. */
function kindOfSheet(
  name: string,
  asked: CatalogueKind | undefined,
  only: boolean,
): KindSpec | null | 'notes' {
  const n = norm(name);
  if (n === norm(NOTES_SHEET['zh-CN']) || n === norm(NOTES_SHEET.en)) return 'notes';
  const byName = KINDS.find((k) => [k.kind, k.label['zh-CN'], k.label.en].some((s) => norm(s) === n));
  if (byName) return byName;
  return asked && only ? kindSpec(asked) : null;
}

function headerMap(spec: KindSpec, header: Cell[]) {
  const index = new Map<string, number>();
  const ignored: string[] = [];
  for (const [i, raw] of header.entries()) {
    const h = norm(raw ?? '');
    if (!h) continue;
    const col = spec.columns.find((c) => [c.key, c.label['zh-CN'], c.label.en].some((s) => norm(s) === h));
    if (!col) ignored.push(raw ?? '');
    else if (!col.info) index.set(col.key, i);
  }
  return { index, ignored };
}

/** Reads and checks a whole file against the catalogue as it stands in `db`; writes nothing. */
export async function planImport(
  db: Kysely<DB> | Transaction<DB>,
  sheets: ImportSheet[],
  asked: CatalogueKind | undefined,
): Promise<ImportPlan> {
  const issues: ImportIssue[] = [];
  const rows = new Map<CatalogueKind, PlannedRow[]>();
  const kinds: KindReport[] = [];
  const present: { spec: KindSpec; sheet: ImportSheet; index: Map<string, number> }[] = [];
  const data = sheets.filter((s) => s.rows.some((r) => r.some((v) => v !== null)));
  for (const sheet of data) {
    const spec = kindOfSheet(sheet.name, asked, data.length === 1);
    if (spec === 'notes') continue;
    if (!spec) {
      issues.push({
        sheet: sheet.name,
        kind: null,
        row: 1,
        column: null,
        field: null,
        value: sheet.name,
        message: lbl(
          '无法识别该工作表对应的目录类别（请使用模板中的工作表名称）',
          'this sheet is not a catalogue kind (keep the template’s sheet names)',
        ),
      });
      continue;
    }
    if (present.some((p) => p.spec === spec)) {
      issues.push({
        sheet: sheet.name,
        kind: spec.kind,
        row: 1,
        column: null,
        field: null,
        value: sheet.name,
        message: lbl('同一类别出现了两个工作表', 'a second sheet of the same kind'),
      });
      continue;
    }
    const { index, ignored } = headerMap(spec, sheet.rows[0] ?? []);
    for (const col of spec.columns.filter((c) => c.required && !index.has(c.key)))
      issues.push({
        sheet: sheet.name,
        kind: spec.kind,
        row: 1,
        column: null,
        field: col.key,
        value: null,
        message: lbl(`缺少必填列“${col.label['zh-CN']}”`, `the required column "${col.label.en}" is missing`),
      });
    present.push({ spec, sheet, index });
    kinds.push({
      kind: spec.kind,
      sheet: sheet.name,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      ignoredColumns: ignored,
      absentColumns: spec.columns
        .filter((c) => !c.info && !c.required && !index.has(c.key))
        .map((c) => c.label),
    });
  }

  // The catalogue as it stands, for the kinds in the file and those they refer to.
  const needed = new Set<CatalogueKind>();
  for (const { spec } of present) {
    needed.add(spec.kind);
    for (const col of spec.columns) if (col.ref) needed.add(col.ref);
  }
  const stored = new Map<CatalogueKind, Map<string, Stored>>();
  for (const spec of KINDS.filter((k) => needed.has(k.kind))) {
    stored.set(spec.kind, new Map((await spec.load(db)).map((s) => [spec.keyOf(s.rec), s])));
  }

  // Each row read into canonical cells.
  for (const { spec, sheet, index } of present) {
    const planned: PlannedRow[] = [];
    const byKey = new Map<string, number>();
    const keyColumn = spec.columns[0] as Column;
    for (const [i, cells] of sheet.rows.entries()) {
      if (i === 0 || cells.every((v) => v === null || v.trim() === '')) continue;
      const rowNo = i + 1;
      const rec: Rec = {};
      const issue = (col: Column, value: string | null, message: Label) => {
        const at = index.get(col.key);
        issues.push({
          sheet: sheet.name,
          kind: spec.kind,
          row: rowNo,
          column: at === undefined ? null : columnLetter(at),
          field: col.key,
          value,
          message,
        });
      };
      let ok = true;
      const absent: Column[] = [];
      for (const col of spec.columns.filter((c) => !c.info)) {
        const at = index.get(col.key);
        if (at === undefined && !col.required) {
          absent.push(col);
          continue;
        }
        const raw = at === undefined ? '' : (cells[at] ?? '').trim();
        if (raw.includes('\u0000')) {
          issue(
            col,
            raw.replaceAll('\u0000', '�'),
            lbl('含有空字符（NUL），无法保存', 'holds a NUL character, which cannot be stored'),
          );
          ok = false;
          rec[col.key] = null;
          continue;
        }
        if (raw === '') {
          if (col.required) {
            issue(col, null, lbl(`“${col.label['zh-CN']}”为必填项`, `"${col.label.en}" is required`));
            ok = false;
          }
          rec[col.key] = col.fallback ?? null;
          continue;
        }
        const parsed = col.parse(raw);
        if ('error' in parsed) {
          issue(col, raw, parsed.error);
          ok = false;
          rec[col.key] = null;
        } else rec[col.key] = parsed.value;
      }
      const key = spec.keyOf(rec);
      // A column the file leaves out keeps what a record already has; only a new record takes its default.
      const was = stored.get(spec.kind)?.get(key);
      for (const col of absent)
        rec[col.key] =
          col.compare === false ? null : was ? (was.rec[col.key] ?? null) : (col.fallback ?? null);
      const first = byKey.get(key);
      if (ok && first !== undefined) {
        issue(keyColumn, key, lbl(`与第 ${first} 行重复`, `duplicates row ${first}`));
        continue;
      }
      if (ok) byKey.set(key, rowNo);
      planned.push({ row: rowNo, rec, key, stored: undefined, changed: [] });
    }
    rows.set(spec.kind, planned);
  }

  // References and each kind's rules, against the catalogue as it will be after the import.
  const final = finalOf({ rows, stored });
  for (const { spec, sheet, index } of present) {
    const report = kinds.find((k) => k.kind === spec.kind) as KindReport;
    for (const p of rows.get(spec.kind) ?? []) {
      const at = (key: string) => {
        const i = index.get(key);
        return i === undefined ? null : columnLetter(i);
      };
      for (const col of spec.columns) {
        const value = p.rec[col.key];
        if (!col.ref || !value || final(col.ref).has(value)) continue;
        const target = kindSpec(col.ref).label;
        issues.push({
          sheet: sheet.name,
          kind: spec.kind,
          row: p.row,
          column: at(col.key),
          field: col.key,
          value,
          message: lbl(`${target['zh-CN']}“${value}”不存在`, `no ${target.en.toLowerCase()} "${value}"`),
        });
      }
      const was = stored.get(spec.kind)?.get(p.key);
      for (const found of spec.check?.(p.rec, final, was?.rec) ?? [])
        issues.push({
          sheet: sheet.name,
          kind: spec.kind,
          row: p.row,
          column: at(found.column),
          field: found.column,
          value: p.rec[found.column] ?? null,
          message: found.message,
        });
      p.stored = was;
      p.changed = spec.columns
        .filter(
          (c) => !c.info && c.compare !== false && (was === undefined || was.rec[c.key] !== p.rec[c.key]),
        )
        .map((c) => c.key);
      report.rows++;
      if (!p.stored) report.created++;
      else if (p.changed.length > 0) report.updated++;
      else report.unchanged++;
    }
  }
  issues.sort(
    (a, b) =>
      a.sheet.localeCompare(b.sheet) || a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''),
  );
  return { kinds, issues, rows, stored };
}

/** Each kind's records as they will be after the import (those stored, overlaid with the file's), built once. */
function finalOf(plan: Pick<ImportPlan, 'rows' | 'stored'>): Final {
  const memo = new Map<CatalogueKind, Map<string, Rec>>();
  return (kind) => {
    let map = memo.get(kind);
    if (!map) {
      map = new Map([...(plan.stored.get(kind) ?? [])].map(([k, s]) => [k, s.rec]));
      for (const p of plan.rows.get(kind) ?? []) map.set(p.key, p.rec);
      memo.set(kind, map);
    }
    return map;
  };
}

const pick = (rec: Rec, keys: string[]) => Object.fromEntries(keys.map((k) => [k, rec[k] ?? null]));

/**
 * Writes a checked plan in the caller's transaction, kind after kind, parents before children, recording
 * each change. Unchanged rows are not touched. Returns how many records were written.
 */
export async function applyImport(
  tx: Transaction<DB>,
  audit: Audit,
  plan: ImportPlan,
  meta: { actorId: number; file: string },
): Promise<number> {
  const ids = new Map<string, number>();
  for (const [kind, byKey] of plan.stored) for (const [key, s] of byKey) ids.set(`${kind}\u0000${key}`, s.id);
  const w: WriteContext = {
    actorId: meta.actorId,
    reason: `导入 Imported: ${meta.file}`.slice(0, 1000),
    id(kind, key) {
      const id = ids.get(`${kind}\u0000${key}`);
      if (id === undefined) throw new Error(`import: ${kind} ${key} was not written before it was needed`);
      return id;
    },
  };
  const final = finalOf(plan);
  let written = 0;
  for (const spec of KINDS) {
    const todo = (plan.rows.get(spec.kind) ?? []).filter((p) => p.changed.length > 0);
    if (todo.length === 0) continue;
    const rank = spec.rank;
    const ordered = rank
      ? todo
          .map((p) => ({ p, r: rank(p.rec, final) }))
          .sort((a, b) => a.r - b.r)
          .map((x) => x.p)
      : todo;
    for (const p of ordered) {
      const { id, unitId } = await spec.write(tx, w, p.rec, p.stored);
      ids.set(`${spec.kind}\u0000${p.key}`, id);
      await audit({
        action: `${spec.entity}.imported`,
        entityType: spec.entity,
        entityId: id,
        unitId,
        before: p.stored ? pick(p.stored.rec, p.changed) : null,
        after: pick(p.rec, p.changed),
      });
      written++;
    }
  }
  return written;
}
