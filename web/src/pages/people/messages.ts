import { defineMessages, type Message } from '../../i18n/i18n.ts';

export const peopleMessages = defineMessages({
  intro: {
    'zh-CN': '中心的窗口和科室工作人员、督查人员、领导和管理员。角色决定可以做什么，单位决定可以看到的范围。',
    en: 'Window and office staff, supervisors, leaders and administrators. Roles set what a person may do; the unit sets the scope they see.',
  },
  textHint: { 'zh-CN': '姓名或电子邮箱', en: 'Name or email' },
  role: { 'zh-CN': '角色', en: 'Role' },
  allRoles: { 'zh-CN': '全部角色', en: 'All roles' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  nameZh: { 'zh-CN': '中文姓名', en: 'Name (Chinese)' },
  nameEn: { 'zh-CN': '英文姓名', en: 'Name (English)' },
  email: { 'zh-CN': '电子邮箱', en: 'Email' },
  roles: { 'zh-CN': '角色', en: 'Roles' },
  active: { 'zh-CN': '状态', en: 'Active' },
  activeYes: { 'zh-CN': '在用', en: 'Active' },
  activeNo: { 'zh-CN': '已停用', en: 'Inactive' },
  activeLabel: {
    'zh-CN': '账号在用（取消勾选即停用，并结束其登录）',
    en: 'Account active (untick to deactivate and end their sessions)',
  },
  locale: { 'zh-CN': '界面语言', en: 'Language' },
  actions: { 'zh-CN': '操作', en: 'Actions' },
  editPerson: { 'zh-CN': '编辑 {name}', en: 'Edit {name}' },
  editTitle: { 'zh-CN': '编辑人员：{name}', en: 'Edit person: {name}' },
  addPerson: { 'zh-CN': '新增人员', en: 'Add person' },
  password: { 'zh-CN': '新密码', en: 'New password' },
  passwordKeep: {
    'zh-CN': '留空则不修改；修改后该人员需重新登录。至少 10 个字符。',
    en: 'Leave blank to keep it; a change signs the person out. At least 10 characters.',
  },
  passwordNew: {
    'zh-CN': '可选；不设置则该人员暂不能登录。至少 10 个字符。',
    en: 'Optional; without one the person cannot sign in yet. At least 10 characters.',
  },
  created: { 'zh-CN': '已新增人员 {name}。', en: '{name} was added.' },
  updated: { 'zh-CN': '已保存 {name} 的修改。', en: 'Changes to {name} are saved.' },
  unchanged: { 'zh-CN': '没有修改。', en: 'Nothing was changed.' },
  unitHint: { 'zh-CN': '输入单位名称或编码查找', en: 'Type a unit name or code' },
  loadingPerson: { 'zh-CN': '正在读取人员信息…', en: 'Reading the person…' },
});

export const localeNames: Record<string, Message> = {
  'zh-CN': { 'zh-CN': '中文', en: 'Chinese' },
  en: { 'zh-CN': '英文', en: 'English' },
};
