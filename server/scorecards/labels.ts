/** The labels of the scorecards' enums, zh-CN and en: shared by the web app and the emails. */
type Label = { 'zh-CN': string; en: string };

export const bandLabels: Record<'excellent' | 'good' | 'pass' | 'fail', Label> = {
  excellent: { 'zh-CN': '优秀', en: 'Excellent' },
  good: { 'zh-CN': '良好', en: 'Good' },
  pass: { 'zh-CN': '合格', en: 'Pass' },
  fail: { 'zh-CN': '不合格', en: 'Fail' },
};

export const deductionLabels: Record<'overdue' | 'failed_check' | 'complaint' | 'reopened', Label> = {
  overdue: { 'zh-CN': '记录超期', en: 'Form overdue' },
  failed_check: { 'zh-CN': '督查不合格', en: 'Failed spot check' },
  complaint: { 'zh-CN': '有效投诉', en: 'Valid complaint' },
  reopened: { 'zh-CN': '关闭后重新打开', en: 'Reopened after closure' },
};
