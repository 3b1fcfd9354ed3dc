import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { UnitView } from '../../api/catalog.ts';
import { enumLabel } from '../../components/enum-label.ts';
import '../../components/list-footer.ts';
import { PagedList } from '../../components/paged-list.ts';
import { fetchAll, type TreeLabel, type TreeRecord } from '../../components/tree-view.ts';
import '../../components/tree-view.ts';
import { common, nav, unitKinds, unitLevels } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '中心、市级部门及科室、区县、乡镇（街道）和村（社区）组成的单位树。展开节点可查看下级单位。',
    en: 'The tree of units: the centre, city departments and their sections, districts, towns and villages. Expand a node to see the units under it.',
  },
  search: { 'zh-CN': '查找单位', en: 'Find a unit' },
  searchHint: { 'zh-CN': '名称或编码', en: 'Name or code' },
  tree: { 'zh-CN': '单位树', en: 'Unit tree' },
  results: { 'zh-CN': '查找结果', en: 'Matching units' },
  level: { 'zh-CN': '层级', en: 'Level' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  childCount: { 'zh-CN': '下级单位数', en: 'Units below' },
  nameZh: { 'zh-CN': '中文名称', en: 'Chinese name' },
  nameEn: { 'zh-CN': '英文名称', en: 'English name' },
  selected: { 'zh-CN': '所选单位', en: 'Selected unit' },
  pickOne: {
    'zh-CN': '在单位树中选择一个单位（回车或点击），查看其岗位、人员和事项。',
    en: 'Choose a unit in the tree (Enter or click) to see its posts, people and items.',
  },
  related: { 'zh-CN': '本单位及下级的', en: 'In this unit and below' },
  show: { 'zh-CN': '查看 {name}', en: 'Show {name}' },
});

/** Units in the tree's order: by sort order, then by id. */
function ordered(units: UnitView[]): UnitView[] {
  return [...units].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

/** The unit tree (单位): lazily expanded from the root, or a flat list of units matching a search. */
@customElement('units-page')
export class UnitsPage extends LitElement {
  static override styles = [
    base,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1rem; align-items: start; }
      aside.card { position: sticky; top: 0.5rem; }
      aside > :first-child { margin-top: 0; }
      aside ul { padding-left: 1.2rem; margin: 0.25rem 0 0; }
      aside li { margin: 0.2rem 0; }
      .search { max-width: 28rem; }
      td button.link { padding: 0; text-align: left; }
      @media (max-width: 900px) {
        .layout { grid-template-columns: 1fr; }
        aside.card { position: static; }
      }
    `,
  ];

  @state() private q = '';
  @state() private selected: UnitView | null = null;
  private readonly list = new PagedList<UnitView>(this, '/units', 100);
  private readonly i18n = new LocaleController(this);
  private debounce?: ReturnType<typeof setTimeout>;

  private readonly load = async (parentId: number | null): Promise<TreeRecord[]> =>
    ordered(await fetchAll<UnitView>('/units', parentId === null ? { root: true } : { parentId }));

  private readonly describe = (record: TreeRecord): TreeLabel => {
    const u = record as UnitView;
    return {
      label: named(u),
      code: u.code,
      details: [enumLabel(unitLevels, u.level), enumLabel(unitKinds, u.kind)],
    };
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

  private details(u: UnitView | null) {
    if (!u)
      return html`<aside class="card" aria-label=${t(m.selected)}><p class="muted">${t(m.pickOne)}</p></aside>`;
    return html`<aside class="card" aria-labelledby="selected-title" aria-live="polite">
      <h2 id="selected-title">${named(u)}</h2>
      <dl class="fields">
        <dt>${t(common.code)}</dt><dd>${u.code}</dd>
        <dt>${t(m.nameZh)}</dt><dd lang="zh-CN">${u.name}</dd>
        <dt>${t(m.nameEn)}</dt><dd lang="en">${u.nameEn || t(common.none)}</dd>
        <dt>${t(m.level)}</dt><dd>${enumLabel(unitLevels, u.level)}</dd>
        <dt>${t(m.kind)}</dt><dd>${enumLabel(unitKinds, u.kind)}</dd>
        <dt>${t(m.childCount)}</dt><dd>${formatNumber(u.childCount)}</dd>
      </dl>
      <h3>${t(m.related)}</h3>
      <ul>
        <li><a href="/posts?unitId=${u.id}">${t(nav.posts)}</a></li>
        <li><a href="/people?unitId=${u.id}">${t(nav.people)}</a></li>
        <li><a href="/approval-items?unitId=${u.id}">${t(nav.approvalItems)}</a></li>
        <li><a href="/responsibility-points?unitId=${u.id}">${t(nav.responsibilityPoints)}</a></li>
        <li><a href="/risk-points?unitId=${u.id}">${t(nav.riskPoints)}</a></li>
      </ul>
    </aside>`;
  }

  private results() {
    return html`<div class="table-wrap">
        <table>
          <caption class="visually-hidden">${t(m.results)}</caption>
          <thead>
            <tr>
              <th scope="col">${t(common.code)}</th>
              <th scope="col">${t(common.name)}</th>
              <th scope="col">${t(m.level)}</th>
              <th scope="col" class="hide-narrow">${t(m.kind)}</th>
              <th scope="col" class="hide-narrow">${t(m.childCount)}</th>
            </tr>
          </thead>
          <tbody>
            ${this.list.items.map(
              (u) => html`<tr>
                <td>${u.code}</td>
                <td><button class="link" aria-label=${t(m.show, { name: named(u) })} aria-pressed=${this.selected?.id === u.id}
                  @click=${() => (this.selected = u)}>${named(u)}</button></td>
                <td>${enumLabel(unitLevels, u.level)}</td>
                <td class="hide-narrow">${enumLabel(unitKinds, u.kind)}</td>
                <td class="hide-narrow">${formatNumber(u.childCount)}</td>
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
      <h1>${t(nav.units)}</h1>
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
          <tree-view ?hidden=${searching} label=${t(m.tree)} expandSingleRoot .load=${this.load} .describe=${this.describe}
            @tree-select=${(e: CustomEvent<TreeRecord>) => (this.selected = e.detail as UnitView)}></tree-view>
        </section>
        ${this.details(this.selected)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'units-page': UnitsPage;
  }
}
