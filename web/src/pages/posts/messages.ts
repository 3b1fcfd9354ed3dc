import { defineMessages } from '../../i18n/i18n.ts';

export const postMessages = defineMessages({
  kind: { 'zh-CN': '岗位类型', en: 'Kind' },
  windowNo: { 'zh-CN': '窗口号', en: 'Window no.' },
  holders: { 'zh-CN': '在岗人员', en: 'Current holder(s)' },
  directlyResponsible: { 'zh-CN': '直接责任人', en: 'Directly responsible (holder)' },
  departmentHead: { 'zh-CN': '部门负责人', en: 'Department head' },
  leaderInCharge: { 'zh-CN': '分管领导', en: 'Leader in charge' },
  vacant: { 'zh-CN': '空缺', en: 'Vacant' },
  responsibilityStandard: { 'zh-CN': '岗位职责标准', en: 'Post responsibility standard' },
  chain: { 'zh-CN': '责任链', en: 'Responsibility chain' },
  since: { 'zh-CN': '（自 {date} 起）', en: '(since {date})' },
  separator: { 'zh-CN': '、', en: ', ' },
});
