import { defineMessages, type Message } from './i18n.ts';

export const common = defineMessages({
  appName: { 'zh-CN': '一事一表 · 持续改进', en: 'Rectify · one issue, one form' },
  centre: { 'zh-CN': '政务服务中心', en: 'Government Service Centre' },
  skipToContent: { 'zh-CN': '跳到主要内容', en: 'Skip to main content' },
  menu: { 'zh-CN': '菜单', en: 'Menu' },
  language: { 'zh-CN': '语言', en: 'Language' },
  switchLanguage: { 'zh-CN': 'English', en: '中文' },
  switchLanguageLabel: { 'zh-CN': 'Switch to English', en: '切换到中文' },
  signOut: { 'zh-CN': '退出登录', en: 'Sign out' },
  signedInAs: { 'zh-CN': '当前用户：{name}', en: 'Signed in as {name}' },
  loading: { 'zh-CN': '正在加载…', en: 'Loading…' },
  loadMore: { 'zh-CN': '加载更多', en: 'Load more' },
  shownOfTotal: { 'zh-CN': '已显示 {shown} / 共 {total} 条', en: 'Showing {shown} of {total}' },
  noResults: { 'zh-CN': '没有符合条件的记录。', en: 'Nothing matches these filters.' },
  search: { 'zh-CN': '搜索', en: 'Search' },
  filters: { 'zh-CN': '筛选', en: 'Filters' },
  all: { 'zh-CN': '全部', en: 'All' },
  clear: { 'zh-CN': '清除筛选', en: 'Clear filters' },
  back: { 'zh-CN': '返回', en: 'Back' },
  save: { 'zh-CN': '保存', en: 'Save' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  edit: { 'zh-CN': '编辑', en: 'Edit' },
  add: { 'zh-CN': '新增', en: 'Add' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  expand: { 'zh-CN': '展开', en: 'Expand' },
  collapse: { 'zh-CN': '收起', en: 'Collapse' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  none: { 'zh-CN': '无', en: 'None' },
  code: { 'zh-CN': '编码', en: 'Code' },
  name: { 'zh-CN': '名称', en: 'Name' },
  unit: { 'zh-CN': '单位', en: 'Unit' },
  post: { 'zh-CN': '岗位', en: 'Post' },
  approvalItem: { 'zh-CN': '审批事项', en: 'Approval item' },
  stage: { 'zh-CN': '办理环节', en: 'Stage' },
  grade: { 'zh-CN': '风险等级', en: 'Grade' },
  errorTitle: { 'zh-CN': '出错了', en: 'Something went wrong' },
  retry: { 'zh-CN': '重试', en: 'Try again' },
  notFound: { 'zh-CN': '找不到该页面或记录。', en: 'That page or record does not exist.' },
  forbidden: { 'zh-CN': '您没有权限执行此操作。', en: 'You may not do this.' },
  sessionExpired: {
    'zh-CN': '登录已过期，请重新登录。',
    en: 'Your session has ended; please sign in again.',
  },
  networkError: {
    'zh-CN': '无法连接服务器，请检查网络后重试。',
    en: 'Cannot reach the server; check the network and try again.',
  },
  staleRecord: {
    'zh-CN': '该记录已被他人修改，请刷新后重试。',
    en: 'Someone else changed this record; reload and try again.',
  },
  saved: { 'zh-CN': '已保存', en: 'Saved' },
});

export const nav = defineMessages({
  catalogue: { 'zh-CN': '基础目录', en: 'Catalogue' },
  units: { 'zh-CN': '单位', en: 'Units' },
  posts: { 'zh-CN': '岗位', en: 'Posts' },
  people: { 'zh-CN': '人员', en: 'People' },
  approvalItems: { 'zh-CN': '审批事项', en: 'Approval items' },
  standards: { 'zh-CN': '标准体系', en: 'Standards' },
  responsibilityPoints: { 'zh-CN': '责任点', en: 'Responsibility points' },
  riskPoints: { 'zh-CN': '风险防控点', en: 'Risk control points' },
  settings: { 'zh-CN': '系统设置', en: 'Settings' },
  apiDocs: { 'zh-CN': '接口文档', en: 'API reference' },
  work: { 'zh-CN': '持续改进', en: 'Improvement' },
  myWork: { 'zh-CN': '我的工作台', en: 'My work' },
  forms: { 'zh-CN': '改进记录', en: 'Forms' },
  fileForm: { 'zh-CN': '登记问题', en: 'File a form' },
  oversight: { 'zh-CN': '监督', en: 'Oversight' },
  audit: { 'zh-CN': '审计留痕', en: 'Audit trail' },
  inspections: { 'zh-CN': '督查抽查', en: 'Inspections' },
  coverage: { 'zh-CN': '督查覆盖率', en: 'Inspection coverage' },
  mailGroup: { 'zh-CN': '邮件通知', en: 'Email' },
  mail: { 'zh-CN': '邮件', en: 'Mail' },
  digests: { 'zh-CN': '月度汇总回执', en: 'Digest receipts' },
  mailPreferences: { 'zh-CN': '邮件通知设置', en: 'Mail preferences' },
});

export const stages: Record<string, Message> = {
  accept: { 'zh-CN': '受理', en: 'Accept' },
  review: { 'zh-CN': '审查', en: 'Review' },
  decide: { 'zh-CN': '决定', en: 'Decide' },
  complete: { 'zh-CN': '办结', en: 'Complete' },
  deliver: { 'zh-CN': '送达', en: 'Deliver' },
  post_supervision: { 'zh-CN': '事后监管', en: 'Post-approval supervision' },
};

export const grades: Record<string, Message> = {
  A: { 'zh-CN': 'A级（高）', en: 'Grade A (high)' },
  B: { 'zh-CN': 'B级（中）', en: 'Grade B (medium)' },
  C: { 'zh-CN': 'C级（低）', en: 'Grade C (low)' },
};

export const riskCategories: Record<string, Message> = {
  post_duty: { 'zh-CN': '岗位职责风险', en: 'Post duty' },
  process: { 'zh-CN': '业务流程风险', en: 'Process' },
  institutional: { 'zh-CN': '制度机制风险', en: 'Institutional' },
  moral: { 'zh-CN': '思想道德风险', en: 'Moral' },
  external: { 'zh-CN': '外部环境风险', en: 'External' },
};

export const unitLevels: Record<string, Message> = {
  city: { 'zh-CN': '市级', en: 'City' },
  district: { 'zh-CN': '区县级', en: 'District / county' },
  town: { 'zh-CN': '乡镇（街道）', en: 'Town' },
  village: { 'zh-CN': '村（社区）', en: 'Village / community' },
};

export const unitKinds: Record<string, Message> = {
  centre: { 'zh-CN': '政务服务中心', en: 'Service centre' },
  department: { 'zh-CN': '部门', en: 'Department' },
  section: { 'zh-CN': '科室', en: 'Section' },
  government: { 'zh-CN': '人民政府', en: 'Local government' },
};

export const postKinds: Record<string, Message> = {
  window: { 'zh-CN': '窗口岗位', en: 'Window post' },
  office: { 'zh-CN': '科室岗位', en: 'Office post' },
};

export const roles: Record<string, Message> = {
  holder: { 'zh-CN': '岗位责任人', en: 'Post holder' },
  supervisor: { 'zh-CN': '督查人员', en: 'Supervisor' },
  leader: { 'zh-CN': '领导', en: 'Leader' },
  admin: { 'zh-CN': '管理员', en: 'Administrator' },
};
