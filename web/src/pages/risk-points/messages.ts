import { defineMessages } from '../../i18n/i18n.ts';

export const riskMessages = defineMessages({
  category: { 'zh-CN': '风险类别', en: 'Category' },
  likelihood: { 'zh-CN': '发生可能性', en: 'Likelihood' },
  impact: { 'zh-CN': '影响程度', en: 'Impact' },
  discretion: { 'zh-CN': '自由裁量度', en: 'Discretion' },
  controlMeasures: { 'zh-CN': '防控措施', en: 'Control measures' },
  responsiblePerson: { 'zh-CN': '责任人', en: 'Responsible person' },
  accountableLeader: { 'zh-CN': '责任领导', en: 'Accountable leader' },
  supervisionMethod: { 'zh-CN': '监督方式', en: 'Supervision method' },
  gradeHistory: { 'zh-CN': '等级评定记录', en: 'Grade history' },
  changedAt: { 'zh-CN': '时间', en: 'When' },
  changedBy: { 'zh-CN': '调整人', en: 'Changed by' },
  confirmedBy: { 'zh-CN': '确认人（督查）', en: 'Confirmed by (supervisor)' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  fromTo: { 'zh-CN': '{from} → {to}', en: '{from} → {to}' },
  initial: { 'zh-CN': '初始评定', en: 'Initial grading' },
  changeGrade: { 'zh-CN': '调整等级', en: 'Change grade' },
  history: { 'zh-CN': '变更记录', en: 'History' },
  suggested: { 'zh-CN': '建议等级（按评分）', en: 'Suggested grade (from the scores)' },
  sumRule: {
    'zh-CN': '三项评分合计 {sum}：8 分及以上为 A，6–7 分为 B，5 分及以下为 C',
    en: 'the three scores add up to {sum}: 8 or more is A, 6 or 7 is B, 5 or less is C',
  },
  differs: {
    'zh-CN': '所选等级与建议不同，请在原因中说明。',
    en: 'The grade chosen differs from the suggestion: say why in the reason.',
  },
  useSuggested: { 'zh-CN': '采用建议等级', en: 'Use the suggested grade' },
  forms: { 'zh-CN': '关联的改进记录', en: 'Forms naming this point' },
  noForms: { 'zh-CN': '尚无关联的改进记录。', en: 'No form names this point yet.' },
  score: { 'zh-CN': '{n} / 3', en: '{n} of 3' },
});
