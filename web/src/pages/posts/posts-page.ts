import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PostView } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { chipFilter, chipFilterStyles, textFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, nav, postKinds } from '../../i18n/common.ts';
import { defineMessages, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { postMessages as pm } from './messages.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '窗口岗位和科室岗位是整改责任岗位。每个岗位的责任链：直接责任人（在岗人员）、部门负责人、分管领导。',
    en: 'Window posts and office posts are the rectification responsibility posts. Each has a responsibility chain: the holder, the department head and the leader in charge.',
  },
  kindFilter: { 'zh-CN': '按岗位类型筛选', en: 'Filter by kind' },
  allKinds: { 'zh-CN': '全部岗位', en: 'All posts' },
  textHint: { 'zh-CN': '编码、名称或窗口号', en: 'Code, name or window number' },
});

const FILTER_KEYS = ['kind', 'unitId', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Kind = 'window' | 'office';

/** The responsibility posts (岗位): a window/office toggle with counts, unit and text filters, a paged table. */
@customElement('posts-page')
export class PostsPage extends LitElement {
  static override styles = [
    base,
    chipFilterStyles,
    css`
      .count { font-variant-numeric: tabular-nums; }
      td.code, td.kind { white-space: nowrap; }
      ul.people { list-style: none; margin: 0; padding: 0; }
    `,
  ];

  @state() private counts: Record<Kind, number> | null = null;
  private readonly list = new FilteredList<PostView, FilterKey>(this, '/posts', FILTER_KEYS, {
    // The kind chips count what the other filters leave, so each chip says what choosing it would show.
    onRefresh: async ({ kind: _kind, ...others }) => {
      const count = (kind: Kind) =>
        api.list<PostView>('/posts', { ...others, kind, limit: 1 }).then(
          (p) => p.total,
          () => Number.NaN,
        );
      const [windows, office] = await Promise.all([count('window'), count('office')]);
      this.counts = Number.isNaN(windows) || Number.isNaN(office) ? null : { window: windows, office };
    },
  });
  private readonly i18n = new LocaleController(this);

  override render() {
    const f = this.list.filters;
    return html`
      <h1>${t(nav.posts)}</h1>
      <p class="muted">${t(m.intro)}</p>
      ${chipFilter({
        label: t(m.kindFilter),
        key: 'kind',
        options: postKinds,
        allLabel: t(m.allKinds),
        counts: this.counts,
        value: f.kind,
        onChange: (v) => this.list.set('kind', v),
      })}
      <div class="filters">
        ${textFilter(t(m.textHint), f.q, (v) => this.list.set('q', v, 300))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${listTable(
        this.list,
        t(nav.posts),
        html`<th scope="col">${t(common.code)}</th>
          <th scope="col">${t(common.name)}</th>
          <th scope="col" class="hide-narrow">${t(pm.kind)}</th>
          <th scope="col">${t(pm.windowNo)}</th>
          <th scope="col" class="hide-narrow">${t(common.unit)}</th>
          <th scope="col">${t(pm.holders)}</th>
          <th scope="col" class="hide-narrow">${t(pm.departmentHead)}</th>
          <th scope="col" class="hide-narrow">${t(pm.leaderInCharge)}</th>`,
        (p) => html`<tr>
          <td class="code"><a href="/posts/${p.id}">${p.code}</a></td>
          <td><a href="/posts/${p.id}">${named(p)}</a></td>
          <td class="hide-narrow kind">${enumLabel(postKinds, p.kind)}</td>
          <td>${p.windowNo ?? html`<span class="muted">—</span>`}</td>
          <td class="hide-narrow">${named({ name: p.unitName, nameEn: p.unitNameEn })}</td>
          <td>${
            p.holders.length
              ? html`<ul class="people">${p.holders.map((h) => html`<li>${named(h)}</li>`)}</ul>`
              : html`<span class="muted">${t(pm.vacant)}</span>`
          }</td>
          <td class="hide-narrow">${named(p.departmentHead) || html`<span class="muted">${t(common.none)}</span>`}</td>
          <td class="hide-narrow">${named(p.leaderInCharge) || html`<span class="muted">${t(common.none)}</span>`}</td>
        </tr>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'posts-page': PostsPage;
  }
}
