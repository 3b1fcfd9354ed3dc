import type { Message } from '../../i18n/i18n.ts';

/** The labels of a check's enums (督查/抽查), zh-CN and en, in the order they are offered. */

export const methodLabels: Record<string, Message> = {
  phone: { 'zh-CN': '电话回访', en: 'Phone callback' },
  on_site: { 'zh-CN': '现场检查', en: 'On-site check' },
  file_review: { 'zh-CN': '案卷评查', en: 'Case file review' },
  e_supervision: { 'zh-CN': '电子监察', en: 'E-supervision' },
};

export const resultLabels: Record<string, Message> = {
  pass: { 'zh-CN': '通过', en: 'Pass' },
  fail: { 'zh-CN': '未通过', en: 'Fail' },
};

export const kindLabels: Record<string, Message> = {
  routine: { 'zh-CN': '日常抽查', en: 'Routine check' },
  recheck: { 'zh-CN': '整改复查', en: 'Re-check' },
};

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
