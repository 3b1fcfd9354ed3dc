/** The labels of the improvement form's enums (持续改进记录表), zh-CN and en, in the order they are offered:
 * shared by the web app and the emails. */
type Label = { 'zh-CN': string; en: string };

export const statusLabels: Record<string, Label> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  open: { 'zh-CN': '已登记', en: 'Open' },
  in_progress: { 'zh-CN': '整改中', en: 'In progress' },
  verifying: { 'zh-CN': '待验证', en: 'Verifying' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
  cancelled: { 'zh-CN': '已撤销', en: 'Cancelled' },
};

export const sourceLabels: Record<string, Label> = {
  self_inspection: { 'zh-CN': '自查', en: 'Self-inspection' },
  spot_check: { 'zh-CN': '督查抽查', en: 'Supervisor spot check' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  service_rating: { 'zh-CN': '服务评价', en: 'Service rating' },
  e_supervision: { 'zh-CN': '电子监察预警', en: 'E-supervision warning' },
  assessment: { 'zh-CN': '考核', en: 'Assessment' },
};

export const cardLabels: Record<string, Label> = {
  none: { 'zh-CN': '无预警', en: 'No card' },
  yellow: { 'zh-CN': '黄牌', en: 'Yellow card' },
  red: { 'zh-CN': '红牌', en: 'Red card' },
};

/** The cards a list can filter by (no card is not offered as a filter of its own). */
export const warningCardLabels: Record<string, Label> = {
  yellow: { 'zh-CN': '黄牌（临近期限）', en: 'Yellow card (deadline near)' },
  red: { 'zh-CN': '红牌（已超期）', en: 'Red card (overdue)' },
};

export const causeCategoryLabels: Record<string, Label> = {
  people: { 'zh-CN': '人员因素', en: 'People' },
  process: { 'zh-CN': '流程因素', en: 'Process' },
  system: { 'zh-CN': '系统与设备', en: 'Systems and equipment' },
  standard_or_guide: { 'zh-CN': '标准或办事指南', en: 'Standard or service guide' },
  materials_or_environment: { 'zh-CN': '材料或环境', en: 'Materials or environment' },
};

export const measureKindLabels: Record<string, Label> = {
  immediate: { 'zh-CN': '立行立改', en: 'Immediate' },
  systemic: { 'zh-CN': '建章立制', en: 'Systemic' },
};

export const verificationMethodLabels: Record<string, Label> = {
  on_site: { 'zh-CN': '现场核查', en: 'On site' },
  file_review: { 'zh-CN': '查阅资料', en: 'File review' },
  phone: { 'zh-CN': '电话回访', en: 'Phone callback' },
  data_check: { 'zh-CN': '数据核查', en: 'Data check' },
};

export const verificationResultLabels: Record<string, Label> = {
  pass: { 'zh-CN': '通过', en: 'Passed' },
  fail: { 'zh-CN': '不通过', en: 'Failed' },
};

export const outcomeLabels: Record<string, Label> = {
  none: { 'zh-CN': '不予追责', en: 'None' },
  reminder_talk: { 'zh-CN': '提醒谈话', en: 'Reminder talk' },
  criticism: { 'zh-CN': '批评教育', en: 'Criticism' },
  performance_deduction: { 'zh-CN': '绩效扣分', en: 'Performance deduction' },
  referral: { 'zh-CN': '移送处理', en: 'Referral' },
};
