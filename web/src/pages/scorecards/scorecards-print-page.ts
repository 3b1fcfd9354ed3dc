import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { UnitView } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { type PostScores, scorecardsApi, type UnitScores } from '../../api/scorecards.ts';
import { errorMessage } from '../../components/error-message.ts';
import { common } from '../../i18n/common.ts';
import {
  formatDateTime,
  formatMonth,
  formatNumber,
  LocaleController,
  locale,
  named,
  t,
} from '../../i18n/i18n.ts';
import { DashboardPrintPage } from '../dashboard/dashboard-print-page.ts';
import { PrintedPage } from '../dashboard/parts.ts';
import { bandLabels, scorecardMessages as m } from './parts.ts';

/**
 * A unit's monthly ranking on A4 (月度考评排名): its units by average and every post of its subtree by score,
 * with the change from the month before, the band and the formal-talk flag. Shown without the app's header.
 */
@customElement('scorecards-print-page')
export class ScorecardsPrintPage extends LitElement {
  // The dashboard's monthly sheet's look (the A4 sheet, its head and tables); rows may run onto more pages.
  static override styles = [
    DashboardPrintPage.styles,
    css`
      table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
      caption { text-align: left; }
      tr { break-inside: avoid; }
      .foot { display: flex; justify-content: space-between; }
    `,
  ];

  @property({ type: Number }) unitId = 0;
  @property() month = '';
  @state() private posts: PostScores | null = null;
  @state() private units: UnitScores | null = null;
  @state() private scopeName = '';
  @state() private error: unknown = null;
  private readonly i18n = new LocaleController(this);
  private readonly printed = new PrintedPage(this, '@page { size: A4 portrait; margin: 12mm; }');

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('unitId') || changed.has('month')) void this.load();
  }

  private async load() {
    try {
      const scope = { month: this.month || undefined, unitId: this.unitId || undefined };
      const [posts, units, unit] = await Promise.all([
        scorecardsApi.posts(scope),
        scorecardsApi.units(scope),
        this.unitId ? api.get<UnitView>(`/units/${this.unitId}`) : null,
      ]);
      this.scopeName = unit ? named(unit) : t(m.allUnits);
      [this.posts, this.units] = [posts, units];
    } catch (err) {
      this.error = err;
    }
  }

  private sheet(p: PostScores, u: UnitScores | null) {
    const change = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${formatNumber(n)}`);
    return html`<article class="sheet" lang=${locale()} aria-label=${t(m.sheetTitle)}>
      <div class="head">
        <h1>${t(m.sheetTitle)}</h1>
        <div class="for" data-testid="sheet-for">${t(m.sheetFor, { unit: this.scopeName, month: formatMonth(p.month) })}</div>
        <div>${p.closed && p.closedAt ? t(m.closedOn, { at: formatDateTime(p.closedAt) }) : t(m.live)}</div>
      </div>
      ${
        u?.items.length
          ? html`<table>
              <caption>${t(m.units)}</caption>
              <thead><tr><th class="num">${t(m.rank)}</th><th>${t(common.unit)}</th><th class="num">${t(m.average)}</th>
                <th class="num">${t(m.change)}</th><th>${t(m.band)}</th></tr></thead>
              <tbody>${u.items.map(
                (r) => html`<tr><td class="num">${r.rank ?? '—'}</td><td>${named(r)}</td>
                  <td class="num">${r.average === null ? '—' : formatNumber(r.average)}</td>
                  <td class="num">${change(r.change)}</td><td>${r.band ? t(bandLabels[r.band]) : '—'}</td></tr>`,
              )}</tbody>
            </table>`
          : nothing
      }
      <table data-testid="post-ranking">
        <caption>${t(m.posts)}</caption>
        <thead><tr><th class="num">${t(m.rank)}</th><th>${t(m.post)}</th><th>${t(common.unit)}</th>
          <th class="num">${t(m.score)}</th><th class="num">${t(m.change)}</th><th>${t(m.band)}</th></tr></thead>
        <tbody>${p.items.map(
          (
            r,
          ) => html`<tr><td class="num">${r.rank}</td><td>${r.code} ${named(r)}${r.flagged ? ` · ${t(m.flagged)}` : ''}</td>
            <td>${named({ name: r.unitName, nameEn: r.unitNameEn })}</td><td class="num">${formatNumber(r.total)}</td>
            <td class="num">${change(r.change)}</td><td>${t(bandLabels[r.band])}</td></tr>`,
        )}</tbody>
      </table>
      ${p.nextCursor ? html`<p>${t(m.more, { n: p.total - p.items.length })}</p>` : nothing}
      <div class="foot"><span>${t(m.printedAt, { at: formatDateTime(new Date()) })}</span></div>
    </article>`;
  }

  override render() {
    const back = `/scorecards?month=${this.month}${this.unitId ? `&unitId=${this.unitId}` : ''}`;
    return html`
      <div class="toolbar">
        <a href=${back}>${t(m.backToRanking)}</a>
        <button class="primary" @click=${() => window.print()}>${t(m.printSheet)}</button>
        <p class="tip">${t(m.sheetTip)}</p>
      </div>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${this.posts ? this.sheet(this.posts, this.units) : this.error ? nothing : html`<p class="muted" role="status">${t(common.loading)}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scorecards-print-page': ScorecardsPrintPage;
  }
}
