import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { GradeCounts, RiskPointView } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import '../../components/list-footer.ts';
import { PagedList } from '../../components/paged-list.ts';
import '../../components/ref-select.ts';
import { common, grades, nav, riskCategories, stages } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
import { base } from '../../styles.ts';
import { riskMessages } from './messages.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '按审批事项、办理环节和岗位登记的审批风险防控点，分 A（高）、B（中）、C（低）三级。',
    en: 'Approval risk control points by approval item, stage and post, graded A (high), B (medium) and C (low).',
  },
  gradeFilter: { 'zh-CN': '按风险等级筛选', en: 'Filter by grade' },
  allGrades: { 'zh-CN': '全部等级', en: 'All grades' },
  description: { 'zh-CN': '风险描述', en: 'Risk' },
  text: { 'zh-CN': '关键词', en: 'Text' },
  textHint: { 'zh-CN': '编码、风险描述或防控措施', en: 'Code, risk or control measure' },
});

const FILTER_KEYS = ['grade', 'unitId', 'postId', 'approvalItemId', 'stage', 'category', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The register of approval risk control points: grade chips with counts, filters, a paged table. */
@customElement('risk-points-page')
export class RiskPointsPage extends LitElement {
  static override styles = [
    base,
    css`
      .chips { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.75rem 0; }
      .chips button { border-radius: 999px; }
      .chips button[aria-pressed='true'] { outline: 3px solid var(--c-text); outline-offset: 1px; font-weight: 600; }
      td.desc { max-width: 32rem; }
    `,
  ];

  @state() private filters: Partial<Record<FilterKey, string>> = {};
  @state() private counts: GradeCounts | null = null;
  private readonly list = new PagedList<RiskPointView>(this, '/risk-points');
  private readonly i18n = new LocaleController(this);
  private debounce?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(location.search);
    this.filters = Object.fromEntries(
      FILTER_KEYS.flatMap((k) => (query.get(k) ? [[k, query.get(k) as string]] : [])),
    );
    void this.refresh();
  }

  private async refresh() {
    setQuery(this.filters);
    const { grade: _grade, ...others } = this.filters;
    const [counts] = await Promise.all([
      api.get<GradeCounts>('/risk-points/grade-counts', others).catch(() => null),
      this.list.load(this.filters),
    ]);
    this.counts = counts;
  }

  private set(key: FilterKey, value: string | undefined, delay = 0) {
    this.filters = { ...this.filters, [key]: value || undefined };
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), delay);
  }

  private chip(grade: 'A' | 'B' | 'C' | undefined) {
    const pressed = this.filters.grade === grade || (!grade && !this.filters.grade);
    const count = grade ? this.counts?.[grade] : this.counts && this.counts.A + this.counts.B + this.counts.C;
    return html`<button class="chip ${grade ? `grade-${grade}` : ''}" aria-pressed=${pressed} data-grade=${grade ?? 'all'}
      @click=${() => this.set('grade', grade)}>
      ${grade ? t(grades[grade] ?? common.grade) : t(m.allGrades)}
      <span class="count">${count === undefined || count === null ? '…' : formatNumber(count)}</span>
    </button>`;
  }

  override render() {
    const f = this.filters;
    return html`
      <h1>${t(nav.riskPoints)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="chips" role="group" aria-label=${t(m.gradeFilter)}>
        ${this.chip(undefined)} ${this.chip('A')} ${this.chip('B')} ${this.chip('C')}
      </div>
      <div class="filters">
        <label>${t(m.text)}
          <input type="search" .value=${f.q ?? ''} placeholder=${t(m.textHint)} @input=${(e: Event) => this.set('q', (e.target as HTMLInputElement).value, 300)} />
        </label>
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''} @change=${(e: CustomEvent<string>) => this.set('unitId', e.detail)}></ref-select>
        <ref-select label=${t(common.post)} path="/posts" .value=${f.postId ?? ''} .query=${f.unitId ? { unitId: f.unitId } : {}}
          @change=${(e: CustomEvent<string>) => this.set('postId', e.detail)}></ref-select>
        <ref-select label=${t(common.approvalItem)} path="/approval-items" .value=${f.approvalItemId ?? ''} .query=${f.unitId ? { unitId: f.unitId } : {}}
          @change=${(e: CustomEvent<string>) => this.set('approvalItemId', e.detail)}></ref-select>
        <label>${t(common.stage)}
          <select @change=${(e: Event) => this.set('stage', (e.target as HTMLSelectElement).value)}>
            <option value="">${t(common.all)}</option>
            ${Object.entries(stages).map(([k, v]) => html`<option value=${k} ?selected=${f.stage === k}>${t(v)}</option>`)}
          </select>
        </label>
        <label>${t(riskMessages.category)}
          <select @change=${(e: Event) => this.set('category', (e.target as HTMLSelectElement).value)}>
            <option value="">${t(common.all)}</option>
            ${Object.entries(riskCategories).map(([k, v]) => html`<option value=${k} ?selected=${f.category === k}>${t(v)}</option>`)}
          </select>
        </label>
        <button @click=${() => {
          this.filters = {};
          void this.refresh();
        }}>${t(common.clear)}</button>
      </div>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${t(nav.riskPoints)}</caption>
          <thead>
            <tr>
              <th scope="col">${t(common.code)}</th>
              <th scope="col">${t(common.grade)}</th>
              <th scope="col">${t(m.description)}</th>
              <th scope="col" class="hide-narrow">${t(common.approvalItem)}</th>
              <th scope="col">${t(common.stage)}</th>
              <th scope="col" class="hide-narrow">${t(common.post)}</th>
            </tr>
          </thead>
          <tbody>
            ${this.list.items.map(
              (p) => html`<tr>
                <td><a href="/risk-points/${p.id}">${p.code}</a></td>
                <td><span class="chip grade-${p.grade}">${p.grade}</span></td>
                <td class="desc">${p.description}</td>
                <td class="hide-narrow">${named({ name: p.approvalItemName, nameEn: p.approvalItemNameEn })}</td>
                <td>${t(stages[p.stage] ?? common.stage)}</td>
                <td class="hide-narrow">${named({ name: p.postName, nameEn: p.postNameEn })}<div class="muted">${named({ name: p.unitName, nameEn: p.unitNameEn })}</div></td>
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
    'risk-points-page': RiskPointsPage;
  }
}
