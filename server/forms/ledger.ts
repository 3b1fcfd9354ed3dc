import type { Ledger } from '../ledger/export.ts';
import { localDateTime } from '../ledger/export.ts';
import { stageLabels } from '../catalog/labels.ts';
import { cardLabels, causeCategoryLabels, sourceLabels, statusLabels } from './labels.ts';
import type { formsLedgerBatch } from './queries.ts';
import type { Responsible } from './schema.ts';

type Row = Awaited<ReturnType<typeof formsLedgerBatch>>[number];

/** The forms ledger (改进记录台账): one row per form, in the order of the paper register. */
export function formsLedger(timeZone: string): Ledger<Row> {
  const named = (lang: string, zh: string, en: string) => (lang === 'en' && en ? en : zh);
  return {
    name: { 'zh-CN': '改进记录台账', en: 'Forms ledger' },
    columns: [
      { key: 'number', label: { 'zh-CN': '编号', en: 'Number' }, width: 16, value: (r) => r.number },
      {
        key: 'status',
        label: { 'zh-CN': '状态', en: 'Status' },
        width: 10,
        value: (r, l) => statusLabels[r.status]?.[l],
      },
      {
        key: 'source',
        label: { 'zh-CN': '问题来源', en: 'Source' },
        value: (r, l) => sourceLabels[r.source]?.[l],
      },
      { key: 'grade', label: { 'zh-CN': '风险等级', en: 'Grade' }, width: 8, value: (r) => r.grade },
      {
        key: 'card',
        label: { 'zh-CN': '预警', en: 'Card' },
        width: 10,
        value: (r, l) => cardLabels[r.card]?.[l],
      },
      { key: 'problem', label: { 'zh-CN': '问题描述', en: 'Problem' }, width: 48, value: (r) => r.problem },
      {
        key: 'unit',
        label: { 'zh-CN': '责任单位', en: 'Unit' },
        width: 24,
        value: (r, l) => named(l, r.unitName, r.unitNameEn),
      },
      {
        key: 'postCode',
        label: { 'zh-CN': '岗位编码', en: 'Post code' },
        width: 12,
        value: (r) => r.postCode,
      },
      {
        key: 'post',
        label: { 'zh-CN': '责任岗位', en: 'Post' },
        width: 24,
        value: (r, l) => named(l, r.postName, r.postNameEn),
      },
      {
        key: 'holders',
        label: { 'zh-CN': '岗位责任人', en: 'Post holders' },
        value: (r, l) =>
          (r.responsible as Responsible).holders.map((h) => named(l, h.name, h.nameEn)).join('、'),
      },
      {
        key: 'stage',
        label: { 'zh-CN': '审批环节', en: 'Stage' },
        width: 10,
        value: (r, l) => (r.stage ? stageLabels[r.stage]?.[l] : null),
      },
      {
        key: 'riskPoint',
        label: { 'zh-CN': '风险点编码', en: 'Risk point' },
        width: 14,
        value: (r) => r.riskCode,
      },
      {
        key: 'occurredOn',
        label: { 'zh-CN': '发生日期', en: 'Occurred on' },
        type: 'date',
        value: (r) => r.occurredOn,
      },
      {
        key: 'foundOn',
        label: { 'zh-CN': '发现日期', en: 'Found on' },
        type: 'date',
        value: (r) => r.foundOn,
      },
      {
        key: 'filedOn',
        label: { 'zh-CN': '登记日期', en: 'Filed on' },
        type: 'date',
        value: (r) => r.filedOn,
      },
      {
        key: 'deadline',
        label: { 'zh-CN': '整改期限', en: 'Deadline' },
        type: 'date',
        value: (r) => r.deadline,
      },
      {
        key: 'causeCategory',
        label: { 'zh-CN': '原因类别', en: 'Cause category' },
        value: (r, l) => {
          const category = (r.rootCause as { category?: string } | null)?.category;
          return category ? causeCategoryLabels[category]?.[l] : null;
        },
      },
      {
        key: 'closedAt',
        label: { 'zh-CN': '关闭时间', en: 'Closed at' },
        type: 'datetime',
        width: 16,
        value: (r) => localDateTime(r.closedAt, timeZone),
      },
    ],
  };
}
