import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ResponsibilityPointView } from '../../api/catalog.ts';
import { enumLabel } from '../../components/enum-label.ts';
import '../../components/list-footer.ts';
import { PagedList } from '../../components/paged-list.ts';
import '../../components/ref-select.ts';
import { common, nav, stages } from '../../i18n/common.ts';
import { defineMessages, LocaleController, named, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '责任点：某一岗位在某一审批事项某一办理环节的职责，以及违反时的追责情形和追责依据。',
    en: 'Responsibility points: the duty of a post at one stage of one approval item, with the situations that trigger accountability and their basis.',
  },
  text: { 'zh-CN': '关键词', en: 'Text' },
  textHint: { 'zh-CN': '编码、职责或追责情形', en: 'Code, duty or trigger' },
  duty: { 'zh-CN': '岗位职责', en: 'Duty' },
  triggers: { 'zh-CN': '追责情形及依据', en: 'Accountability triggers and basis' },
  situation: { 'zh-CN': '追责情形', en: 'Trigger' },
  basis: { 'zh-CN': '追责依据', en: 'Basis' },
  noTriggers: { 'zh-CN': '未登记追责情形', en: 'No triggers recorded' },
});

const FILTER_KEYS = ['approvalItemId', 'postId', 'unitId', 'stage', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Responsibility points (责任点) with their accountability triggers (追责情形) and basis (追责依据). */
@customElement('responsibility-points-page')
export class ResponsibilityPointsPage extends LitElement {
  static override styles = [
    base,
    css`
      td.code { white-space: nowrap; }
      td.where { min-width: 9rem; max-width: 16rem; }
      .sub { display: block; margin-top: 0.25rem; font-size: 0.9rem; }
      td.duty { min-width: 12rem; max-width: 28rem; }
      td.triggers { min-width: 14rem; }
      ul.triggers { margin: 0; padding-left: 1.1rem; }
      ul.triggers li { margin: 0 0 0.4rem; }
      .basis { display: block; font-size: 0.85rem; }
    `,
  ];

  @state() private filters: Partial<Record<FilterKey, string>> = {};
  private readonly list = new PagedList<ResponsibilityPointView>(this, '/responsibility-points');
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

  private triggers(r: ResponsibilityPointView) {
    if (!r.triggers.length) return html`<span class="muted">${t(m.noTriggers)}</span>`;
    return html`<ul class="triggers">
      ${r.triggers.map(
        (tr) => html`<li>
          <span class="visually-hidden">${t(m.situation)}:</span>${tr.situation}
          <span class="basis muted"><span class="visually-hidden">${t(m.basis)}:</span>${tr.basis}</span>
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    const f = this.filters;
    const scope = f.unitId ? { unitId: f.unitId } : {};
    return html`
      <h1>${t(nav.responsibilityPoints)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters">
        <label>${t(m.text)}
          <input type="search" .value=${f.q ?? ''} placeholder=${t(m.textHint)}
            @input=${(e: Event) => this.set('q', (e.target as HTMLInputElement).value, 300)} />
        </label>
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.set('unitId', e.detail)}></ref-select>
        <ref-select label=${t(common.approvalItem)} path="/approval-items" .value=${f.approvalItemId ?? ''} .query=${scope}
          @change=${(e: CustomEvent<string>) => this.set('approvalItemId', e.detail)}></ref-select>
        <ref-select label=${t(common.post)} path="/posts" .value=${f.postId ?? ''} .query=${scope}
          @change=${(e: CustomEvent<string>) => this.set('postId', e.detail)}></ref-select>
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
          <caption class="visually-hidden">${t(nav.responsibilityPoints)}</caption>
          <thead>
            <tr>
              <th scope="col">${t(common.code)} / ${t(common.stage)}</th>
              <th scope="col" class="hide-narrow">${t(common.approvalItem)} / ${t(common.post)}</th>
              <th scope="col">${t(m.duty)}</th>
              <th scope="col">${t(m.triggers)}</th>
            </tr>
          </thead>
          <tbody>
            ${this.list.items.map(
              (r) => html`<tr>
                <td class="code">${r.code}<span class="sub"><span class="chip">${enumLabel(stages, r.stage)}</span></span></td>
                <td class="hide-narrow where">
                  <a href="/approval-items/${r.approvalItemId}">${named({ name: r.approvalItemName, nameEn: r.approvalItemNameEn })}</a>
                  <span class="sub"><a href="/posts/${r.postId}">${named({ name: r.postName, nameEn: r.postNameEn })}</a></span>
                </td>
                <td class="duty">${r.duty}</td>
                <td class="triggers">${this.triggers(r)}</td>
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
    'responsibility-points-page': ResponsibilityPointsPage;
  }
}
