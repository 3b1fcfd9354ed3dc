import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type PostScores, scorecardsApi, type UnitScores } from '../../api/scorecards.ts';
import { errorMessage } from '../../components/error-message.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { monthFilter } from '../../components/filters.ts';
import { dataTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common } from '../../i18n/common.ts';
import { formatDateTime, formatMonth, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { bandChip, changeText, flagChip, scorecardMessages as m, scorecardStyles } from './parts.ts';

const FILTER_KEYS = ['month', 'unitId'] as const;

/**
 * The monthly ranking (岗位月度考评): posts and units by score for a month, each with the change from the
 * month before, band chips and the formal-talk flag; a post opens its month, deduction by deduction. Holders
 * see their own posts; leaders and supervisors their units.
 */
@customElement('scorecards-page')
export class ScorecardsPage extends LitElement {
  static override styles = [
    base,
    scorecardStyles,
    css`
      .state { margin: 0.5rem 0 1rem; }
      tbody th[scope='row'] { background: none; font-weight: 600; }
    `,
  ];

  @state() private posts: PostScores | null = null;
  @state() private units: UnitScores | null = null;
  @state() private error: unknown = null;
  // One answer per month and unit, not a paged list: the filters stay in the address bar.
  private readonly list = new FilteredList<never, (typeof FILTER_KEYS)[number]>(
    this,
    '/scorecards',
    FILTER_KEYS,
    {
      loadWhen: () => false,
      onRefresh: async (f) => {
        this.error = null;
        try {
          [this.posts, this.units] = await Promise.all([scorecardsApi.posts(f), scorecardsApi.units(f)]);
        } catch (err) {
          this.error = err;
        }
      },
    },
  );
  private readonly i18n = new LocaleController(this);

  private unitTable(u: UnitScores, month: string) {
    if (u.items.length === 0) return nothing;
    return html`<h2>${t(m.units)}</h2>
      ${dataTable(
        t(m.units),
        html`<th scope="col" class="num">${t(m.rank)}</th><th scope="col">${t(common.unit)}</th>
          <th scope="col" class="num">${t(m.average)}</th><th scope="col" class="num">${t(m.change)}</th>
          <th scope="col">${t(m.band)}</th><th scope="col" class="num hide-narrow">${t(m.postsCount)}</th>`,
        u.items,
        (r) => html`<tr data-unit=${r.unitId}>
          <td class="num">${r.rank ?? '—'}</td>
          <th scope="row"><a href="/scorecards?month=${month}&unitId=${r.unitId}">${named(r)}</a></th>
          <td class="num">${r.average === null ? '—' : formatNumber(r.average)}</td>
          <td class="num">${changeText(r.change)}</td>
          <td>${bandChip(r.band)}</td>
          <td class="num hide-narrow">${formatNumber(r.posts)}</td>
        </tr>`,
      )}`;
  }

  private postTable(p: PostScores) {
    if (p.items.length === 0) return html`<p class="muted">${t(m.none)}</p>`;
    return dataTable(
      t(m.posts),
      html`<th scope="col" class="num">${t(m.rank)}</th><th scope="col">${t(m.post)}</th>
        <th scope="col" class="hide-narrow">${t(common.unit)}</th><th scope="col" class="num">${t(m.score)}</th>
        <th scope="col" class="num">${t(m.change)}</th><th scope="col">${t(m.band)}</th>`,
      p.items,
      (r) => html`<tr data-post=${r.postId}>
        <td class="num">${r.rank}</td>
        <th scope="row"><a href="/scorecards/${p.month}/posts/${r.postId}">${r.code} ${named(r)}</a>
          ${r.flagged ? flagChip() : nothing}</th>
        <td class="hide-narrow">${named({ name: r.unitName, nameEn: r.unitNameEn })}</td>
        <td class="num">${formatNumber(r.total)}</td>
        <td class="num">${changeText(r.change)}</td>
        <td>${bandChip(r.band)}</td>
      </tr>`,
    );
  }

  override render() {
    const f = this.list.filters;
    const p = this.posts;
    const month = f.month ?? p?.month ?? '';
    const print = `/scorecards/print?month=${month}${f.unitId ? `&unitId=${f.unitId}` : ''}`;
    return html`
      <h1>${t(m.title)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${monthFilter(t(m.month), month, (v) => this.list.set('month', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
        <a href=${print}>${t(m.print)}</a>
      </div>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${
        p
          ? html`<p class="state muted" data-testid="month-state">${formatMonth(p.month)} ·
              ${p.closed && p.closedAt ? t(m.closedOn, { at: formatDateTime(p.closedAt) }) : t(m.live)}</p>
              ${this.units ? this.unitTable(this.units, p.month) : nothing}
              <h2>${t(m.posts)}</h2>
              ${this.postTable(p)}`
          : this.error
            ? nothing
            : html`<p class="muted" role="status">${t(common.loading)}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scorecards-page': ScorecardsPage;
  }
}
