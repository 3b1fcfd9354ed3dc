import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Receipt, Receipts } from '../../api/mail.ts';
import { FilteredList, type Filters } from '../../components/filtered-list.ts';
import { enumFilter, monthFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import { common, nav } from '../../i18n/common.ts';
import {
  defineMessages,
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  formatPercent,
  LocaleController,
  named,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { mailStyles, previousMonth } from './parts.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '每封月度汇总都带有“我已阅读”链接。这里列出某月汇总发给了谁、谁已确认阅读；尚未确认的排在醒目位置。未确认的人会在若干个工作日后收到一次提醒。',
    en: 'Every monthly digest carries an “I have read this” link. Here is who was sent a month’s digest and who has confirmed reading it; those who have not stand out. They get one reminder some working days later.',
  },
  scopeNote: { 'zh-CN': '您看到的是所辖单位的人员。', en: 'You see the people of your units.' },
  month: { 'zh-CN': '汇总月份', en: 'Month of the digest' },
  show: { 'zh-CN': '显示', en: 'Show' },
  everyone: { 'zh-CN': '全部收件人', en: 'Everyone sent it' },
  summary: {
    'zh-CN': '{month}：{sent} 人收到，{read} 人已确认阅读（{share}）',
    en: '{month}: sent to {sent}, confirmed by {read} ({share})',
  },
  unreadCount: { 'zh-CN': '{n} 人尚未确认', en: '{n} not yet confirmed' },
  noneSent: {
    'zh-CN': '{month} 的月度汇总没有发给您所辖范围内的任何人（或尚未发送）。',
    en: 'No digest for {month} was sent to anyone you can see (or it has not gone out yet).',
  },
  receipts: { 'zh-CN': '月度汇总回执', en: 'Digest receipts' },
  person: { 'zh-CN': '收件人', en: 'Recipient' },
  sentOn: { 'zh-CN': '发送日期', en: 'Sent on' },
  readAt: { 'zh-CN': '确认阅读', en: 'Confirmed' },
  notYet: { 'zh-CN': '尚未确认', en: 'Not yet confirmed' },
  progress: { 'zh-CN': '确认阅读的比例', en: 'Share confirmed' },
});

/** Who to show: everyone the digest went to, or only those who have not confirmed reading it. */
const showLabels = { true: { 'zh-CN': '仅尚未确认的', en: 'Only those not yet confirmed' } };

const FILTER_KEYS = ['month', 'unread'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const monthOf = (f: Filters<FilterKey>) => f.month ?? previousMonth();

/**
 * Digest receipts (leaders their units, admins everyone): for a month, who was sent the digest and who has
 * confirmed reading it, with the counts; those who have not are marked, and can be listed alone.
 */
@customElement('digest-receipts-page')
export class DigestReceiptsPage extends LitElement {
  static override styles = [
    base,
    mailStyles,
    css`
      .summary { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.25rem; margin: 0 0 0.75rem; }
      .summary p { margin: 0; }
      .bar { flex: 1 1 12rem; max-width: 24rem; height: 0.75rem; background: #fde8e7; border: 1px solid var(--c-border); border-radius: 999px; overflow: hidden; }
      .bar span { display: block; height: 100%; background: var(--c-ok); }
      .unread-count { color: #8a1c12; font-weight: 600; }
      tr.unread td:first-child { box-shadow: inset 4px 0 0 var(--c-danger); }
      .chip.unread { background: #fde8e7; border-color: var(--c-danger); color: #8a1c12; font-weight: 600; }
      .chip.read { background: #dafbe1; border-color: var(--c-ok); color: #0f5323; }
      .chip.read::before { content: '✓ '; }
    `,
  ];

  /** Leaders see their units (the server decides); the page says so. */
  @property({ type: Boolean }) scoped = false;

  private readonly list = new FilteredList<Receipt, FilterKey, Receipts>(this, '/digests', FILTER_KEYS, {
    pathFor: (f) => `/digests/${monthOf(f)}/receipts`,
    toQuery: (f) => ({ unread: f.unread }),
  });
  private readonly i18n = new LocaleController(this);

  private summary(page: Receipts, month: string) {
    if (page.sent === 0) return html`<p class="muted">${t(m.noneSent, { month: formatMonth(month) })}</p>`;
    const share = page.read / page.sent;
    return html`<div class="summary" data-sent=${page.sent} data-read=${page.read}>
      <p><strong>${t(m.summary, { month: formatMonth(month), sent: formatNumber(page.sent), read: formatNumber(page.read), share: formatPercent(share) })}</strong></p>
      <div class="bar" role="img" aria-label="${t(m.progress)}: ${formatPercent(share)}"><span style="width:${(share * 100).toFixed(1)}%"></span></div>
      ${page.read < page.sent ? html`<p class="unread-count">${t(m.unreadCount, { n: formatNumber(page.sent - page.read) })}</p>` : nothing}
    </div>`;
  }

  override render() {
    const f = this.list.filters;
    const month = monthOf(f);
    const page = this.list.page;
    return html`
      <h1>${t(nav.digests)}</h1>
      <p class="muted intro">${t(m.intro)} ${this.scoped ? t(m.scopeNote) : nothing}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${monthFilter(t(m.month), month, (v) => this.list.set('month', v))}
        ${enumFilter(t(m.show), showLabels, f.unread, (v) => this.list.set('unread', v), t(m.everyone))}
      </div>
      ${page && !this.list.loading ? this.summary(page, month) : nothing}
      ${listTable(
        this.list,
        t(m.receipts),
        html`<th scope="col">${t(m.person)}</th>
          <th scope="col" class="hide-narrow">${t(common.unit)}</th>
          <th scope="col" class="hide-narrow">${t(m.sentOn)}</th>
          <th scope="col">${t(m.readAt)}</th>`,
        (
          r,
        ) => html`<tr class=${r.readAt ? 'read' : 'unread'} data-person=${r.person.id} data-read=${r.readAt ? 'true' : 'false'}>
          <td>${named(r.person)}<div class="muted narrow-only">${named(r.unit)}</div></td>
          <td class="hide-narrow">${named(r.unit)}</td>
          <td class="hide-narrow nowrap">${formatDate(r.sentOn)}</td>
          <td>${
            r.readAt
              ? html`<span class="chip read">${formatDateTime(r.readAt)}</span>`
              : html`<span class="chip unread">${t(m.notYet)}</span>`
          }</td>
        </tr>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'digest-receipts-page': DigestReceiptsPage;
  }
}
