import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type CoverageView, inspectionsApi, type Rate } from '../../api/inspections.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { dataTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, grades } from '../../i18n/common.ts';
import {
  defineMessages,
  formatMonth,
  formatNumber,
  formatPercent,
  LocaleController,
  named,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { gradeChip } from '../forms/parts.ts';
import { inspectionMessages as im } from './messages.ts';
import { inspectionStyles, inspectionTabs, monthField } from './parts.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '当月应查的风险防控点中已检查的比例，目标为 {target}。按风险等级和单位统计。',
    en: 'The share of the risk control points due in the month that were checked, against a target of {target}; per grade and per unit.',
  },
  overall: { 'zh-CN': '{month}总体覆盖率', en: 'Coverage in {month}' },
  scope: { 'zh-CN': '范围：{unit}', en: 'Scope: {unit}' },
  wholeCentre: { 'zh-CN': '全部单位', en: 'All units' },
  ofTarget: { 'zh-CN': '目标 {target}', en: 'Target {target}' },
  checkedOfDue: { 'zh-CN': '已查 {checked} / 应查 {due}', en: '{checked} of {due} checked' },
  byGrade: { 'zh-CN': '按风险等级', en: 'By grade' },
  byUnit: { 'zh-CN': '按单位', en: 'By unit' },
  byUnitNote: {
    'zh-CN': '覆盖率最低的单位在前；当月无应查风险点的显示为“—”。',
    en: 'Lowest coverage first; “—” where nothing was due in the month.',
  },
  due: { 'zh-CN': '应查', en: 'Due' },
  checked: { 'zh-CN': '已查', en: 'Checked' },
  rate: { 'zh-CN': '覆盖率', en: 'Rate' },
  rateOf: { 'zh-CN': '{grade}覆盖率', en: '{grade} rate' },
  metTarget: { 'zh-CN': '已达标', en: 'Target met' },
  belowTarget: { 'zh-CN': '未达标', en: 'Below target' },
  noUnits: { 'zh-CN': '该月没有应查的风险点。', en: 'Nothing was due in that month.' },
});

const GRADES = ['A', 'B', 'C'] as const;
const FILTER_KEYS = ['period', 'unitId'] as const;

/** A rate as a percentage, "—" when nothing was due. */
const percent = (rate: number | null) => (rate === null ? '—' : formatPercent(rate));

/** Lowest rate first; units with nothing due last. */
const byRate = (a: Rate, b: Rate) => (a.rate ?? 2) - (b.rate ?? 2);

/**
 * Coverage (覆盖率): how many of a month's due checks were done, overall, per grade and per unit, against the
 * 100% target, each rate with a bar.
 */
@customElement('coverage-page')
export class CoveragePage extends LitElement {
  static override styles = [
    base,
    inspectionStyles,
    css`
      .overall { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; }
      .overall .big { font-size: 2.2rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
      .overall h2 { margin: 0 0 0.25rem; font-size: 1rem; color: var(--c-muted); font-weight: 600; }
      .overall .target { font-weight: 600; }
      .target.met { color: var(--c-ok); }
      .target.below { color: var(--c-danger); }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .bar { display: inline-block; width: 6rem; height: 0.6rem; border-radius: 999px; background: var(--c-subtle);
        border: 1px solid var(--c-border); vertical-align: middle; margin-left: 0.5rem; overflow: hidden; }
      .bar span { display: block; height: 100%; background: var(--c-primary); }
      .bar.met span { background: var(--c-ok); }
      .overall .bar { width: 16rem; height: 0.9rem; margin: 0.3rem 0 0; display: block; }
      @media (max-width: 700px) { .bar { display: none; } .overall .bar { display: block; width: 100%; } }
      table.grades { max-width: 44rem; }
      tbody th[scope='row'] { background: none; font-weight: 600; }
    `,
  ];

  @state() private coverage: CoverageView | null = null;
  @state() private error: unknown = null;
  // The report is one answer, not a paged list: the filters stay in the address bar and load it whole.
  private readonly list = new FilteredList<never, (typeof FILTER_KEYS)[number]>(
    this,
    '/reports/coverage',
    FILTER_KEYS,
    {
      loadWhen: () => false,
      onRefresh: async (f) => {
        this.error = null;
        try {
          this.coverage = await inspectionsApi.coverage(f);
        } catch (err) {
          this.error = err;
        }
      },
    },
  );
  private readonly i18n = new LocaleController(this);

