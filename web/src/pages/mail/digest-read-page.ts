import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ReadRequest } from '../../../../server/mail/schema.ts';
import { type DigestRead, mailApi } from '../../api/mail.ts';
import { defineMessages, formatDateTime, formatMonth, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { linkProblem, publicPageStyles } from './public.ts';

const m = defineMessages({
  title: { 'zh-CN': '确认阅读月度汇总', en: 'Confirm you have read your monthly digest' },
  intro: {
    'zh-CN': '请在读完月度汇总邮件后点击下面的按钮。您的部门负责人和分管领导可以看到谁已确认阅读。',
    en: 'Once you have read the monthly digest email, press the button below. Your department head and leader in charge see who has confirmed.',
  },
  button: { 'zh-CN': '我已阅读', en: 'I have read this' },
  busy: { 'zh-CN': '正在确认…', en: 'Confirming…' },
  thanks: { 'zh-CN': '谢谢，已确认！', en: 'Thank you, confirmed' },
  recorded: {
    'zh-CN': '已记录您于 {time} 确认阅读了 {month} 的月度汇总。',
    en: 'Your reading of the digest for {month} was recorded on {time}.',
  },
  close: { 'zh-CN': '现在可以关闭此页面。', en: 'You can close this page now.' },
  incomplete: {
    'zh-CN': '此链接不完整。请从月度汇总邮件中重新打开“我已阅读”链接。',
    en: 'This link is incomplete. Open the “I have read this” link in the digest email again.',
  },
  failed: { 'zh-CN': '未能确认：', en: 'Could not confirm: ' },
  again: {
    'zh-CN': '请从月度汇总邮件中重新打开链接；如仍不行，请联系系统管理员。',
    en: 'Open the link from the digest email again; if it still fails, ask the system administrator.',
  },
});

/**
 * "I have read this" (no sign-in needed): the monthly digest's link opens this page, and only pressing the
 * button confirms; opening the link does nothing, since mail scanners open links too.
 */
@customElement('digest-read-page')
export class DigestReadPage extends LitElement {
  static override styles = [base, publicPageStyles];

  /** The signed token from the digest's link. */
  @property() token = '';
  @state() private busy = false;
  @state() private done: DigestRead | null = null;
  @state() private error: unknown = null;
  private readonly i18n = new LocaleController(this);

  private async confirm() {
    this.busy = true;
    this.error = null;
    try {
      this.done = await mailApi.readDigest(this.token);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.done) {
      return html`<section class="card done" data-read-at=${this.done.readAt}>
        <h1 tabindex="-1"><span class="tick" aria-hidden="true">✓</span> ${t(m.thanks)}</h1>
        <p>${t(m.recorded, { month: formatMonth(this.done.month), time: formatDateTime(this.done.readAt) })}</p>
        <p class="muted">${t(m.close)}</p>
      </section>`;
    }
    const wellFormed = ReadRequest.safeParse({ token: this.token }).success;
    return html`<section class="card">
      <h1>${t(m.title)}</h1>
      ${
        wellFormed
          ? html`<p>${t(m.intro)}</p>
            <button class="primary big" ?disabled=${this.busy} @click=${this.confirm}>
              ${this.busy ? t(m.busy) : t(m.button)}
            </button>`
          : html`<p class="error" role="alert">${t(m.incomplete)}</p>`
      }
      ${
        this.error
          ? html`<div class="problem" role="alert">
            <p><strong>${t(m.failed)}</strong>${linkProblem(this.error)}</p>
            <p>${t(m.again)}</p>
          </div>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'digest-read-page': DigestReadPage;
  }
}
