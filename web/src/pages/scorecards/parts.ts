import { css, html } from 'lit';
import type { ScoreBand } from '../../api/scorecards.ts';
import { bandLabels, deductionLabels } from '../../../../server/scorecards/labels.ts';
import { defineMessages, formatNumber, t } from '../../i18n/i18n.ts';

/** The words of the scorecard pages (岗位月度考评) and their A4 ranking. */
export const scorecardMessages = defineMessages({
  title: { 'zh-CN': '月度考评', en: 'Monthly scorecards' },
  intro: {
    'zh-CN':
      '每个岗位每月从 100 分起算，按设置中的规则扣分：记录超期每个工作日、风险点督查不合格、有效投诉、关闭后被重新打开。单位得分为其岗位的平均分。',
    en: 'Each post starts a month at 100 points and loses points by the rules in settings: per working day a form is overdue, per failed spot check of its risk points, per valid complaint, per form reopened after closure. A unit scores the average of its posts.',
  },
  month: { 'zh-CN': '月份', en: 'Month' },
  live: { 'zh-CN': '当月未结转：截至今天的实时得分', en: 'Not closed yet: live figures up to today' },
  closedOn: { 'zh-CN': '已于 {at} 结转（冻结）', en: 'Closed (frozen) on {at}' },
  posts: { 'zh-CN': '岗位排名', en: 'Posts' },
  units: { 'zh-CN': '单位排名', en: 'Units' },
  post: { 'zh-CN': '岗位', en: 'Post' },
  rank: { 'zh-CN': '名次', en: 'Rank' },
  score: { 'zh-CN': '得分', en: 'Score' },
  average: { 'zh-CN': '平均分', en: 'Average' },
  postsCount: { 'zh-CN': '岗位数', en: 'Posts' },
  change: { 'zh-CN': '较上月', en: 'Change' },
  band: { 'zh-CN': '等次', en: 'Band' },
  flagged: { 'zh-CN': '约谈', en: 'Formal talk' },
  flaggedNote: {
    'zh-CN': '连续两个月处于最低等次，已提醒分管领导约谈',
    en: 'In the bottom band two months running; the leader in charge has been told to hold a formal talk',
  },
  none: { 'zh-CN': '没有可显示的岗位。', en: 'No posts to show.' },
  noUnits: { 'zh-CN': '没有下级单位。', en: 'No units below.' },
  print: { 'zh-CN': '打印排名（A4）', en: 'Print the ranking (A4)' },
  more: { 'zh-CN': '另有 {n} 个岗位', en: '{n} more posts' },
  deductions: { 'zh-CN': '扣分明细', en: 'Deductions' },
  noDeductions: { 'zh-CN': '本月没有扣分。', en: 'No deductions this month.' },
  cause: { 'zh-CN': '原因', en: 'Cause' },
  source: { 'zh-CN': '依据', en: 'Behind it' },
  points: { 'zh-CN': '扣分', en: 'Points' },
  onDate: { 'zh-CN': '日期', en: 'Date' },
  overdueDays: { 'zh-CN': '超期 {days} 个工作日', en: '{days} working days overdue' },
  inspection: { 'zh-CN': '督查 #{id}', en: 'Check #{id}' },
  adjustments: { 'zh-CN': '结转后调整', en: 'Adjustments after closing' },
  noAdjustments: { 'zh-CN': '没有调整。', en: 'No adjustments.' },
  frozenScore: {
    'zh-CN': '冻结得分 {score}，调整 {adjustment}，合计 {total}',
    en: 'Frozen score {score}, adjusted {adjustment}, total {total}',
  },
  adjust: { 'zh-CN': '调整得分', en: 'Adjust the score' },
  adjustPoints: { 'zh-CN': '分值（负数为扣分）', en: 'Points (negative takes off)' },
  reason: { 'zh-CN': '理由', en: 'Reason' },
  save: { 'zh-CN': '保存调整', en: 'Save the adjustment' },
  by: { 'zh-CN': '{name}，{at}', en: '{name}, {at}' },
  backToRanking: { 'zh-CN': '返回排名', en: 'Back to the ranking' },
  talkMonths: { 'zh-CN': '约谈记录：{months}', en: 'Formal talks flagged: {months}' },
  sheetTitle: { 'zh-CN': '岗位月度考评排名', en: 'Monthly post ranking' },
  sheetFor: { 'zh-CN': '{unit} · {month}', en: '{unit} · {month}' },
  printSheet: { 'zh-CN': '打印', en: 'Print' },
  sheetTip: { 'zh-CN': '在打印对话框中选择 A4 纵向。', en: 'Choose A4 portrait in the print dialogue.' },
  printedAt: { 'zh-CN': '打印于 {at}', en: 'Printed {at}' },
  allUnits: { 'zh-CN': '全部单位', en: 'All units' },
});

export { bandLabels, deductionLabels };

export const scorecardStyles = css`
  .band { font-weight: 600; }
  .band-excellent { background: #dcfce7; border-color: #15803d; color: #14532d; }
  .band-good { background: #dbeafe; border-color: #1d4ed8; color: #1e3a8a; }
  .band-pass { background: #fef9c3; border-color: #a16207; color: #713f12; }
  .band-fail { background: #fee2e2; border-color: #b91c1c; color: #7f1d1d; }
  .flag { background: #b91c1c; border-color: #b91c1c; color: #fff; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .down { color: #b42318; }
  .up { color: #1a7f37; }
`;

export function bandChip(band: ScoreBand | null) {
  return band
    ? html`<span class="chip band band-${band}" data-band=${band}>${t(bandLabels[band])}</span>`
    : '—';
}

export function flagChip() {
  return html`<span class="chip flag" title=${t(scorecardMessages.flaggedNote)}>${t(scorecardMessages.flagged)}</span>`;
}

/** A change from last month, signed; "—" when last month had no score. */
export function changeText(change: number | null) {
  if (change === null) return html`<span class="muted">—</span>`;
  const text = `${change > 0 ? '+' : ''}${formatNumber(change)}`;
  return html`<span class=${change < 0 ? 'down' : change > 0 ? 'up' : ''}>${text}</span>`;
}
