import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type OutboxItem, type OutboxPage, mailApi } from '../../api/mail.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { enumFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatDateTime, formatNumber, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { localeLabels, mailStatusLabels, templateLabels } from './labels.ts';
import { mailMessages as mm } from './messages.ts';
import { address, deliveryNote, mailStatusChip, mailStyles, mailTabs } from './parts.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '系统发出的每一封邮件，最新的在前：改进记录的通知、每日提醒和月度汇总。发送失败的可以重新发送。',
    en: 'Every message the app sends, newest first: form notices, daily reminders and monthly digests. A failed one can be sent again.',
  },
  figures: { 'zh-CN': '全部邮件', en: 'All messages' },
  recipient: { 'zh-CN': '收件人地址', en: 'Recipient address' },
  recipientHint: { 'zh-CN': '完整的电子邮箱地址', en: 'The whole email address' },
  allTemplates: { 'zh-CN': '全部类型', en: 'All kinds' },
  allStatuses: { 'zh-CN': '全部状态', en: 'All statuses' },
  messages: { 'zh-CN': '发件箱中的邮件', en: 'Messages in the outbox' },
  createdAndSent: { 'zh-CN': '生成 / 发送时间', en: 'Queued / sent' },
  open: { 'zh-CN': '打开“{subject}”', en: 'Open “{subject}”' },
  attempts: { 'zh-CN': '已尝试 {n} 次', en: '{n} attempt(s)' },
});

const FILTER_KEYS = ['status', 'template', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Mail (admins): the outbox with its counts per status and whether mail goes out by SMTP or stays in the
 * built-in viewer; filtered by status, kind and recipient, newest first; a message opens in the viewer, and a
 * failed one can be sent again.
 */
@customElement('mail-page')
export class MailPage extends LitElement {
  static override styles = [
    base,
    mailStyles,
    css`
      .figures { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 0.5rem; padding: 0; list-style: none; }
      .figures li { background: var(--c-bg); border: 1px solid var(--c-border); border-radius: var(--radius);
        padding: 0.5rem 0.9rem; flex: 1 1 6rem; max-width: 10rem; }
      .figures li strong { display: block; font-size: 1.35rem; font-variant-numeric: tabular-nums; }
      .figures li.failed strong { color: var(--c-danger); }
      td.subject { min-width: 16rem; max-width: 30rem; }
      td.subject a { font-weight: 600; }
      td.to { min-width: 14rem; max-width: 18rem; }
      .to { overflow-wrap: anywhere; }
      @media (max-width: 700px) { td.subject { min-width: 0; } td.status { min-width: 6rem; } }
      td.status { min-width: 8rem; max-width: 18rem; }
      td.status .error { font-size: 0.85rem; overflow-wrap: anywhere; margin: 0.25rem 0; }
      td.status button { margin-top: 0.3rem; }
      td.status .attempts { font-size: 0.85rem; }
      td.when { white-space: nowrap; font-size: 0.9rem; }
      .filters input[type='search'] { min-width: 14rem; }
    `,
  ];

  @state() private retrying: number | null = null;
  @state() private announcement = '';
  @state() private retryError: unknown = null;

  private readonly list = new FilteredList<OutboxItem, FilterKey, OutboxPage>(
    this,
    '/mail/outbox',
    FILTER_KEYS,
  );
  private readonly i18n = new LocaleController(this);

  private async retry(item: OutboxItem) {
    this.retrying = item.id;
    this.retryError = null;
    this.announcement = '';
    try {
      await mailApi.retry(item.id);
      this.announcement = t(mm.retried);
      await this.list.reload();
    } catch (err) {
      this.retryError = err;
    } finally {
      this.retrying = null;
    }
  }

  private figures(page: OutboxPage) {
    const figure = (status: 'pending' | 'sent' | 'failed') =>
      html`<li class=${status} data-count=${status}>${enumLabel(mailStatusLabels, status)}<strong>${formatNumber(page.counts[status])}</strong></li>`;
    return html`<ul class="figures" aria-label=${t(m.figures)}>${figure('pending')} ${figure('sent')} ${figure('failed')}</ul>`;
  }

  private row(o: OutboxItem) {
    return html`<tr data-id=${o.id} data-status=${o.status} data-template=${o.template}>
      <td class="subject">
        <a href="/mail/messages/${o.id}" aria-label=${t(m.open, { subject: o.subject })}>${o.subject}</a>
        <div class="muted">${enumLabel(templateLabels, o.template)} · ${enumLabel(localeLabels, o.locale)}</div>
        <div class="narrow-only to">${address(o.to)}</div>
      </td>
      <td class="to hide-narrow">${address(o.to)}</td>
      <td class="status">
        ${mailStatusChip(o.status)}
        <div class="muted attempts">${t(m.attempts, { n: formatNumber(o.attempts) })}</div>
        ${o.status === 'pending' && o.attempts > 0 ? html`<div class="muted">${t(mm.nextAttemptAt, { time: formatDateTime(o.nextAttemptAt) })}</div>` : nothing}
        ${o.lastError && o.status !== 'sent' ? html`<p class="error">${o.lastError}</p>` : nothing}
        ${
          o.status === 'failed'
            ? html`<div><button ?disabled=${this.retrying !== null} aria-label=${t(mm.retryOf, { subject: o.subject, to: o.to })}
                @click=${() => this.retry(o)}>${this.retrying === o.id ? t(mm.retrying) : t(mm.retry)}</button></div>`
            : nothing
        }
      </td>
      <td class="when hide-narrow">
        <time datetime=${o.createdAt}>${formatDateTime(o.createdAt)}</time>
        ${o.sentAt && o.status === 'sent' ? html`<div class="muted">${t(mm.sentAtTime, { time: formatDateTime(o.sentAt) })}</div>` : nothing}
      </td>
    </tr>`;
  }

  override render() {
    const f = this.list.filters;
    const page = this.list.page;
    return html`
      <h1>${t(mm.title)}</h1>
      ${mailTabs('/mail')}
      ${page ? deliveryNote(page.delivery) : nothing}
      <p class="muted intro">${t(m.intro)}</p>
      ${page ? this.figures(page) : nothing}
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${enumFilter(t(mm.status), mailStatusLabels, f.status, (v) => this.list.set('status', v), t(m.allStatuses))}
        ${enumFilter(t(mm.template), templateLabels, f.template, (v) => this.list.set('template', v), t(m.allTemplates))}
        <label>${t(m.recipient)}
          <input type="search" inputmode="email" autocomplete="off" spellcheck="false" .value=${f.to ?? ''}
            placeholder=${t(m.recipientHint)}
            @input=${(e: Event) => this.list.set('to', (e.target as HTMLInputElement).value.trim(), 400)} />
        </label>
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.retryError ? html`<p class="error" role="alert">${errorMessage(this.retryError)}</p>` : nothing}
      ${listTable(
        this.list,
        t(m.messages),
        html`<th scope="col">${t(mm.message)}</th>
          <th scope="col" class="hide-narrow">${t(mm.to)}</th>
          <th scope="col">${t(mm.status)}</th>
          <th scope="col" class="hide-narrow">${t(m.createdAndSent)}</th>`,
        (o) => this.row(o),
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mail-page': MailPage;
  }
}
