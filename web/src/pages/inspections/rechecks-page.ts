import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { todayIso } from '../../api/forms.ts';
import { inspectionsApi, type Recheck, type Rechecks } from '../../api/inspections.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { dataTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatDate, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { formChipStyles } from '../forms/parts.ts';
import { inspectionMessages as im } from './messages.ts';
import {
  dueStatusChip,
  inspectionStyles,
  inspectionTabs,
  monthField,
  pointRef,
  recordCell,
} from './parts.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '改进记录关闭 {days} 天后，督查人员复查整改是否持续有效。复查未通过的记录将重新打开、退回整改。列出到所选月份月底应复查的记录，逾期的在前。',
    en: '{days} days after a form is closed, a supervisor checks that its fix still holds. A failed re-check reopens the form. Listed: the re-checks due by the end of the chosen month, overdue first.',
  },
  closedOn: { 'zh-CN': '关闭日期', en: 'Closed on' },
  dueOn: { 'zh-CN': '应复查日期', en: 'Re-check due' },
  title: { 'zh-CN': '应复查的改进记录', en: 'Forms due for a re-check' },
  form: { 'zh-CN': '改进记录（编号、等级、问题）', en: 'Form (number, grade, problem)' },
  unitAndPoint: { 'zh-CN': '单位 / 风险防控点', en: 'Unit / risk point' },
});

const FILTER_KEYS = ['period', 'unitId'] as const;

/** Re-checks due (整改复查): closed forms whose fix is to be checked again, with "record a re-check". */
@customElement('rechecks-page')
export class RechecksPage extends LitElement {
  static override styles = [base, formChipStyles, inspectionStyles];

  @property({ type: Boolean }) canRecord = false;
  @state() private rechecks: Rechecks | null = null;
  @state() private loading = false;
  @state() private error: unknown = null;

  // Not a paged list: the filters stay in the address bar, and the re-checks load whole.
  private readonly list = new FilteredList<Recheck, (typeof FILTER_KEYS)[number]>(
    this,
    '/inspections/rechecks',
    FILTER_KEYS,
    {
      loadWhen: () => false,
      onRefresh: async (f) => {
        this.loading = true;
        this.error = null;
        try {
          this.rechecks = await inspectionsApi.rechecks(f);
        } catch (err) {
          this.error = err;
        } finally {
          this.loading = false;
        }
      },
    },
  );
  private readonly i18n = new LocaleController(this);

  private row(r: Recheck) {
    return html`<tr data-form=${r.form.number} data-status=${r.status}>
      ${recordCell(`/forms/${r.form.id}`, r.form.number, r.form.grade, r.form.problem)}
      <td class="hide-narrow">${named(r.unit)}<div>${r.riskPoint ? pointRef(r.riskPoint) : nothing}</div></td>
      <td class="nowrap">${formatDate(r.form.closedOn)}</td>
      <td class="nowrap">${formatDate(r.dueOn)}</td>
      <td>${dueStatusChip(r.status)}</td>
      ${
        this.canRecord
          ? html`<td><a class="button" href="/inspections/new?recheckOf=${r.form.id}"
              aria-label=${t(im.recordRecheckOf, { number: r.form.number })}>${t(im.recordRecheck)}</a></td>`
          : nothing
      }
    </tr>`;
  }

  override render() {
    const f = this.list.filters;
    const r = this.rechecks;
    return html`
      <h1>${t(im.title)}</h1>
      ${inspectionTabs('rechecks')}
      <p class="muted">${t(m.intro, { days: r?.afterDays ?? '…' })}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${monthField(f.period ?? todayIso().slice(0, 7), (v) => this.list.set('period', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${dataTable(
        t(m.title),
        html`<th scope="col">${t(m.form)}</th>
          <th scope="col" class="hide-narrow">${t(m.unitAndPoint)}</th>
          <th scope="col">${t(m.closedOn)}</th>
          <th scope="col">${t(m.dueOn)}</th>
          <th scope="col">${t(im.status)}</th>
          ${this.canRecord ? html`<th scope="col">${t(im.actions)}</th>` : nothing}`,
        r?.items ?? [],
        (x) => this.row(x),
      )}
      <list-footer .shown=${r?.items.length ?? 0} .total=${r?.total ?? 0} .loading=${this.loading} .error=${this.error}></list-footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rechecks-page': RechecksPage;
  }
}
