import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.ts';
import { type Recurrence, reportsApi, type SummaryView, type UnitRank } from '../../api/reports.ts';
import '../../components/bar-chart.ts';
import { errorMessage } from '../../components/error-message.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { dataTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import '../../components/trend-chart.ts';
import { common } from '../../i18n/common.ts';
import { formatDate, formatNumber, formatPercent, LocaleController, named, t } from '../../i18n/i18n.ts';
import { onNavigate } from '../../router.ts';
import { base } from '../../styles.ts';
import { dashboardMessages as m } from './messages.ts';
import { barCharts, PrintedPage, percent, trendHead, trendPoints } from './parts.ts';

const FILTER_KEYS = ['unitId', 'from', 'to'] as const;
type NamedUnit = { id: number; name: string; nameEn: string };

/** The dashboard styles, screen and print (the printed dashboard fits A4 portrait). */
const styles = css`
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin-bottom: 1rem; }
  .tile { border: 1px solid var(--c-border); border-radius: var(--radius); padding: 1rem; background: var(--c-bg); }
  .tile h2 { margin: 0 0 0.25rem; font-size: 0.95rem; color: var(--c-muted); font-weight: 600; }
  .tile .big { font-size: 2.1rem; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
  .tile p { margin: 0.2rem 0 0; }
  .met { color: var(--c-ok); font-weight: 600; }
  .below { color: var(--c-danger); font-weight: 600; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; align-items: start; }
  .charts .card, .trend { margin: 0; }
  .trend { margin-bottom: 1rem; }
  .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: center; margin: 0 0 1rem; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; white-space: nowrap; }
  section.block { margin-top: 1.25rem; }
  .filters input[type='date'] { min-width: 10rem; }
  @media print {
    .filters, .actions { display: none !important; }
    .tiles { grid-template-columns: repeat(3, 1fr); gap: 3mm; }
    .charts { grid-template-columns: repeat(2, 1fr); gap: 3mm; }
    .tile, .card { padding: 3mm; break-inside: avoid; }
    .tile .big { font-size: 18pt; }
    section.block { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
    :host { font-size: 10pt; }
  }
`;

/**
 * The dashboard (工作看板) of a unit's subtree, or the caller's units: on-time closure against the 100% target,
 * open and overdue forms, working days to close, charts of the figures (each with its data table), recurring
 * problems and a ranking of the units below, which opens their own dashboard. Prints on A4.
 */
@customElement('dashboard-page')
export class DashboardPage extends LitElement {
  static override styles = [base, styles];

