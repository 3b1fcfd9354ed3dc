import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { StandardView } from '../../api/catalog.ts';
import '../../components/list-footer.ts';
import { PagedList } from '../../components/paged-list.ts';
import { fetchAll, type TreeLabel, type TreeRecord } from '../../components/tree-view.ts';
import '../../components/tree-view.ts';
import { common, nav } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '政务服务标准体系分四级：通用基础、服务提供、服务保障三大类，下设二、三、四级标准。展开节点可查看下级标准。',
    en: 'The service standards system has four levels: three groups (general foundation, service provision, service support) with level 2, 3 and 4 standards under them. Expand a node to see the standards under it.',
  },
  search: { 'zh-CN': '查找标准', en: 'Find a standard' },
  searchHint: { 'zh-CN': '标题或编码', en: 'Title or code' },
  tree: { 'zh-CN': '标准体系树', en: 'Standards tree' },
  results: { 'zh-CN': '查找结果', en: 'Matching standards' },
  title: { 'zh-CN': '标题', en: 'Title' },
  level: { 'zh-CN': '层级', en: 'Level' },
  levelN: { 'zh-CN': '第 {n} 级', en: 'Level {n}' },
  childCount: { 'zh-CN': '下级标准数', en: 'Standards below' },
  titleZh: { 'zh-CN': '中文标题', en: 'Chinese title' },
  titleEn: { 'zh-CN': '英文标题', en: 'English title' },
  selected: { 'zh-CN': '所选标准', en: 'Selected standard' },
  pickOne: {
    'zh-CN': '在标准树中选择一项标准（回车或点击）查看详情。改进记录表可引用未达到的标准条款。',
    en: 'Choose a standard in the tree (Enter or click) to see it. Improvement forms can cite the clause that was not met.',
  },
  show: { 'zh-CN': '查看 {name}', en: 'Show {name}' },
});

const title = (s: StandardView) => named({ name: s.title, nameEn: s.titleEn });

function ordered(standards: StandardView[]): StandardView[] {
  return [...standards].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

/** The 4-level standards tree (标准体系), lazily expanded, or a flat list of standards matching a search. */
@customElement('standards-page')
export class StandardsPage extends LitElement {
  static override styles = [
    base,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1rem; align-items: start; }
      aside.card { position: sticky; top: 0.5rem; }
      aside > :first-child { margin-top: 0; }
      .search { max-width: 28rem; }
      td button.link { padding: 0; text-align: left; }
      @media (max-width: 900px) {
        .layout { grid-template-columns: 1fr; }
        aside.card { position: static; }
      }
    `,
  ];

  @state() private q = '';
  @state() private selected: StandardView | null = null;
  private readonly list = new PagedList<StandardView>(this, '/standards', 100);
  private readonly i18n = new LocaleController(this);
  private debounce?: ReturnType<typeof setTimeout>;

  private readonly load = async (parentId: number | null): Promise<TreeRecord[]> =>
    ordered(await fetchAll<StandardView>('/standards', parentId === null ? { level: 1 } : { parentId }));

  private readonly describe = (record: TreeRecord): TreeLabel => {
    const s = record as StandardView;
    return { label: title(s), code: s.code };
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.q = new URLSearchParams(location.search).get('q') ?? '';
    if (this.q) void this.list.load({ q: this.q });
  }

  private search(value: string) {
    this.q = value;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      setQuery({ q: this.q.trim() });
      if (this.q.trim()) void this.list.load({ q: this.q.trim() });
    }, 300);
  }

  private details(s: StandardView | null) {
    if (!s)
      return html`<aside class="card" aria-label=${t(m.selected)}><p class="muted">${t(m.pickOne)}</p></aside>`;
    return html`<aside class="card" aria-labelledby="selected-title" aria-live="polite">
      <h2 id="selected-title">${s.code} ${title(s)}</h2>
      <dl class="fields">
        <dt>${t(common.code)}</dt><dd>${s.code}</dd>
        <dt>${t(m.titleZh)}</dt><dd lang="zh-CN">${s.title}</dd>
        <dt>${t(m.titleEn)}</dt><dd lang="en">${s.titleEn || t(common.none)}</dd>
        <dt>${t(m.level)}</dt><dd>${t(m.levelN, { n: s.level })}</dd>
        <dt>${t(m.childCount)}</dt><dd>${formatNumber(s.childCount)}</dd>
      </dl>
    </aside>`;
  }

  private results() {
    return html`<div class="table-wrap">
        <table>
          <caption class="visually-hidden">${t(m.results)}</caption>
          <thead>
            <tr>
              <th scope="col">${t(common.code)}</th>
              <th scope="col">${t(m.title)}</th>
              <th scope="col">${t(m.level)}</th>
              <th scope="col" class="hide-narrow">${t(m.childCount)}</th>
            </tr>
          </thead>
          <tbody>
            ${this.list.items.map(
              (s) => html`<tr>
                <td>${s.code}</td>
                <td><button class="link" aria-label=${t(m.show, { name: title(s) })} aria-pressed=${this.selected?.id === s.id}
                  @click=${() => (this.selected = s)}>${title(s)}</button></td>
                <td>${t(m.levelN, { n: s.level })}</td>
                <td class="hide-narrow">${formatNumber(s.childCount)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <list-footer .shown=${this.list.items.length} .total=${this.list.total} .loading=${this.list.loading}
        .hasMore=${!!this.list.nextCursor} .error=${this.list.error} @more=${() => this.list.more()}></list-footer>`;
  }

  override render() {
    const searching = this.q.trim() !== '';
    return html`
      <h1>${t(nav.standards)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters" role="search">
        <label class="search">${t(m.search)}
          <input type="search" .value=${this.q} placeholder=${t(m.searchHint)}
            @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
        </label>
        ${searching ? html`<button @click=${() => this.search('')}>${t(common.clear)}</button>` : ''}
      </div>
      <div class="layout">
        <section aria-label=${searching ? t(m.results) : t(m.tree)}>
          ${searching ? this.results() : ''}
          <tree-view ?hidden=${searching} label=${t(m.tree)} .load=${this.load} .describe=${this.describe}
            @tree-select=${(e: CustomEvent<TreeRecord>) => (this.selected = e.detail as StandardView)}></tree-view>
        </section>
        ${this.details(this.selected)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'standards-page': StandardsPage;
  }
}
