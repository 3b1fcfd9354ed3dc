import { outcomeLabels } from '../forms/labels.ts';
import { type Ledger, localDateTime } from '../ledger/export.ts';
import type { AccountabilityRow } from './queries.ts';

const named = (lang: string, zh: string | null, en: string | null) => (lang === 'en' && en ? en : zh);

/** The accountability register (问责台账): one row per person held to account, newest first. */
export function accountabilityLedger(timeZone: string): Ledger<AccountabilityRow> {
  return {
    name: { 'zh-CN': '问责台账', en: 'Accountability register' },
    columns: [
      {
        key: 'decidedAt',
        label: { 'zh-CN': '决定时间', en: 'Decided at' },
        width: 18,
        value: (r) => localDateTime(r.decidedAt, timeZone),
      },
      { key: 'form', label: { 'zh-CN': '改进记录编号', en: 'Form' }, width: 16, value: (r) => r.formNumber },
      { key: 'problem', label: { 'zh-CN': '问题描述', en: 'Problem' }, width: 48, value: (r) => r.problem },
      {
        key: 'person',
        label: { 'zh-CN': '责任人', en: 'Person' },
        value: (r, l) => named(l, r.personName, r.personNameEn),
      },
      {
        key: 'postCode',
        label: { 'zh-CN': '岗位编码', en: 'Post code' },
        width: 12,
        value: (r) => r.postCode,
      },
      {
        key: 'post',
        label: { 'zh-CN': '岗位', en: 'Post' },
        width: 24,
        value: (r, l) => named(l, r.postName, r.postNameEn),
      },
      {
        key: 'unit',
        label: { 'zh-CN': '单位', en: 'Unit' },
        width: 24,
        value: (r, l) => named(l, r.unitName, r.unitNameEn),
      },
      {
        key: 'outcome',
        label: { 'zh-CN': '问责结果', en: 'Outcome' },
        value: (r, l) => outcomeLabels[r.outcome]?.[l],
      },
      {
        key: 'situation',
        label: { 'zh-CN': '追责情形', en: 'Trigger' },
        width: 36,
        value: (r) => r.situation,
      },
      { key: 'basis', label: { 'zh-CN': '追责依据', en: 'Basis' }, width: 36, value: (r) => r.basis },
      { key: 'notes', label: { 'zh-CN': '说明', en: 'Notes' }, width: 36, value: (r) => r.notes },
      {
        key: 'decidedBy',
        label: { 'zh-CN': '决定人', en: 'Decided by' },
        value: (r, l) => named(l, r.decidedByName, r.decidedByNameEn),
      },
    ],
  };
}
