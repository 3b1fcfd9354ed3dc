import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ApprovalItemView } from '../../api/catalog.ts';
import { enumLabel } from '../../components/enum-label.ts';
import '../../components/list-footer.ts';
import { PagedList } from '../../components/paged-list.ts';
import '../../components/ref-select.ts';
import { common, nav, stages } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
import { base } from '../../styles.ts';
import { itemMessages as im } from './messages.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '各窗口办理的审批和服务事项：法定时限、承诺时限（0 为即办）、办理环节和前置条件。',
    en: 'The licences and services handled at the windows: statutory and promised time limits (0 = on the spot), stages and pre-approval conditions.',
  },
  text: { 'zh-CN': '关键词', en: 'Text' },
  textHint: { 'zh-CN': '编码或名称', en: 'Code or name' },
  days: { 'zh-CN': '（工作日）', en: '(working days)' },
  conditionCount: { 'zh-CN': '前置条件数', en: 'Conditions' },
});

const FILTER_KEYS = ['unitId', 'stage', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Approval items (审批事项): text, unit and stage filters over a paged table. */
@customElement('approval-items-page')
export class ApprovalItemsPage extends LitElement {
  static override styles = [
    base,
    css`
      .stages { display: flex; gap: 0.25rem; flex-wrap: wrap; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      th.num { text-align: right; }
      td.code, th.num { white-space: nowrap; }
      .spot { background: #dcf3e3; border-color: var(--c-ok); color: #0f5323; }
    `,
  ];

  @state() private filters: Partial<Record<FilterKey, string>> = {};
  private readonly list = new PagedList<ApprovalItemView>(this, '/approval-items');
  private readonly i18n = new LocaleController(this);
  private debounce?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    const q = new URLSearchParams(location.search);
    this.filters = Object.fromEntries(
      FILTER_KEYS.flatMap((k) => (q.get(k) ? [[k, q.get(k) as string]] : [])),
    );
    void this.refresh();
  }

  private refresh() {
    setQuery(this.filters);
    return this.list.load(this.filters);
  }

  private set(key: FilterKey, value: string | undefined, delay = 0) {
    this.filters = { ...this.filters, [key]: value || undefined };
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), delay);
  }

  override render() {
    const f = this.filters;
    return html`
      <h1>${t(nav.approvalItems)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters">
        <label>${t(m.text)}
          <input type="search" .value=${f.q ?? ''} placeholder=${t(m.textHint)}
            @input=${(e: Event) => this.set('q', (e.target as HTMLInputElement).value, 300)} />
        </label>
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.set('unitId', e.detail)}></ref-select>
        <label>${t(common.stage)}
          <select @change=${(e: Event) => this.set('stage', (e.target as HTMLSelectElement).value)}>
            <option value="">${t(common.all)}</option>
            ${Object.entries(stages).map(([k, v]) => html`<option value=${k} ?selected=${f.stage === k}>${t(v)}</option>`)}
          </select>
        </label>
        <button @click=${() => {
          this.filters = {};
          void this.refresh();
        }}>${t(common.clear)}</button>
      </div>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${t(nav.approvalItems)}</caption>
          <thead>
            <tr>
              <th scope="col">${t(common.code)}</th>
              <th scope="col">${t(common.name)}</th>
              <th scope="col" class="hide-narrow">${t(common.unit)}</th>
              <th scope="col" class="num">${t(im.statutoryDays)} <span class="visually-hidden">${t(m.days)}</span></th>
              <th scope="col" class="num">${t(im.promisedDays)} <span class="visually-hidden">${t(m.days)}</span></th>
              <th scope="col" class="hide-narrow">${t(im.stages)}</th>
              <th scope="col" class="num hide-narrow">${t(m.conditionCount)}</th>
            </tr>
          </thead>
          <tbody>
            ${this.list.items.map(
              (i) => html`<tr>
                <td class="code"><a href="/approval-items/${i.id}">${i.code}</a></td>
                <td><a href="/approval-items/${i.id}">${named(i)}</a></td>
                <td class="hide-narrow">${named({ name: i.unitName, nameEn: i.unitNameEn })}</td>
                <td class="num">${formatNumber(i.statutoryDays)}</td>
                <td class="num">${i.promisedDays === 0 ? html`<span class="chip spot">${t(im.onTheSpot)}</span>` : formatNumber(i.promisedDays)}</td>
                <td class="hide-narrow"><span class="stages">${i.stages.map((s) => html`<span class="chip">${enumLabel(stages, s)}</span>`)}</span></td>
                <td class="num hide-narrow">${formatNumber(i.preconditions.length)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <list-footer .shown=${this.list.items.length} .total=${this.list.total} .loading=${this.list.loading}
        .hasMore=${!!this.list.nextCursor} .error=${this.list.error} @more=${() => this.list.more()}></list-footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'approval-items-page': ApprovalItemsPage;
  }
}
