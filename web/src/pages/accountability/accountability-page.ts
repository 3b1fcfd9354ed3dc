import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type {
  AccountabilityPage as RegisterPage,
  AccountabilityRecordView,
} from '../../api/accountability.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { exportLinks, exportLinksStyles } from '../../components/export-links.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { dateFilter, enumFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatDateTime, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { outcomeLabels } from '../forms/labels.ts';
import { formChipStyles } from '../forms/parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '问责台账', en: 'Accountability register' },
  intro: {
    'zh-CN': '关闭改进记录时决定的每一项问责结果，按人员和岗位列出，含追责情形、依据和决定人，最新的在前。',
    en: 'Every accountability outcome decided when a form closed, per person and post, with the trigger, its basis and who decided; newest first.',
  },
  person: { 'zh-CN': '责任人', en: 'Person' },
  outcome: { 'zh-CN': '问责结果', en: 'Outcome' },
  form: { 'zh-CN': '改进记录', en: 'Form' },
  trigger: { 'zh-CN': '追责情形及依据', en: 'Trigger and basis' },
  decided: { 'zh-CN': '决定人 / 时间', en: 'Decided by / at' },
  from: { 'zh-CN': '决定日期（起）', en: 'Decided from' },
  to: { 'zh-CN': '决定日期（止）', en: 'Decided until' },
  vacant: { 'zh-CN': '（岗位空缺）', en: '(post vacant)' },
  byOutcome: { 'zh-CN': '按问责结果统计', en: 'By outcome' },
});

const FILTER_KEYS = ['personId', 'postId', 'unitId', 'outcome', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The accountability register (问责台账): filters in the address bar, counts per outcome, XLSX/CSV export. */
@customElement('accountability-page')
export class AccountabilityPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    exportLinksStyles,
    css`
      .filters input[type='date'] { min-width: 9rem; }
      dl.figures { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0.75rem 0; }
      dl.figures div { display: flex; gap: 0.4rem; }
      dl.figures dt { color: var(--c-muted); }
      dl.figures dd { margin: 0; font-weight: 600; }
    `,
  ];

  private readonly list = new FilteredList<AccountabilityRecordView, FilterKey, RegisterPage>(
    this,
    '/accountability',
    FILTER_KEYS,
  );
  private readonly i18n = new LocaleController(this);

  private date(key: 'from' | 'to', text: string) {
    return dateFilter(text, this.list.filters[key], (v) => this.list.set(key, v));
  }

  private row(r: AccountabilityRecordView) {
    return html`<tr data-record=${r.id}>
      <td><a class="number" href="/forms/${r.form.id}">${r.form.number}</a>
        <div class="muted problem">${r.form.problem}</div></td>
      <td>${r.person ? named(r.person) : t(m.vacant)}</td>
      <td>${named(r.post)}<div class="muted">${named(r.unit)}</div></td>
      <td><span class="chip outcome-${r.outcome}">${enumLabel(outcomeLabels, r.outcome)}</span>
        ${r.notes ? html`<div class="muted">${r.notes}</div>` : ''}</td>
      <td>${r.situation ?? '—'}${r.basis ? html`<div class="muted">${r.basis}</div>` : ''}</td>
      <td>${r.decidedBy ? named(r.decidedBy) : '—'}<div class="muted nowrap">${formatDateTime(r.decidedAt)}</div></td>
    </tr>`;
  }

  override render() {
    const f = this.list.filters;
    const counts = this.list.page?.byOutcome;
    return html`
      <h1>${t(m.title)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${enumFilter(t(m.outcome), outcomeLabels, f.outcome, (v) => this.list.set('outcome', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <ref-select label=${t(common.post)} path="/posts" .value=${f.postId ?? ''} .query=${f.unitId ? { unitId: f.unitId } : {}}
          @change=${(e: CustomEvent<string>) => this.list.set('postId', e.detail)}></ref-select>
        <ref-select label=${t(m.person)} path="/people" .value=${f.personId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('personId', e.detail)}></ref-select>
        ${this.date('from', t(m.from))} ${this.date('to', t(m.to))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
        ${exportLinks('/accountability', f)}
      </div>
      ${
        counts
          ? html`<dl class="figures" aria-label=${t(m.byOutcome)}>
            ${Object.entries(counts).map(
              ([k, n]) =>
                html`<div><dt>${enumLabel(outcomeLabels, k)}</dt><dd data-outcome=${k}>${formatNumber(n)}</dd></div>`,
            )}
          </dl>`
          : ''
      }
      ${listTable(
        this.list,
        t(m.title),
        html`<th scope="col">${t(m.form)}</th><th scope="col">${t(m.person)}</th><th scope="col">${t(common.post)}</th>
          <th scope="col">${t(m.outcome)}</th><th scope="col">${t(m.trigger)}</th><th scope="col">${t(m.decided)}</th>`,
        (r) => this.row(r),
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'accountability-page': AccountabilityPage;
  }
}
