import { defineMessages } from '../../i18n/i18n.ts';

/** The words of the dashboard and its monthly A4 sheet. */
export const dashboardMessages = defineMessages({
  title: { 'zh-CN': '工作看板', en: 'Dashboard' },
  intro: {
    'zh-CN':
      '按期办结率对照 100% 的目标，在办和超期的记录，问题来源与原因，督查覆盖率，反复出现的问题（举一反三），逐月趋势和单位排名。',
    en: 'On-time closure against the 100% target, forms open and overdue, where problems come from and why, inspection coverage, problems that come back (learn from one case, fix the others), the monthly trend and a ranking of units.',
  },
  from: { 'zh-CN': '开始日期', en: 'From' },
  to: { 'zh-CN': '结束日期', en: 'To' },
  scope: { 'zh-CN': '范围：{unit}', en: 'Scope: {unit}' },
  yourUnits: { 'zh-CN': '全部单位', en: 'All units' },
  period: { 'zh-CN': '{from} 至 {to}；在办数据截至 {today}', en: '{from} to {to}; open forms as of {today}' },
  print: { 'zh-CN': '打印看板', en: 'Print the dashboard' },
  monthlySheet: { 'zh-CN': '月度报表（A4）', en: 'Monthly sheet (A4)' },

  onTimeRate: { 'zh-CN': '按期办结率', en: 'On-time closure rate' },
  target: { 'zh-CN': '目标 {target}', en: 'Target {target}' },
  metTarget: { 'zh-CN': '已达标', en: 'Target met' },
  belowTarget: { 'zh-CN': '未达标', en: 'Below target' },
  onTimeOfClosed: {
    'zh-CN': '办结 {closed} 件，其中按期 {onTime} 件',
    en: '{onTime} of {closed} closed on time',
  },
  noneClosed: { 'zh-CN': '期间没有办结的记录', en: 'Nothing closed in this range' },
  openForms: { 'zh-CN': '在办记录', en: 'Open forms' },
  overdueOf: {
    'zh-CN': '超期（红牌）{overdue} 件 · 黄牌 {yellow} 件',
    en: '{overdue} overdue (red card) · {yellow} yellow',
  },
  avgDays: { 'zh-CN': '平均办结用时', en: 'Average time to close' },
  workingDays: { 'zh-CN': '{days} 个工作日', en: '{days} working days' },
  avgDaysNote: {
    'zh-CN': '从登记到关闭，按法定工作日计',
    en: 'From filing to closing, in statutory working days',
  },
  noAvg: { 'zh-CN': '—', en: '—' },

  trend: { 'zh-CN': '逐月趋势', en: 'Month by month' },
  month: { 'zh-CN': '月份', en: 'Month' },
  filed: { 'zh-CN': '登记', en: 'Filed' },
  closed: { 'zh-CN': '办结', en: 'Closed' },
  onTime: { 'zh-CN': '按期办结', en: 'On time' },
  rate: { 'zh-CN': '按期率', en: 'On-time rate' },
  count: { 'zh-CN': '件数', en: 'Forms' },

  openByGrade: { 'zh-CN': '在办记录（按风险等级）', en: 'Open forms by grade' },
  openByCard: { 'zh-CN': '在办记录（按预警）', en: 'Open forms by warning card' },
  bySource: { 'zh-CN': '发现的问题（按来源）', en: 'Problems found, by source' },
  byCause: { 'zh-CN': '发现的问题（按原因类别）', en: 'Problems found, by root cause' },
  byCauseNote: { 'zh-CN': '仅含已填写原因分析的记录', en: 'Only forms whose root cause is recorded' },
  source: { 'zh-CN': '来源', en: 'Source' },
  cause: { 'zh-CN': '原因类别', en: 'Root cause' },
  card: { 'zh-CN': '预警', en: 'Card' },
  coverage: { 'zh-CN': '{month}督查覆盖率（按风险等级）', en: 'Inspection coverage in {month}, by grade' },
  due: { 'zh-CN': '应查', en: 'Due' },
  checked: { 'zh-CN': '已查', en: 'Checked' },
  coverageRate: { 'zh-CN': '覆盖率', en: 'Rate' },

  recurrence: {
    'zh-CN': '举一反三：90 天内反复出现的问题',
    en: 'Problems that come back: two or more forms in 90 days',
  },
  recurrenceNote: {
    'zh-CN': '截至 {to} 的 90 天内，同一风险防控点或岗位发现两次及以上问题。',
    en: 'Risk control points and posts with two or more forms found in the 90 days to {to}.',
  },
  noRecurrence: { 'zh-CN': '没有反复出现的问题。', en: 'No problem came back.' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  riskPoint: { 'zh-CN': '风险防控点', en: 'Risk control point' },
  post: { 'zh-CN': '岗位', en: 'Post' },
  what: { 'zh-CN': '风险点 / 岗位', en: 'Risk point / post' },
  forms: { 'zh-CN': '记录数', en: 'Forms' },
  lastFound: { 'zh-CN': '最近发现', en: 'Last found' },
  seeForms: { 'zh-CN': '查看记录', en: 'See the forms' },

  ranking: { 'zh-CN': '单位排名', en: 'Ranking of units' },
  rankingNote: {
    'zh-CN':
      '下级单位（含其所属单位）按期办结率从高到低，相同时超期少者在前；期间无办结的排在最后。点击单位查看其看板。',
    en: 'The units below, each with everything under it: highest on-time rate first, then fewest overdue; units with nothing closed last. Open a unit for its dashboard.',
  },
  noUnits: { 'zh-CN': '没有下级单位。', en: 'No units below this one.' },
  rank: { 'zh-CN': '名次', en: 'Rank' },
  open: { 'zh-CN': '在办', en: 'Open' },
  overdue: { 'zh-CN': '超期', en: 'Overdue' },

  sheetTitle: { 'zh-CN': '持续改进月度报表', en: 'Continuous improvement: monthly figures' },
  sheetFor: { 'zh-CN': '{unit} · {month}', en: '{unit} · {month}' },
  backToDashboard: { 'zh-CN': '← 返回看板', en: '← Back to the dashboard' },
  printSheet: { 'zh-CN': '打印', en: 'Print' },
  sheetTip: {
    'zh-CN': '按 A4 纵向打印；打印时不显示本行和按钮。',
    en: 'Prints on one A4 page, portrait; this line and the buttons are not printed.',
  },
  keyFigures: { 'zh-CN': '主要指标', en: 'Key figures' },
  figure: { 'zh-CN': '指标', en: 'Figure' },
  value: { 'zh-CN': '数值', en: 'Value' },
  andMore: { 'zh-CN': '另有 {n} 项未列出', en: 'and {n} more' },
  printedAt: { 'zh-CN': '打印时间：{at}', en: 'Printed {at}' },
});