  /** The rate with a bar beside it (the bar is decoration: the percentage says it). */
  private rate(r: Rate, target: number) {
    const width = r.rate === null ? 0 : Math.min(1, r.rate) * 100;
    return html`${percent(r.rate)}<span class="bar ${r.rate !== null && r.rate >= target ? 'met' : ''}" aria-hidden="true"><span style="width:${width}%"></span></span>`;
  }

  private view(c: CoverageView) {
    const target = formatPercent(c.target);
    const met = c.total.rate !== null && c.total.rate >= c.target;
    const units = [...c.units].sort(byRate);
    return html`
      <p class="muted">${t(m.intro, { target })}</p>
      <section class="card overall" aria-labelledby="s-overall" data-testid="overall">
        <div>
          <h2 id="s-overall">${t(m.overall, { month: formatMonth(c.period) })}</h2>
          <div class="big" data-rate=${c.total.rate ?? ''}>${percent(c.total.rate)}</div>
          <span class="bar ${met ? 'met' : ''}" aria-hidden="true"><span style="width:${Math.min(1, c.total.rate ?? 0) * 100}%"></span></span>
        </div>
        <div>
          <p>${t(m.checkedOfDue, { checked: formatNumber(c.total.checked), due: formatNumber(c.total.due) })}</p>
          <p class="target ${met ? 'met' : 'below'}">${t(m.ofTarget, { target })} · ${met ? t(m.metTarget) : t(m.belowTarget)}</p>
          <p class="muted">${t(m.scope, { unit: c.unit ? named(c.unit) : t(m.wholeCentre) })}</p>
        </div>
      </section>
      <h2>${t(m.byGrade)}</h2>
      <div class="table-wrap">
        <table class="grades">
          <caption class="visually-hidden">${t(m.byGrade)}</caption>
          <thead><tr>
            <th scope="col">${t(common.grade)}</th>
            <th scope="col" class="num">${t(m.due)}</th>
            <th scope="col" class="num">${t(m.checked)}</th>
            <th scope="col" class="num">${t(m.rate)}</th>
          </tr></thead>
          <tbody>${GRADES.map(
            (g) => html`<tr data-grade=${g}>
              <th scope="row">${gradeChip(g)} ${enumLabel(grades, g)}</th>
              <td class="num">${formatNumber(c.byGrade[g].due)}</td>
              <td class="num">${formatNumber(c.byGrade[g].checked)}</td>
              <td class="num">${this.rate(c.byGrade[g], c.target)}</td>
            </tr>`,
          )}</tbody>
        </table>
      </div>
      <h2>${t(m.byUnit)}</h2>
      <p class="muted">${t(m.byUnitNote)}</p>
      ${
        units.length
          ? dataTable(
              t(m.byUnit),
              html`<th scope="col">${t(common.unit)}</th>
                <th scope="col" class="num">${t(m.due)}</th>
                <th scope="col" class="num">${t(m.checked)}</th>
                <th scope="col" class="num">${t(m.rate)}</th>
                ${GRADES.map((g) => html`<th scope="col" class="num hide-narrow">${t(m.rateOf, { grade: g })}</th>`)}`,
              units,
              (u) => html`<tr data-unit=${u.unit.id}>
                <th scope="row">${named(u.unit)}</th>
                <td class="num">${formatNumber(u.due)}</td>
                <td class="num">${formatNumber(u.checked)}</td>
                <td class="num">${this.rate(u, c.target)}</td>
                ${GRADES.map((g) => html`<td class="num hide-narrow">${percent(u.byGrade[g].rate)}</td>`)}
              </tr>`,
            )
          : html`<p class="muted">${t(m.noUnits)}</p>`
      }
    `;
  }

  override render() {
    const f = this.list.filters;
    return html`
      <h1>${t(im.title)}</h1>
      ${inspectionTabs('coverage')}
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${monthField(f.period ?? this.coverage?.period ?? '', (v) => this.list.set('period', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${this.coverage ? this.view(this.coverage) : this.error ? nothing : html`<p class="muted" role="status">${t(common.loading)}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coverage-page': CoveragePage;
  }
}
