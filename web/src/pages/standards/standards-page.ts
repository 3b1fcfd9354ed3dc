import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { StandardView } from '../../api/catalog.ts';
import { TreeSearchPage, type TreeSearchText } from '../../components/tree-search-page.ts';
import { type TreeLabel, type TreeRecord, treeLoader } from '../../components/tree-view.ts';
import { common, nav } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';

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
});

const title = (s: StandardView) => named({ name: s.title, nameEn: s.titleEn });

/** The 4-level standards tree (标准体系), lazily expanded, or a flat list of standards matching a search. */
@customElement('standards-page')
export class StandardsPage extends TreeSearchPage<StandardView> {
  protected readonly text: TreeSearchText = { ...m, heading: nav.standards };
  private readonly i18n = new LocaleController(this);

  protected readonly load = treeLoader('/standards', { level: 1 });

  protected readonly describe = (record: TreeRecord): TreeLabel => {
    const s = record as StandardView;
    return { label: title(s), code: s.code };
  };

  constructor() {
    super('/standards');
  }

  protected head() {
    return html`<th scope="col">${t(common.code)}</th>
      <th scope="col">${t(m.title)}</th>
      <th scope="col">${t(m.level)}</th>
      <th scope="col" class="hide-narrow">${t(m.childCount)}</th>`;
  }

  protected row(s: StandardView) {
    return html`<tr>
      <td>${s.code}</td>
      <td>${this.show(s, title(s))}</td>
      <td>${t(m.levelN, { n: s.level })}</td>
      <td class="hide-narrow">${formatNumber(s.childCount)}</td>
    </tr>`;
  }

  protected detailsTitle(s: StandardView) {
    return html`${s.code} ${title(s)}`;
  }

  protected details(s: StandardView) {
    return html`<dl class="fields">
      <dt>${t(common.code)}</dt><dd>${s.code}</dd>
      <dt>${t(m.titleZh)}</dt><dd lang="zh-CN">${s.title}</dd>
      <dt>${t(m.titleEn)}</dt><dd lang="en">${s.titleEn || t(common.none)}</dd>
      <dt>${t(m.level)}</dt><dd>${t(m.levelN, { n: s.level })}</dd>
      <dt>${t(m.childCount)}</dt><dd>${formatNumber(s.childCount)}</dd>
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'standards-page': StandardsPage;
  }
}
