import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { UnitView } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { reportsApi, type SummaryView } from '../../api/reports.ts';
import { chartTable } from '../../components/chart-table.ts';
import { errorMessage } from '../../components/error-message.ts';
import { common } from '../../i18n/common.ts';
import {
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  LocaleController,
  locale,
  named,
  t,
} from '../../i18n/i18n.ts';
import { periodBounds } from '../../../../server/inspections/period.ts';
import { FormPrintPage } from '../forms/form-print-page.ts';
import { dashboardMessages as m } from './messages.ts';
import { barCharts, PrintedPage, percent } from './parts.ts';

/** How many units and recurring problems one page has room for. */
const UNITS_LISTED = 10;
const RECURRENCE_LISTED = 6;

/**
 * A unit's figures for one month on one A4 page (月度报表): the key figures against the target, open forms
 * by grade and card, sources and causes, inspection coverage, recurring problems and the units below. Shown
 * without the app's header and navigation.
 */
@customElement('dashboard-print-page')
export class DashboardPrintPage extends LitElement {
  // The look of the form's print view (the toolbar, the A4 sheet and its head), tighter: a month on one page.
  static override styles = [
    FormPrintPage.styles,
    css`
      .sheet { font-size: 9.5pt; line-height: 1.35; }
      .head { margin-bottom: 3mm; }
      .head .centre { font-size: 11pt; letter-spacing: normal; }
      .head h1 { font-size: 16pt; margin: 1mm 0; letter-spacing: normal; }
      .head .for { font-size: 11pt; font-weight: 600; }
      .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; align-items: start; }
      .wide { grid-column: 1 / -1; }
      table { font-size: 9pt; }
      caption { color: #000; font-weight: 600; padding: 1mm 0; }
      th, td { padding: 0.6mm 1.5mm; border-bottom: 1px solid #999; line-height: 1.25; }
      th { background: #f2f2f2; font-size: 9pt; }
      /* One line a row, so the page holds its rows in either language: a long name is cut short. */
      tbody th[scope='row'] { background: none; font-weight: 400; white-space: nowrap; overflow: hidden;
        text-overflow: ellipsis; max-width: 0; width: 100%; }
      tbody tr:hover { background: none; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .met { color: #1a7f37; font-weight: 600; }
      .below { color: #b42318; font-weight: 600; }
      .more { font-size: 8.5pt; color: #333; margin: 0.5mm 0 0; }
      .foot { font-size: 8pt; }
    `,
  ];

  @property({ type: Number }) unitId = 0;
  /** YYYY-MM; this month when empty. */
  @property() month = '';
  @state() private summary: SummaryView | null = null;
  @state() private scopeName = '';
  @state() private centre = '';
  @state() private error: unknown = null;
  private readonly i18n = new LocaleController(this);
  private readonly printed = new PrintedPage(this, '@page { size: A4 portrait; margin: 12mm; }');

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('unitId') || changed.has('month')) void this.load();
  }

  private async load() {
    try {
      const range = this.month ? periodBounds(this.month) : null;
      const summary = await reportsApi.summary({
        unitId: this.unitId || undefined,
        from: range?.start,
        to: range?.end,
      });
      const [unit, roots] = await Promise.all([
        summary.unitId === null ? null : api.get<UnitView>(`/units/${summary.unitId}`),
        api.list<UnitView>('/units', { root: true, limit: 1 }).catch(() => null),
      ]);
      this.scopeName = unit ? named(unit) : t(m.yourUnits);
      this.centre = roots?.items[0] ? named(roots.items[0]) : t(common.centre);
      this.summary = summary;
    } catch (err) {
      this.error = err;
    }
  }

  private keyFigures(s: SummaryView) {
    const c = s.closure;
    const met = c.rate !== null && c.rate >= c.target;
    const filed = s.trend.reduce((n, p) => n + p.filed, 0);
    const row = (label: string, value: unknown) =>
      html`<tr><th scope="row">${label}</th><td class="num">${value}</td></tr>`;
    return html`<table data-testid="key-figures">
      <caption>${t(m.keyFigures)}</caption>
      <tbody>
        ${row(
          t(m.onTimeRate),
          html`<strong>${percent(c.rate)}</strong> <span class=${met ? 'met' : 'below'}>(${t(m.target, { target: percent(c.target) })})</span>`,
        )}
        ${row(t(m.filed), formatNumber(filed))}
        ${row(t(m.closed), formatNumber(c.closed))}
        ${row(t(m.onTime), formatNumber(c.onTime))}
        ${row(
          t(m.avgDays),
          c.avgWorkingDays === null
            ? t(m.noAvg)
            : t(m.workingDays, { days: formatNumber(Math.round(c.avgWorkingDays * 10) / 10) }),
        )}
        ${row(t(m.openForms), formatNumber(s.open.total))}
        ${row(t(m.overdue), formatNumber(s.open.overdue))}
      </tbody>
    </table>`;
  }

  private sheet(s: SummaryView) {
    const [grade, card, source, cause, coverage] = barCharts(s).map((c) =>
      chartTable(c.caption, c.head, c.bars),
    );
    const units = s.units.slice(0, UNITS_LISTED);
    const recurring = s.recurrence.slice(0, RECURRENCE_LISTED);
    const more = (n: number) => (n > 0 ? html`<p class="more">${t(m.andMore, { n })}</p>` : nothing);
    return html`<article class="sheet" lang=${locale()} aria-label=${t(m.sheetTitle)}>
      <div class="head">
        <div class="centre">${this.centre}</div>
        <h1>${t(m.sheetTitle)}</h1>
        <div class="for" data-testid="sheet-for">${t(m.sheetFor, { unit: this.scopeName, month: formatMonth(s.from.slice(0, 7)) })}</div>
      </div>
      <div class="cols">
        ${this.keyFigures(s)}
        <div>
          ${grade} ${card}
        </div>
        ${source} ${cause} ${coverage}
        <div>
          ${chartTable(
            t(m.recurrence),
            [t(m.what), t(m.forms)],
            recurring.map((r) => ({
              key: `${r.kind}-${r.id}`,
              label: `${r.code} ${named(r)}`,
              cells: [formatNumber(r.count)],
            })),
          )}
          ${more(s.recurrence.length - recurring.length)}
        </div>
        <div class="wide">
          ${chartTable(
            t(m.ranking),
            [t(common.unit), t(m.rank), t(m.rate), t(m.closed), t(m.open), t(m.overdue)],
            units.map((u) => ({
              key: String(u.unitId),
              label: named(u),
              cells: [
                String(u.rank),
                percent(u.rate),
                formatNumber(u.closed),
                formatNumber(u.open),
                formatNumber(u.overdue),
              ],
            })),
          )}
          ${more(s.units.length - units.length)}
        </div>
      </div>
      <div class="foot">
        <span>${t(m.period, { from: formatDate(s.from), to: formatDate(s.to), today: formatDate(s.today) })}</span>
        <span>${t(m.printedAt, { at: formatDateTime(new Date()) })}</span>
      </div>
    </article>`;
  }

  override render() {
    const back = `/dashboard${this.unitId ? `?unitId=${this.unitId}` : ''}`;
    return html`
      <div class="toolbar">
        <a href=${back}>${t(m.backToDashboard)}</a>
        <button class="primary" @click=${() => window.print()}>${t(m.printSheet)}</button>
        <p class="tip">${t(m.sheetTip)}</p>
      </div>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${this.summary ? this.sheet(this.summary) : this.error ? nothing : html`<p class="muted" role="status">${t(common.loading)}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-print-page': DashboardPrintPage;
  }
}
