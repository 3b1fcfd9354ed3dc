import type { Message } from '../../i18n/i18n.ts';

/** The labels of the mail domain's enums, zh-CN and en, in the order they are offered. */

/** Each message the app sends, by template, in words a recipient knows it by. */
export const templateLabels: Record<string, Message> = {
  'form-filed': { 'zh-CN': '新登记的改进记录', en: 'A form filed on your post' },
  'verification-requested': { 'zh-CN': '改进记录待验证', en: 'A form ready for verification' },
  'form-status': { 'zh-CN': '改进记录状态变化', en: 'A form closed, cancelled or reopened' },
  reminder: { 'zh-CN': '每日提醒', en: 'Daily reminder' },
  digest: { 'zh-CN': '月度汇总', en: 'Monthly digest' },
  'digest-reminder': { 'zh-CN': '月度汇总阅读提醒', en: 'Monthly digest reminder' },
};

/** When each message is sent, and to whom. */
export const templateDescriptions: Record<string, Message> = {
  'form-filed': {
    'zh-CN': '在您负责的岗位上登记了改进记录时发送，部门负责人同时收到。',
    en: 'When a form is filed on a post you hold; the department head gets it too.',
  },
  'verification-requested': {
    'zh-CN': '改进措施已完成、佐证已上传时，发给所在单位的督查人员，请其验证并关闭。',
    en: 'When a form’s measures are done and its evidence attached: to the supervisors of its unit, to verify and close it.',
  },
  'form-status': {
    'zh-CN': '您登记或负责的改进记录被关闭、撤销或重新打开时发送。',
    en: 'When a form you filed or are responsible for is closed, cancelled or reopened.',
  },
  reminder: {
    'zh-CN':
      '工作日早上一封：已超期（红牌）和临近期限（黄牌）的记录、近期应查的风险点；超期过久的上报分管领导。',
    en: 'One message on working-day mornings: overdue (red card) and near-deadline (yellow card) forms and the risk points due for checking; long-overdue forms go to the leader in charge.',
  },
  digest: {
    'zh-CN':
      '每月 1 日：您的在办、即将到期和已超期记录，上月关闭的记录和应督查的风险点；领导另附所辖单位的数据和审计链头。',
    en: 'On the 1st of each month: your open, due-soon and overdue forms, what closed and the risk points due for checking; leaders also get their units’ figures and the audit chain head.',
  },
  'digest-reminder': {
    'zh-CN': '月度汇总发出若干个工作日后仍未确认阅读时，提醒一次。',
    en: 'One reminder when a monthly digest is still not confirmed as read some working days after it went out.',
  },
};

export const mailStatusLabels: Record<string, Message> = {
  pending: { 'zh-CN': '待发送', en: 'Pending' },
  sending: { 'zh-CN': '发送中', en: 'Sending' },
  sent: { 'zh-CN': '已发送', en: 'Sent' },
  failed: { 'zh-CN': '发送失败', en: 'Failed' },
};

export const localeLabels: Record<string, Message> = {
  'zh-CN': { 'zh-CN': '中文', en: 'Chinese' },
  en: { 'zh-CN': '英文', en: 'English' },
};

/** How a sent message travelled. */
export const deliveredViaLabels: Record<string, Message> = {
  smtp: { 'zh-CN': '经 SMTP 服务器发出', en: 'Sent through the SMTP server' },
  http: { 'zh-CN': '经邮件发送接口（HTTP）发出', en: 'Sent through the HTTP mail API' },
  viewer: { 'zh-CN': '投递到内置邮件查看器', en: 'Delivered to the built-in viewer' },
};

/** Where a message went, in a word (the audit trail's "delivered to"). */
export const deliveryLabels: Record<string, Message> = {
  smtp: { 'zh-CN': 'SMTP 服务器', en: 'SMTP server' },
  http: { 'zh-CN': '邮件发送接口', en: 'HTTP mail API' },
  viewer: { 'zh-CN': '内置邮件查看器', en: 'built-in mail viewer' },
};
