import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PostView } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { enumLabel } from '../../components/enum-label.ts';
import '../../components/list-footer.ts';
import { PagedList } from '../../components/paged-list.ts';
import '../../components/ref-select.ts';
import { common, nav, postKinds } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
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
  text: { 'zh-CN': '关键词', en: 'Text' },
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
    css`
      .chips { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.75rem 0; }
      .chips button { border-radius: 999px; }
      .chips button[aria-pressed='true'] { outline: 3px solid var(--c-text); outline-offset: 1px; font-weight: 600; }
      .count { font-variant-numeric: tabular-nums; }
      td.code, td.kind { white-space: nowrap; }
      ul.people { list-style: none; margin: 0; padding: 0; }
    `,
  ];

  @state() private filters: Partial<Record<FilterKey, string>> = {};
  @state() private counts: Record<Kind, number> | null = null;
  private readonly list = new PagedList<PostView>(this, '/posts');
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
    const { kind: _kind, ...others } = this.filters;
    const count = (kind: Kind) =>
      api.list<PostView>('/posts', { ...others, kind, limit: 1 }).then(
        (p) => p.total,
        () => Number.NaN,
      );
    const [windows, office] = await Promise.all([
      count('window'),
      count('office'),
      this.list.load(this.filters),
    ]);
    this.counts = Number.isNaN(windows) || Number.isNaN(office) ? null : { window: windows, office };
  }

  private set(key: FilterKey, value: string | undefined, delay = 0) {
    this.filters = { ...this.filters, [key]: value || undefined };
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), delay);
  }

  private chip(kind: Kind | undefined) {
    const pressed = this.filters.kind === kind || (!kind && !this.filters.kind);
    const count = !this.counts
      ? undefined
      : kind
        ? this.counts[kind]
        : this.counts.window + this.counts.office;
    return html`<button class="chip" aria-pressed=${pressed} data-kind=${kind ?? 'all'} @click=${() => this.set('kind', kind)}>
      ${kind ? enumLabel(postKinds, kind) : t(m.allKinds)}
      <span class="count">${count === undefined ? '…' : formatNumber(count)}</span>
    </button>`;
  }

  override render() {
    const f = this.filters;
    return html`
      <h1>${t(nav.posts)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="chips" role="group" aria-label=${t(m.kindFilter)}>
        ${this.chip(undefined)} ${this.chip('window')} ${this.chip('office')}
      </div>
      <div class="filters">
        <label>${t(m.text)}
          <input type="search" .value=${f.q ?? ''} placeholder=${t(m.textHint)}
            @input=${(e: Event) => this.set('q', (e.target as HTMLInputElement).value, 300)} />
        </label>
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.set('unitId', e.detail)}></ref-select>
        <button @click=${() => {
          this.filters = {};
          void this.refresh();
        }}>${t(common.clear)}</button>
      </div>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${t(nav.posts)}</caption>
          <thead>
            <tr>
              <th scope="col">${t(common.code)}</th>
              <th scope="col">${t(common.name)}</th>
              <th scope="col" class="hide-narrow">${t(pm.kind)}</th>
              <th scope="col">${t(pm.windowNo)}</th>
              <th scope="col" class="hide-narrow">${t(common.unit)}</th>
              <th scope="col">${t(pm.holders)}</th>
              <th scope="col" class="hide-narrow">${t(pm.departmentHead)}</th>
              <th scope="col" class="hide-narrow">${t(pm.leaderInCharge)}</th>
            </tr>
          </thead>
          <tbody>
            ${this.list.items.map(
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
    'posts-page': PostsPage;
  }
}
