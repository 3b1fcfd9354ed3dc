import { lockUnitTree } from '../catalog/queries.ts';
import { sha256Hex } from '../common/hash.ts';
import { cleanFilename } from '../evidence/files.ts';
import { type AppContext, audited, requireRole } from '../http/context.ts';
import { type FieldError, l, Problem, problem } from '../http/problem.ts';
import type { KindSpec, Stored } from './catalogue.ts';
import type { Column } from './columns.ts';
import { decodeCsv, parseCsv } from './csv.ts';
import type { Label, Lang, Ledger } from './export.ts';
import {
  applyImport,
  type ImportIssue,
  type ImportPlan,
  type ImportSheet,
  NOTES_SHEET,
  planImport,
} from './import.ts';
import type { CatalogueKind, ImportReport } from './schema.ts';
import { readXlsx, SpreadsheetError } from './xlsx.ts';

/** The largest catalogue file taken: a province's whole catalogue as XLSX is a few megabytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_REPORTED = 1000;

/** A kind's sheet: its columns with values as a reader sees them (labels in their language, names beside codes). */
export function catalogueLedger(spec: KindSpec, opts: { template?: boolean } = {}): Ledger<Stored> {
  const columns = opts.template ? spec.columns.filter((col) => !col.info) : spec.columns;
  return {
    name: spec.label,
    columns: columns.map((col) => ({
      key: col.key,
      label: col.label,
      type: col.type,
      width: col.width,
      value: (s: Stored, lang: Lang) => {
        if (col.info) return col.info(s.row, lang);
        const v = s.rec[col.key];
        if (v === null || v === undefined) return null;
        if (col.type === 'number') return Number(v);
        return col.show ? col.show(v, lang) : v;
      },
    })),
  };
}

/** The template's second sheet: what goes in each column. */
export function notesLedger(): Ledger<Column> {
  const yes: Label = { 'zh-CN': '必填', en: 'required' };
  return {
    name: NOTES_SHEET,
    columns: [
      {
        key: 'column',
        label: { 'zh-CN': '列名', en: 'Column' },
        width: 28,
        value: (c, lang) => c.label[lang],
      },
      {
        key: 'required',
        label: { 'zh-CN': '是否必填', en: 'Required' },
        width: 10,
        value: (c, lang) => (c.required ? yes[lang] : ''),
      },
      {
        key: 'hint',
        label: { 'zh-CN': '填写要求', en: 'What to enter' },
        width: 80,
        value: (c, lang) => c.hint?.[lang] ?? '',
      },
    ],
  };
}

function badFile(message: Label): Problem {
  return problem.validation([{ path: 'file', message: l(message.en, message['zh-CN']), in: 'form' }]);
}

/** The sheets of an uploaded file: XLSX by its content, otherwise CSV text (UTF-8 or GB 18030). */
export async function readUpload(file: File, kind: CatalogueKind | undefined): Promise<ImportSheet[]> {
  if (file.size > MAX_IMPORT_BYTES) throw problem.tooLarge('20 MB');
  if (file.size === 0) throw badFile({ 'zh-CN': '文件为空', en: 'the file is empty' });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      return readXlsx(bytes);
    } catch (e) {
      if (e instanceof SpreadsheetError)
        throw badFile({
          'zh-CN': `无法读取该 .xlsx 文件（${e.message}）`,
          en: `cannot read this .xlsx file (${e.message})`,
        });
      throw e;
    }
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    throw new Problem(
      415,
      'unsupported-media-type',
      l('Unsupported file type', '不支持的文件类型'),
      l(
        'Old .xls workbooks are not read: save the file as .xlsx or CSV.',
        '不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV。',
      ),
      [{ path: 'file', message: l('an .xls workbook', '旧版 .xls 文件'), in: 'form' }],
    );
  if (!kind)
    throw problem.validation([
      { path: 'kind', message: l('say which kind a CSV file holds', 'CSV 文件须指明目录类别'), in: 'query' },
    ]);
  return [{ name: kind, rows: parseCsv(decodeCsv(bytes)) }];
}

