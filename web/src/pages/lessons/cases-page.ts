import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Page } from '../../api/client.ts';
import type { LessonView } from '../../api/lessons.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { dateFilter, enumFilter, textFilter } from '../../components/filters.ts';
import '../../components/list-footer.ts';
import '../../components/ref-select.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { causeCategoryLabels } from '../forms/labels.ts';
import { formChipStyles } from '../forms/parts.ts';
import { lessonCard, lessonStyles } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '典型案例与经验教训', en: 'Case library and lessons learned' },
  intro: {
    'zh-CN':
      '督查人员选出的典型案例；也可检索全部已关闭的改进记录，按原因、风险点、标准、单位和时间查找经验教训。',
    en: 'Exemplary cases chosen by supervisors; or search every closed form for lessons by cause, risk point, standard, unit and time.',
  },
  scope: { 'zh-CN': '范围', en: 'Show' },
  exemplaryOnly: { 'zh-CN': '典型案例', en: 'Exemplary cases' },
  allClosed: { 'zh-CN': '全部已关闭记录', en: 'Every closed form' },
  textHint: { 'zh-CN': '问题、原因或措施，如“一次性告知”', en: 'Problem, cause or measures' },
  category: { 'zh-CN': '原因类别', en: 'Cause category' },
  riskPoint: { 'zh-CN': '风险点', en: 'Risk point' },
  standard: { 'zh-CN': '标准', en: 'Standard' },
  from: { 'zh-CN': '发现日期（起）', en: 'Found from' },
  to: { 'zh-CN': '发现日期（止）', en: 'Found until' },
  empty: { 'zh-CN': '没有符合条件的案例。', en: 'No case matches these filters.' },
  capped: {
    'zh-CN':
      '符合条件的记录超过 {total} 条，这里只检索最近的 {total} 条；更早的请按单位、时间等条件缩小范围查找。',
    en: 'More than {total} forms match: only the latest {total} are searched here. Narrow by unit, time or another filter to reach older ones.',
  },
});

/** A page of lessons: `capped` when more forms match than the latest `total`, which alone are searched. */
type LessonPage = Page<LessonView> & { capped: boolean };

const FILTER_KEYS = ['scope', 'q', 'category', 'riskPointId', 'standardId', 'unitId', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The case library (典型案例) and the lessons search over closed forms, filters kept in the address bar. */
@customElement('cases-page')
export class CasesPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    lessonStyles,
    css`.filters input[type='date'] { min-width: 9rem; }`,
  ];

  private readonly list = new FilteredList<LessonView, FilterKey, LessonPage>(this, '/cases', FILTER_KEYS, {
    pathFor: (f) => (f.scope === 'all' ? '/cases/search' : '/cases'),
    toQuery: ({ scope: _scope, ...f }) => f,
  });
  private readonly i18n = new LocaleController(this);

  private date(key: 'from' | 'to', text: string) {
    return dateFilter(text, this.list.filters[key], (v) => this.list.set(key, v));
  }

  override render() {
    const f = this.list.filters;
    return html`
      <h1>${t(m.title)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        <label>${t(m.scope)}
          <select data-scope @change=${(e: Event) => this.list.set('scope', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${f.scope !== 'all'}>${t(m.exemplaryOnly)}</option>
            <option value="all" ?selected=${f.scope === 'all'}>${t(m.allClosed)}</option>
          </select>
        </label>
        ${textFilter(t(m.textHint), f.q, (v) => this.list.set('q', v.trim().length === 1 ? '' : v, 300))}
        ${enumFilter(t(m.category), causeCategoryLabels, f.category, (v) => this.list.set('category', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <ref-select label=${t(m.riskPoint)} path="/risk-points" .value=${f.riskPointId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('riskPointId', e.detail)}></ref-select>
        <ref-select label=${t(m.standard)} path="/standards" .query=${{ level: 4 }} .value=${f.standardId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('standardId', e.detail)}></ref-select>
        ${this.date('from', t(m.from))} ${this.date('to', t(m.to))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      <ol class="lessons" aria-label=${t(m.title)}>
        ${this.list.items.map((lesson) => html`<li>${lessonCard(lesson)}</li>`)}
      </ol>
      ${!this.list.loading && !this.list.error && this.list.items.length === 0 ? html`<p class="muted">${t(m.empty)}</p>` : nothing}
      ${this.list.page?.capped ? html`<p class="muted" data-capped>${t(m.capped, { total: this.list.total })}</p>` : nothing}
      <list-footer .shown=${this.list.items.length} .total=${this.list.total} .loading=${this.list.loading}
        .hasMore=${!!this.list.nextCursor} .error=${this.list.error} @more=${() => this.list.more()}></list-footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cases-page': CasesPage;
  }
}
