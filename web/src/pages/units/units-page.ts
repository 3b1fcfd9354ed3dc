import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { UnitView } from '../../api/catalog.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { TreeSearchPage, type TreeSearchText } from '../../components/tree-search-page.ts';
import { type TreeLabel, type TreeRecord, treeLoader } from '../../components/tree-view.ts';
import { common, nav, unitKinds, unitLevels } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';

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
});

/** The unit tree (单位): lazily expanded from the root, or a flat list of units matching a search. */
@customElement('units-page')
export class UnitsPage extends TreeSearchPage<UnitView> {
  static override styles = [
    TreeSearchPage.styles,
    css`
      aside ul { padding-left: 1.2rem; margin: 0.25rem 0 0; }
      aside li { margin: 0.2rem 0; }
    `,
  ];

  protected readonly text: TreeSearchText = { ...m, heading: nav.units };
  protected override readonly expandSingleRoot = true;
  private readonly i18n = new LocaleController(this);

  protected readonly load = treeLoader('/units', { root: true });

  protected readonly describe = (record: TreeRecord): TreeLabel => {
    const u = record as UnitView;
    return {
      label: named(u),
      code: u.code,
      details: [enumLabel(unitLevels, u.level), enumLabel(unitKinds, u.kind)],
    };
  };

  constructor() {
    super('/units');
  }

  protected head() {
    return html`<th scope="col">${t(common.code)}</th>
      <th scope="col">${t(common.name)}</th>
      <th scope="col">${t(m.level)}</th>
      <th scope="col" class="hide-narrow">${t(m.kind)}</th>
      <th scope="col" class="hide-narrow">${t(m.childCount)}</th>`;
  }

  protected row(u: UnitView) {
    return html`<tr>
      <td>${u.code}</td>
      <td>${this.show(u, named(u))}</td>
      <td>${enumLabel(unitLevels, u.level)}</td>
      <td class="hide-narrow">${enumLabel(unitKinds, u.kind)}</td>
      <td class="hide-narrow">${formatNumber(u.childCount)}</td>
    </tr>`;
  }

  protected detailsTitle(u: UnitView) {
    return named(u);
  }

  protected details(u: UnitView) {
    return html`<dl class="fields">
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
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'units-page': UnitsPage;
  }
}
