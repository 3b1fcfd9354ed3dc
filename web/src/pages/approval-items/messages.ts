import { defineMessages } from '../../i18n/i18n.ts';

export const itemMessages = defineMessages({
  statutoryDays: { 'zh-CN': '法定时限', en: 'Statutory limit' },
  promisedDays: { 'zh-CN': '承诺时限', en: 'Promised limit' },
  workingDays: { 'zh-CN': '{n} 个工作日', en: '{n} working days' },
  onTheSpot: { 'zh-CN': '即办', en: 'On the spot' },
  stages: { 'zh-CN': '办理环节', en: 'Stages' },
  preconditions: { 'zh-CN': '前置条件', en: 'Pre-approval conditions' },
  legalBasis: { 'zh-CN': '设定依据', en: 'Legal basis' },
  serviceGuide: { 'zh-CN': '办事指南', en: 'Service guide' },
});