  @state() private summary: SummaryView | null = null;
  @state() private unit: NamedUnit | null = null;
  @state() private error: unknown = null;
  // One answer, not a paged list: the filters stay in the address bar and load it whole.
  private readonly list = new FilteredList<never, (typeof FILTER_KEYS)[number]>(
    this,
    '/reports/summary',
    FILTER_KEYS,
    { loadWhen: () => false, onRefresh: (f) => this.load(f) },
  );
  private readonly i18n = new LocaleController(this);
  private readonly printed = new PrintedPage(this, '@page { size: A4 portrait; margin: 12mm; }');
  private stopNavigation?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // A unit in the ranking opens its own dashboard at this same page: read the new address then.
    this.stopNavigation = onNavigate(() => {
      if (location.pathname === '/dashboard') this.list.hostConnected();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopNavigation?.();
  }

  private async load(f: { unitId?: string; from?: string; to?: string }) {
    this.error = null;
    try {
      const summary = await reportsApi.summary(f);
      this.unit =
        summary.unitId === null
          ? null
          : this.unit?.id === summary.unitId
            ? this.unit
            : await api.get<NamedUnit>(`/units/${summary.unitId}`);
      this.summary = summary;
    } catch (err) {
      this.error = err;
    }
  }

  private tiles(s: SummaryView) {
    const c = s.closure;
    const target = formatPercent(c.target);
    const met = c.rate !== null && c.rate >= c.target;
    return html`<div class="tiles">
      <section class="tile" aria-labelledby="t-rate" data-testid="tile-rate">
        <h2 id="t-rate">${t(m.onTimeRate)}</h2>
        <div class="big" data-rate=${c.rate ?? ''}>${percent(c.rate)}</div>
        <p class=${met ? 'met' : 'below'}>${t(m.target, { target })} · ${met ? t(m.metTarget) : t(m.belowTarget)}</p>
        <p class="muted">${
          c.closed
            ? t(m.onTimeOfClosed, { closed: formatNumber(c.closed), onTime: formatNumber(c.onTime) })
            : t(m.noneClosed)
        }</p>
      </section>
      <section class="tile" aria-labelledby="t-open" data-testid="tile-open">
        <h2 id="t-open">${t(m.openForms)}</h2>
        <div class="big">${formatNumber(s.open.total)}</div>
        <p class=${s.open.overdue ? 'below' : 'muted'}>${t(m.overdueOf, {
          overdue: formatNumber(s.open.overdue),
          yellow: formatNumber(s.open.byCard.yellow),
        })}</p>
      </section>
      <section class="tile" aria-labelledby="t-days" data-testid="tile-days">
        <h2 id="t-days">${t(m.avgDays)}</h2>
        <div class="big">${
          c.avgWorkingDays === null
            ? t(m.noAvg)
            : t(m.workingDays, { days: formatNumber(Math.round(c.avgWorkingDays * 10) / 10) })
        }</div>
        <p class="muted">${t(m.avgDaysNote)}</p>
      </section>
    </div>`;
  }

  private charts(s: SummaryView) {
    return html`
      <section class="card trend">
        <trend-chart .caption=${t(m.trend)} .head=${trendHead()} .points=${trendPoints(s)}
          .legend=${[t(m.filed), t(m.closed), t(m.rate)]} .target=${s.closure.target}></trend-chart>
      </section>
      <div class="charts">
        ${barCharts(s).map(
          (c) => html`<section class="card">
            <bar-chart data-chart=${c.key} .caption=${c.caption} .head=${c.head} .bars=${c.bars}
              .max=${c.rate ? 1 : 0} .target=${c.rate ? s.closure.target : null}></bar-chart>
            ${c.note ? html`<p class="muted">${c.note}</p>` : nothing}
          </section>`,
        )}
      </div>
    `;
  }

  private recurrence(s: SummaryView) {
    const link = (r: Recurrence) =>
      r.kind === 'post'
        ? { page: `/posts/${r.id}`, forms: `/forms?postId=${r.id}` }
        : { page: `/risk-points/${r.id}`, forms: `/forms?riskPointId=${r.id}` };
    return html`<section class="block" aria-labelledby="s-recurrence" data-testid="recurrence">
      <h2 id="s-recurrence">${t(m.recurrence)}</h2>
      <p class="muted">${t(m.recurrenceNote, { to: formatDate(s.to) })}</p>
      ${
        s.recurrence.length
          ? dataTable(
              t(m.recurrence),
              html`<th scope="col">${t(m.what)}</th><th scope="col">${t(m.kind)}</th>
                <th scope="col" class="num">${t(m.forms)}</th><th scope="col">${t(m.lastFound)}</th>
                <th scope="col"><span class="visually-hidden">${t(m.seeForms)}</span></th>`,
              s.recurrence,
              (r) => html`<tr data-kind=${r.kind} data-id=${r.id}>
                <th scope="row"><a class="code" href=${link(r).page}>${r.code}</a> ${named(r)}</th>
                <td>${t(r.kind === 'post' ? m.post : m.riskPoint)}</td>
                <td class="num">${formatNumber(r.count)}</td>
                <td>${formatDate(r.lastFoundOn)}</td>
                <td><a href=${link(r).forms}>${t(m.seeForms)}</a></td>
              </tr>`,
            )
          : html`<p>${t(m.noRecurrence)}</p>`
      }
    </section>`;
  }

  private ranking(s: SummaryView) {
    const drill = (u: UnitRank) => `/dashboard?unitId=${u.unitId}&from=${s.from}&to=${s.to}`;
    return html`<section class="block" aria-labelledby="s-ranking" data-testid="ranking">
      <h2 id="s-ranking">${t(m.ranking)}</h2>
      <p class="muted">${t(m.rankingNote)}</p>
      ${
        s.units.length
          ? dataTable(
              t(m.ranking),
              html`<th scope="col" class="num">${t(m.rank)}</th><th scope="col">${t(common.unit)}</th>
                <th scope="col" class="num">${t(m.rate)}</th><th scope="col" class="num">${t(m.closed)}</th>
                <th scope="col" class="num">${t(m.onTime)}</th><th scope="col" class="num">${t(m.open)}</th>
                <th scope="col" class="num">${t(m.overdue)}</th>`,
              s.units,
              (u) => html`<tr data-unit=${u.unitId}>
                <td class="num">${u.rank}</td>
                <th scope="row"><a href=${drill(u)}>${named(u)}</a></th>
                <td class="num">${percent(u.rate)}</td>
                <td class="num">${formatNumber(u.closed)}</td>
                <td class="num">${formatNumber(u.onTime)}</td>
                <td class="num">${formatNumber(u.open)}</td>
                <td class="num">${formatNumber(u.overdue)}</td>
              </tr>`,
            )
          : html`<p>${t(m.noUnits)}</p>`
      }
    </section>`;
  }

  private view(s: SummaryView) {
    const sheet = `/dashboard/print?${new URLSearchParams({
      ...(s.unitId === null ? {} : { unitId: String(s.unitId) }),
      month: s.to.slice(0, 7),
    })}`;
    return html`
      <p class="muted">
        ${t(m.scope, { unit: this.unit ? named(this.unit) : t(m.yourUnits) })} ·
        ${t(m.period, { from: formatDate(s.from), to: formatDate(s.to), today: formatDate(s.today) })}
      </p>
      <div class="actions">
        <button @click=${() => window.print()}>${t(m.print)}</button>
        <a class="button" href=${sheet}>${t(m.monthlySheet)}</a>
      </div>
      ${this.tiles(s)} ${this.charts(s)} ${this.recurrence(s)} ${this.ranking(s)}
    `;
  }

  override render() {
    const f = this.list.filters;
    const s = this.summary;
    const date = (key: 'from' | 'to', label: string) =>
      html`<label>${label}<input type="date" .value=${f[key] ?? s?.[key] ?? ''}
        @change=${(e: Event) => this.list.set(key, (e.target as HTMLInputElement).value)} /></label>`;
    return html`
      <h1>${t(m.title)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        ${date('from', t(m.from))} ${date('to', t(m.to))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${s ? this.view(s) : this.error ? nothing : html`<p class="muted" role="status">${t(common.loading)}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-page': DashboardPage;
  }
}
