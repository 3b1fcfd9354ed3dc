import { gradeLabels } from '../catalog/labels.ts';
import type { Ledger } from '../ledger/export.ts';
import { kindLabels, methodLabels, resultLabels } from './labels.ts';
import type { InspectionRow } from './queries.ts';

const named = (lang: string, zh: string, en: string) => (lang === 'en' && en ? en : zh);

/** The checks ledger (督查抽查台账): one row per check, newest first. */
export const inspectionsLedger: Ledger<InspectionRow> = {
  name: { 'zh-CN': '督查抽查台账', en: 'Inspections ledger' },
  columns: [
    {
      key: 'checkedOn',
      label: { 'zh-CN': '检查日期', en: 'Checked on' },
      type: 'date',
      value: (r) => r.checkedOn,
    },
    { key: 'kind', label: { 'zh-CN': '类型', en: 'Kind' }, value: (r, l) => kindLabels[r.kind]?.[l] },
    {
      key: 'method',
      label: { 'zh-CN': '检查方式', en: 'Method' },
      value: (r, l) => methodLabels[r.method]?.[l],
    },
    {
      key: 'result',
      label: { 'zh-CN': '结果', en: 'Result' },
      width: 8,
      value: (r, l) => resultLabels[r.result]?.[l],
    },
    {
      key: 'unit',
      label: { 'zh-CN': '单位', en: 'Unit' },
      width: 24,
      value: (r, l) => named(l, r.unitName, r.unitNameEn),
    },
    { key: 'postCode', label: { 'zh-CN': '岗位编码', en: 'Post code' }, width: 12, value: (r) => r.postCode },
    {
      key: 'post',
      label: { 'zh-CN': '岗位', en: 'Post' },
      width: 24,
      value: (r, l) => named(l, r.postName, r.postNameEn),
    },
    {
      key: 'riskPoint',
      label: { 'zh-CN': '风险点编码', en: 'Risk point' },
      width: 14,
      value: (r) => r.rpCode,
    },
    {
      key: 'grade',
      label: { 'zh-CN': '风险等级', en: 'Grade' },
      width: 12,
      value: (r, l) => (r.rpGrade ? gradeLabels[r.rpGrade]?.[l] : null),
    },
    { key: 'caseRef', label: { 'zh-CN': '案卷号', en: 'Case reference' }, value: (r) => r.caseRef },
    { key: 'notes', label: { 'zh-CN': '检查情况', en: 'Notes' }, width: 48, value: (r) => r.notes },
    {
      key: 'inspector',
      label: { 'zh-CN': '检查人', en: 'Inspector' },
      value: (r, l) => named(l, r.inspectorName, r.inspectorNameEn),
    },
    {
      key: 'form',
      label: { 'zh-CN': '开具的改进记录', en: 'Form opened' },
      width: 16,
      value: (r) => r.formNumber,
    },
    {
      key: 'recheckOf',
      label: { 'zh-CN': '复查的改进记录', en: 'Re-check of' },
      width: 16,
      value: (r) => r.recheckNumber,
    },
  ],
};