function report(
  mode: ImportReport['mode'],
  file: string,
  plan: ImportPlan,
  written: number,
  lang: Lang,
): ImportReport {
  return {
    mode,
    file,
    ok: plan.issues.length === 0,
    written,
    kinds: plan.kinds.map((k) => ({ ...k, absentColumns: k.absentColumns.map((l) => l[lang]) })),
    errorCount: plan.issues.length,
    errors: plan.issues.slice(0, MAX_REPORTED).map((i) => ({ ...i, message: i.message[lang] })),
  };
}

/**
 * The one rule people follow in the catalogue beyond their own rows: the importing admin cannot take away
 * their own admin role or deactivate themselves (as on the People page).
 */
function checkSelf(plan: ImportPlan, email: string): ImportPlan {
  const row = plan.rows.get('people')?.find((p) => p.key === email.toLowerCase());
  if (!row || (row.rec.roles?.split(',').includes('admin') && row.rec.active === 'true')) return plan;
  const sheet = plan.kinds.find((k) => k.kind === 'people')?.sheet ?? 'people';
  const issue: ImportIssue = {
    sheet,
    kind: 'people',
    row: row.row,
    column: null,
    field: 'roles',
    value: row.rec.roles ?? null,
    message: {
      'zh-CN': '不能取消自己的管理员角色或停用自己，请由其他管理员操作',
      en: 'you cannot remove your own admin role or deactivate yourself; ask another admin',
    },
  };
  return { ...plan, issues: [...plan.issues, issue] };
}

/** Every problem of a file as the problem's field errors, each naming its sheet, row and column. */
function invalidFile(issues: ImportIssue[]): Problem {
  const errors = issues.slice(0, MAX_REPORTED).map(
    (i): FieldError => ({
      path: `${i.sheet}!${i.column ?? ''}${i.row}`,
      message: l(i.message.en, i.message['zh-CN']),
      in: 'form',
      ...{ sheet: i.sheet, row: i.row, column: i.column, field: i.field, value: i.value },
    }),
  );
  return new Problem(
    422,
    'import-invalid',
    l('The file has problems', '文件存在问题'),
    l(
      `${issues.length} problem(s) found; nothing was written. Correct them and import again.`,
      `发现 ${issues.length} 处问题，未写入任何数据。请修改后重新导入。`,
    ),
    errors,
  );
}

/**
 * Checks a file (dry run) or writes it (commit): a commit re-checks inside its transaction and writes all
 * of it or, when any row has a problem, nothing.
 */
export async function importCatalogue(
  c: AppContext,
  file: File,
  mode: ImportReport['mode'],
  kind: CatalogueKind | undefined,
): Promise<ImportReport> {
  const person = requireRole(c, 'admin');
  const sheets = await readUpload(file, kind);
  const name = cleanFilename(file.name || 'catalogue');
  const db = c.get('deps').db;
  const lang = person.locale;
  const plan = checkSelf(await planImport(db, sheets, kind), person.email);
  if (mode === 'dry-run') return report(mode, name, plan, 0, lang);
  if (plan.issues.length > 0) throw invalidFile(plan.issues);
  const changes = plan.kinds.reduce((n, k) => n + k.created + k.updated, 0);
  if (changes === 0) return report(mode, name, plan, 0, lang);
  const sha256 = await sha256Hex(new Uint8Array(await file.arrayBuffer()));
  const { final, written } = await audited(c, async (tx, audit) => {
    // Read again under the transaction, with the unit tree locked: the catalogue may have changed since the
    // first look, and a unit moved meanwhile would make the tree checks stale.
    await lockUnitTree(tx);
    const final = checkSelf(await planImport(tx, sheets, kind), person.email);
    if (final.issues.length > 0) throw invalidFile(final.issues);
    const written = await applyImport(tx, audit, final, { actorId: person.id, file: name });
    await audit({
      action: 'catalogue.imported',
      entityType: 'catalogue',
      entityId: null,
      after: { file: name, sha256, kinds: final.kinds, written },
    });
    return { final, written };
  });
  return report(mode, name, final, written, lang);
}
