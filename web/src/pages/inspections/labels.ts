import type { Message } from '../../i18n/i18n.ts';

/** The labels of a check's enums (督查/抽查), zh-CN and en, in the order they are offered. */
export { kindLabels, methodLabels, resultLabels } from '../../../../server/inspections/labels.ts';

/** Where a due check stands this month. */
export const dueStatusLabels: Record<string, Message> = {
  overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
  due: { 'zh-CN': '待检查', en: 'Due' },
  checked: { 'zh-CN': '已检查', en: 'Checked' },
};

/** Which due checks the list shows. */
export const includeLabels: Record<string, Message> = {
  outstanding: { 'zh-CN': '尚未检查的', en: 'Not yet checked' },
  all: { 'zh-CN': '全部（含已检查）', en: 'All (checked too)' },
};
