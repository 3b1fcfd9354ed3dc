import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DigestRun } from '../../../../server/mail/schema.ts';
import type { SettingsValues } from '../../../../server/settings/schema.ts';
import { api } from '../../api/client.ts';
import { mailApi } from '../../api/mail.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { monthFilter } from '../../components/filters.ts';
import { errorSummary, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatMonth, formatNumber, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { templateDescriptions } from './labels.ts';
import { mailMessages as mm } from './messages.ts';
import { mailStyles, mailTabs, previousMonth } from './parts.ts';

const m = defineMessages({
  heading: { 'zh-CN': '发送月度汇总', en: 'Send the monthly digest' },
  schedule: {
    'zh-CN': '上个月的汇总按计划自动发送。需要补发或提前发送时，可在这里为任一月份排队发送。',
    en: 'The digest of the month before goes out by itself on its schedule. To send one now, or one that was missed, queue it here for any month.',
  },
  scheduleIs: { 'zh-CN': '发送计划（系统设置，中心所在时区）：', en: 'Schedule (in Settings, centre time):' },
  once: {
    'zh-CN':
      '每人每月只会收到一次：对同一月份再次执行不会重复发送，只会补上尚未收到的人（例如新上岗的人员）。',
    en: 'Each person gets a month’s digest once: running it again for the same month queues nothing new, except for anyone who has not had it yet (someone new on a post, say).',
  },
  month: { 'zh-CN': '汇总月份', en: 'Month of the digest' },
  queue: { 'zh-CN': '发送该月汇总…', en: 'Queue this month’s digest…' },
  confirm: {
    'zh-CN': '将向所有责任人（在岗人员、督查人员和领导）发送 {month} 的月度汇总。确定发送吗？',
    en: 'This queues the digest for {month} to every accountable person: everyone holding a post, every supervisor and every leader. Queue it?',
  },
  yes: { 'zh-CN': '确定发送', en: 'Yes, queue it' },
  queuing: { 'zh-CN': '正在排队…', en: 'Queuing…' },
  queued: {
    'zh-CN': '已为 {month} 排队 {queued} 封月度汇总（共 {recipients} 位收件人）。',
    en: '{queued} digests for {month} queued ({recipients} recipients in all).',
  },
  queuedSome: {
    'zh-CN': '其余 {before} 位此前已收到，不再重复发送。',
    en: 'The other {before} had it already and get nothing new.',
  },
  nothingNew: {
    'zh-CN': '没有新的邮件：{month} 的月度汇总此前已发给全部 {recipients} 位收件人，本次未重复发送。',
    en: 'Nothing new was queued: the digest for {month} had already gone to all {recipients} recipients.',
  },
  toOutbox: { 'zh-CN': '在发件箱中查看', en: 'See them in the outbox' },
  toReceipts: { 'zh-CN': '查看谁已确认阅读', en: 'See who has confirmed reading it' },
});

type Queued = { month: string; queued: number; recipients: number };

/** Monthly digest (admins): queue a month's digest now; a second run for the same month queues nothing new. */
@customElement('mail-digest-page')
export class MailDigestPage extends LitElement {
  static override styles = [
    base,
    mailStyles,
    css`
      .card { max-width: 52rem; }
      .card h2:first-child { margin-top: 0; }
      form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
      form label { max-width: 14rem; }
      .confirm { border: 1px solid var(--c-b); background: #fff8e1; border-radius: var(--radius); padding: 0.75rem 1rem; margin-top: 1rem; }
      .confirm p { margin: 0 0 0.6rem; }
      .confirm .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
      .done { border: 1px solid var(--c-ok); background: #dafbe1; color: #0f5323; border-radius: var(--radius); padding: 0.75rem 1rem; margin-top: 1rem; }
      .done.none { border-color: var(--c-border); background: var(--c-subtle); color: var(--c-text); }
      .done p { margin: 0 0 0.4rem; }
      .done a { margin-right: 1rem; }
    `,
  ];

  @state() private month = previousMonth();
  @state() private confirming = false;
  @state() private result: Queued | null = null;
  private readonly form = new FormState(this, ['month']);
  private readonly i18n = new LocaleController(this);
  private readonly settings = new Task(this, {
    task: () => api.get<SettingsValues>('/settings'),
    args: () => [],
  });

  private ask(e: SubmitEvent) {
    e.preventDefault();
    this.result = null;
    this.form.reset();
    const parsed = DigestRun.safeParse({ month: this.month });
    if (!parsed.success) {
      this.form.invalid(zodFieldErrors(parsed.error.issues));
      return;
    }
    this.confirming = true;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('.confirm button.primary')?.focus(),
    );
  }

  private async run() {
    const month = this.month;
    await this.form.submit(async () => {
      const answer = await mailApi.runDigest(month);
      this.result = { month, ...answer };
    });
    this.confirming = false;
  }

  private outcome(r: Queued) {
    const month = formatMonth(r.month);
    const n = (v: number) => formatNumber(v);
    return html`<div class="done ${r.queued === 0 ? 'none' : ''}" role="status" data-queued=${r.queued}>
      <p><strong>${
        r.queued === 0
          ? t(m.nothingNew, { month, recipients: n(r.recipients) })
          : t(m.queued, { month, queued: n(r.queued), recipients: n(r.recipients) })
      }</strong></p>
      ${r.queued > 0 && r.queued < r.recipients ? html`<p>${t(m.queuedSome, { before: n(r.recipients - r.queued) })}</p>` : nothing}
      <p><a href="/mail?template=digest">${t(m.toOutbox)}</a> <a href="/digests?month=${r.month}">${t(m.toReceipts)}</a></p>
    </div>`;
  }

  override render() {
    const cron = this.settings.value?.digestCron;
    return html`
      <h1>${t(mm.title)}</h1>
      ${mailTabs('/mail/digest')}
      <section class="card" aria-labelledby="s-digest">
        <h2 id="s-digest">${t(m.heading)}</h2>
        <p>${enumLabel(templateDescriptions, 'digest')}</p>
        <p class="muted">${t(m.schedule)}
          ${cron ? html`<br /><a href="/settings">${t(m.scheduleIs)}</a> <code class="code">${cron}</code>` : nothing}</p>
        <p class="muted">${t(m.once)}</p>
        <form novalidate @submit=${this.ask}>
          ${monthFilter(t(m.month), this.month, (v) => {
            this.month = v;
            this.confirming = false;
          })}
          <button type="submit" ?disabled=${this.form.busy || this.confirming}>${t(m.queue)}</button>
        </form>
        ${errorSummary(this.form.errors, { month: t(m.month) }, this.form.message)}
        ${
          this.confirming
            ? html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
              <p id="confirm-text">${t(m.confirm, { month: formatMonth(this.month) })}</p>
              <div class="actions">
                <button class="primary" ?disabled=${this.form.busy} @click=${this.run}>${this.form.busy ? t(m.queuing) : t(m.yes)}</button>
                <button ?disabled=${this.form.busy} @click=${() => (this.confirming = false)}>${t(common.cancel)}</button>
              </div>
            </div>`
            : nothing
        }
        ${this.result ? this.outcome(this.result) : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mail-digest-page': MailDigestPage;
  }
}
