import type { CatalogueKind } from '../../api/ledger.ts';
import { defineMessages, type Message } from '../../i18n/i18n.ts';

/** The catalogue's kinds as the import and export name them (server/ledger/catalogue.ts KINDS[].label). */
export const kindLabels: Record<CatalogueKind, Message> = {
  units: { 'zh-CN': '单位', en: 'Units' },
  people: { 'zh-CN': '人员', en: 'People' },
  posts: { 'zh-CN': '岗位', en: 'Posts' },
  assignments: { 'zh-CN': '在岗记录', en: 'Assignments' },
  'approval-items': { 'zh-CN': '审批事项', en: 'Approval items' },
  standards: { 'zh-CN': '标准', en: 'Standards' },
  'responsibility-points': { 'zh-CN': '责任点', en: 'Responsibility points' },
  'risk-points': { 'zh-CN': '风险防控点', en: 'Risk control points' },
};

/** The list page where each kind's records are seen after an import. */
export const kindPages: Record<CatalogueKind, string> = {
  units: '/units',
  people: '/people',
  posts: '/posts',
  assignments: '/posts',
  'approval-items': '/approval-items',
  standards: '/standards',
  'responsibility-points': '/responsibility-points',
  'risk-points': '/risk-points',
};

/** The words of the catalogue import and export page (目录导入导出). */
export const ledgerMessages = defineMessages({
  title: { 'zh-CN': '导入导出目录', en: 'Import & export the catalogue' },
  intro: {
    'zh-CN':
      '用 Excel（.xlsx）或 CSV 文件批量维护基础目录：先下载模板或现有数据，填好后上传检查，确认无误再导入。记录按编码（人员按邮箱）匹配，重复导入同一文件不会产生任何变化。',
    en: 'Keep the catalogue in Excel (.xlsx) or CSV files: download a template or the current data, fill it in, upload it to be checked, then import it. Records are matched by code (people by email), so importing the same file again changes nothing.',
  },
  adminsOnly: {
    'zh-CN': '只有系统管理员可以导入导出基础目录。',
    en: 'Only administrators may import and export the catalogue.',
  },

  downloadTitle: { 'zh-CN': '下载模板和现有数据', en: 'Templates and current data' },
  kind: { 'zh-CN': '目录类别', en: 'Kind of record' },
  wholeCatalogue: {
    'zh-CN': '整个目录（一个工作簿，每类一个工作表）',
    en: 'The whole catalogue (one workbook, a sheet per kind)',
  },
  template: { 'zh-CN': '空白模板', en: 'Empty template' },
  templateNote: {
    'zh-CN': 'XLSX 模板的第二个工作表“填写说明”逐列说明填写要求。',
    en: 'The XLSX template’s second sheet, “Notes”, explains every column.',
  },
  templatePerKind: {
    'zh-CN': '模板按类别提供：请先选择一个类别。',
    en: 'Templates come one kind at a time: choose a kind first.',
  },
  current: { 'zh-CN': '现有数据', en: 'Current data' },
  wholeIsXlsx: {
    'zh-CN': '整个目录只能导出为 XLSX 工作簿。',
    en: 'The whole catalogue exports as an XLSX workbook only.',
  },
  downloadAs: { 'zh-CN': '下载{what}（{format}）', en: 'Download: {what} ({format})' },

  importTitle: { 'zh-CN': '上传并导入', en: 'Upload and import' },
  importIntro: {
    'zh-CN':
      '工作簿中的工作表按名称对应类别（保留模板中的工作表名称）；CSV 文件只含一个类别，须在上方选择。文件不超过 20 MB。',
    en: 'A workbook’s sheets are matched to kinds by their names (keep the template’s sheet names); a CSV file holds one kind, chosen above. Files up to 20 MB.',
  },
  file: { 'zh-CN': '文件（.xlsx 或 .csv）', en: 'File (.xlsx or .csv)' },
  check: { 'zh-CN': '检查文件', en: 'Check file' },
  import: { 'zh-CN': '导入', en: 'Import' },
  importCount: { 'zh-CN': '导入（写入 {n} 条记录）', en: 'Import ({n} records to write)' },
  confirmImport: {
    'zh-CN': '确定导入“{file}”吗？将新增 {created} 条、修改 {updated} 条记录，每条变更都会记入审计留痕。',
    en: 'Import “{file}”? {created} records will be added and {updated} changed; every change is audited.',
  },
  csvNeedsKind: {
    'zh-CN': 'CSV 文件只含一个类别：请先在上方选择它的类别。',
    en: 'A CSV file holds one kind: choose its kind above first.',
  },
  tooLarge: {
    'zh-CN': '文件太大：最大 20 MB。请拆分后分批导入。',
    en: 'The file is too large: 20 MB at most. Split it and import the parts.',
  },
  unsupported: {
    'zh-CN': '不支持该文件类型：请上传 .xlsx 或 CSV 文件（旧版 .xls 请先另存为 .xlsx）。',
    en: 'This kind of file is not read: upload .xlsx or CSV (save an old .xls as .xlsx first).',
  },
  uploading: { 'zh-CN': '正在上传“{file}”…', en: 'Uploading “{file}”…' },
  uploadProgress: { 'zh-CN': '上传进度', en: 'Upload progress' },
  checking: { 'zh-CN': '上传完成，正在检查文件…', en: 'Uploaded; checking the file…' },
  writing: { 'zh-CN': '上传完成，正在导入…', en: 'Uploaded; importing…' },
  processing: { 'zh-CN': '正在处理', en: 'Processing' },

  checkTitle: { 'zh-CN': '检查结果：{file}', en: 'Check of {file}' },
  importedTitle: { 'zh-CN': '导入结果：{file}', en: 'Import of {file}' },
  refusedTitle: { 'zh-CN': '未导入：{file}', en: 'Not imported: {file}' },
  checkOk: {
    'zh-CN': '没有发现问题：导入将新增 {created} 条、修改 {updated} 条记录，{unchanged} 条不变。',
    en: 'No problems: importing adds {created} records and changes {updated}; {unchanged} stay as they are.',
  },
  checkNothing: {
    'zh-CN': '没有发现问题，但文件与现有目录完全一致，无需导入。',
    en: 'No problems, but the file matches the catalogue as it is: there is nothing to import.',
  },
  checkProblems: {
    'zh-CN': '发现 {n} 处问题。请修改文件后重新检查；有问题的文件不能导入。',
    en: '{n} problems found. Correct the file and check it again; a file with problems cannot be imported.',
  },
  refused: {
    'zh-CN': '文件存在 {n} 处问题，未写入任何数据。请修改后重新检查。',
    en: 'The file has {n} problems; nothing was written. Correct it and check it again.',
  },
  written: { 'zh-CN': '已导入：写入 {n} 条记录。', en: 'Imported: {n} records written.' },
  writtenNothing: {
    'zh-CN': '没有写入任何记录：目录已与文件一致。',
    en: 'Nothing was written: the catalogue already matches the file.',
  },
  firstShown: {
    'zh-CN': '仅列出前 {shown} 处问题（共 {n} 处）。',
    en: 'The first {shown} of {n} problems are listed.',
  },

  byKind: { 'zh-CN': '各类别记录数', en: 'Records by kind' },
  sheet: { 'zh-CN': '工作表', en: 'Sheet' },
  rows: { 'zh-CN': '行数', en: 'Rows' },
  created: { 'zh-CN': '新增', en: 'New' },
  updated: { 'zh-CN': '修改', en: 'Changed' },
  unchanged: { 'zh-CN': '不变', en: 'Unchanged' },
  ignoredColumns: { 'zh-CN': '未识别的列（已忽略）', en: 'Columns not recognised (ignored)' },
  seeList: { 'zh-CN': '查看{what}', en: 'Open {what}' },

  problems: { 'zh-CN': '问题清单', en: 'Problems' },
  row: { 'zh-CN': '行', en: 'Row' },
  column: { 'zh-CN': '列', en: 'Column' },
  field: { 'zh-CN': '列名', en: 'Column heading' },
  value: { 'zh-CN': '内容', en: 'Value' },
  message: { 'zh-CN': '问题', en: 'Problem' },
  cell: { 'zh-CN': '{sheet} 第 {row} 行 {column} 列', en: '{sheet} row {row} column {column}' },
});
