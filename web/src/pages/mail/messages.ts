import { defineMessages } from '../../i18n/i18n.ts';

/** The words of the mail screens, shared by the outbox, its viewer, the previews and the digest pages. */
export const mailMessages = defineMessages({
  title: { 'zh-CN': '邮件', en: 'Mail' },
  sections: { 'zh-CN': '邮件栏目', en: 'Mail pages' },
  outboxTab: { 'zh-CN': '发件箱', en: 'Outbox' },
  previewTab: { 'zh-CN': '模板预览', en: 'Preview' },
  digestTab: { 'zh-CN': '月度汇总', en: 'Monthly digest' },

  subject: { 'zh-CN': '主题', en: 'Subject' },
  message: { 'zh-CN': '邮件', en: 'Message' },
  to: { 'zh-CN': '收件人', en: 'To' },
  template: { 'zh-CN': '邮件类型', en: 'Kind of message' },
  language: { 'zh-CN': '语言', en: 'Language' },
  status: { 'zh-CN': '状态', en: 'Status' },
  attempts: { 'zh-CN': '尝试次数', en: 'Attempts' },
  nextAttempt: { 'zh-CN': '下次尝试', en: 'Next attempt' },
  nextAttemptAt: { 'zh-CN': '下次尝试：{time}', en: 'Next attempt {time}' },
  lastError: { 'zh-CN': '最近一次错误', en: 'Last error' },
  createdAt: { 'zh-CN': '生成时间', en: 'Queued' },
  sentAt: { 'zh-CN': '发送时间', en: 'Sent' },
  sentAtTime: { 'zh-CN': '发送：{time}', en: 'Sent {time}' },
  dedupeKey: { 'zh-CN': '去重键', en: 'Dedupe key' },
  retry: { 'zh-CN': '重新发送', en: 'Send again' },
  retryOf: { 'zh-CN': '重新发送给 {to} 的“{subject}”', en: 'Send “{subject}” to {to} again' },
  retrying: { 'zh-CN': '正在重新排队…', en: 'Queuing…' },
  retried: {
    'zh-CN': '已重新排队，发送程序稍后会再次发送。',
    en: 'Queued again: the sender will try it once more shortly.',
  },
  backToOutbox: { 'zh-CN': '← 返回发件箱', en: '← Back to the outbox' },

  viewerNote: {
    'zh-CN':
      '未配置 SMTP 服务器（SMTP_URL）：所有邮件都投递到这里的内置邮件查看器，不会真正发出。打开任一邮件，即可看到收件人看到的样子。',
    en: 'No SMTP server is set up (SMTP_URL), so every message is delivered to this built-in mail viewer instead of being sent. Open any message to see it as its recipient would.',
  },
  httpNote: {
    'zh-CN': '邮件经配置的邮件发送接口（MAIL_API_URL）发出；这里保留每一封邮件，可查看其内容和发送情况。',
    en: 'Messages go out through the configured HTTP mail API (MAIL_API_URL); every one is kept here with its content and delivery.',
  },
  smtpNote: {
    'zh-CN': '邮件经配置的 SMTP 服务器发出；这里保留每一封邮件，可查看其内容和发送情况。',
    en: 'Messages go out through the configured SMTP server; every one is kept here with its content and delivery.',
  },
});
