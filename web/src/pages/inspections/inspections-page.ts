import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SampleCreate } from '../../../../server/inspections/schema.ts';
import type { Due, DueItem, SampleView } from '../../api/inspections.ts';
import { inspectionsApi } from '../../api/inspections.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { FilteredList, type Filters } from '../../components/filtered-list.ts';
import { chipFilter, chipFilterStyles } from '../../components/filters.ts';
import { errorSummary, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { dataTable, listTable } from '../../components/list-table.ts';
import { PagedList } from '../../components/paged-list.ts';
import '../../components/ref-select.ts';
import { common, grades, stages } from '../../i18n/common.ts';
import {
  defineMessages,
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  LocaleController,
  named,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { formChipStyles, gradeChip } from '../forms/parts.ts';
import { includeLabels } from './labels.ts';
import { inspectionMessages as im } from './messages.ts';
import { dueStatusChip, inspectionStyles, inspectionTabs, monthField, pointCell } from './parts.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '督查人员按风险等级定期抽查审批风险防控点：A 级每月、B 级每季度、C 级每半年（可在系统设置中调整）。逾期未查的排在最前。',
    en: 'Supervisors spot-check the approval risk control points by grade: A monthly, B quarterly, C twice a year (configurable in settings). Overdue checks come first.',
  },
  period: {
    'zh-CN': '{month}（{start} 至 {end}）',
    en: '{month} ({start} to {end})',
  },
  show: { 'zh-CN': '显示', en: 'Show' },
  gradeFilter: { 'zh-CN': '按风险等级筛选', en: 'Filter by grade' },
  allGrades: { 'zh-CN': '全部等级', en: 'All grades' },
  dueIn: { 'zh-CN': '{grade}：应查的风险点', en: '{grade}: checks due' },

  sampleTitle: { 'zh-CN': '{month}抽样', en: 'Sample for {month}' },
  sampleIntro: {
    'zh-CN':
      '从本月应查且尚未检查的风险点中随机抽取，A 级更容易被抽中。随机种子随样本保存，抽样过程可复现；每个月、每个范围只抽一次。',
    en: 'A random draw from the points due this month and not yet checked, weighted towards grade A. The seed is stored with the sample so the draw can be reproduced; one sample per month and scope.',
  },
  noSample: { 'zh-CN': '本月尚未抽样。', en: 'No sample has been drawn for this month yet.' },
  pastNoSample: { 'zh-CN': '该月没有抽样。', en: 'No sample was drawn for that month.' },
  size: { 'zh-CN': '抽取数量', en: 'How many to draw' },
  draw: { 'zh-CN': '抽取样本', en: 'Draw a sample' },
  drawing: { 'zh-CN': '正在抽取…', en: 'Drawing…' },
  drawn: { 'zh-CN': '已抽取 {n} 个风险点。', en: '{n} points drawn.' },
  drawnBefore: {
    'zh-CN': '该月该范围已抽过样，以下为已保存的样本。',
    en: 'A sample was already drawn for this month and scope; here it is.',
  },
  scope: { 'zh-CN': '抽样范围', en: 'Scope' },
  drawnBy: { 'zh-CN': '抽样人', en: 'Drawn by' },
  seed: { 'zh-CN': '随机种子', en: 'Seed' },
  candidates: { 'zh-CN': '候选风险点', en: 'Drawn from' },
  candidatesValue: {
    'zh-CN': '{n} 个应查风险点中抽取 {size} 个',
    en: '{size} of {n} points due',
  },
  weights: { 'zh-CN': '抽取权重', en: 'Weights' },
  weightsValue: { 'zh-CN': 'A {a} : B {b} : C {c}', en: 'A {a} : B {b} : C {c}' },
  progress: { 'zh-CN': '已检查 {checked} / {total}', en: '{checked} of {total} checked' },
  sampleItems: { 'zh-CN': '本月抽中的风险点', en: 'Points in the sample' },
  checkedCol: { 'zh-CN': '本月检查', en: 'Checked this month' },
});

const FILTER_KEYS = ['period', 'unitId', 'grade', 'include'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const GRADES = ['A', 'B', 'C'] as const;
type Grade = (typeof GRADES)[number];

/**
 * Inspections (督查抽查): the checks due this month in the person's scope, by grade with their counts, overdue
 * first; the month's stored sample (drawn here by supervisors) and, for supervisors, "record a check".
 */
@customElement('inspections-page')
export class InspectionsPage extends LitElement {
  static override styles = [
    base,
    chipFilterStyles,
    formChipStyles,
    inspectionStyles,
    css`
      section.grade h2 { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
      section.grade h2 .figures { font-size: 0.9rem; font-weight: normal; color: var(--c-muted); }
      .sample h2 { margin-top: 0; }
      .sample .draw { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
      .sample .draw label { max-width: 10rem; }
      .sample dl.fields { margin-bottom: 0.75rem; }
      .period { margin: 0 0 0.5rem; }
      code.seed { white-space: normal; overflow-wrap: anywhere; }
      td.action a { white-space: nowrap; }
    `,
  ];

  /** Supervisors record checks and draw samples (the server checks too). */
  @property({ type: Boolean }) canRecord = false;
  @state() private sample: SampleView | null | undefined = undefined;
  @state() private sampleError: unknown = null;
  @state() private size = '10';
  @state() private announcement = '';

  private readonly sections: Record<Grade, PagedList<DueItem, Due>> = {
    A: new PagedList<DueItem, Due>(this, '/inspections/due', 10),
    B: new PagedList<DueItem, Due>(this, '/inspections/due', 10),
    C: new PagedList<DueItem, Due>(this, '/inspections/due', 10),
  };
  // The grade sections are lists of their own; this keeps the filters in the address bar and loads them.
  private readonly list = new FilteredList<DueItem, FilterKey>(this, '/inspections/due', FILTER_KEYS, {
    loadWhen: () => false,
    onRefresh: (f) => this.load(f),
  });
  private readonly drawForm = new FormState(this, ['size', 'period', 'unitId']);
  private readonly i18n = new LocaleController(this);

  private shownGrades(f: Filters<FilterKey> = this.list.filters): Grade[] {
    return GRADES.filter((g) => !f.grade || f.grade === g);
  }

  private async load(f: Filters<FilterKey>) {
    const query = { period: f.period, unitId: f.unitId, include: f.include };
    await Promise.all(this.shownGrades(f).map((g) => this.sections[g].load({ ...query, grade: g })));
    const period = f.period ?? this.due()?.period;
    if (period) await this.loadSample(period, f.unitId);
  }

  private async loadSample(period: string, unitId: string | undefined) {
    this.sample = undefined;
    this.sampleError = null;
    try {
      const sample = await inspectionsApi.sample(period, unitId);
      if (period === (this.list.filters.period ?? this.due()?.period)) this.sample = sample;
    } catch (err) {
      this.sampleError = err;
      this.sample = null;
    }
  }

  /** The latest answer of a shown section: the month, today and the counts per grade. */
  private due(): Due | null {
    for (const g of this.shownGrades()) {
      const page = this.sections[g].page;
      if (page) return page;
    }
    return null;
  }

  private async draw(e: SubmitEvent, period: string) {
    e.preventDefault();
    if (this.drawForm.busy) return;
    this.announcement = '';
    const unitId = this.list.filters.unitId;
    const body = {
      period,
      size: this.size.trim() === '' ? undefined : Number(this.size),
      ...(unitId ? { unitId: Number(unitId) } : {}),
    };
    const parsed = SampleCreate.safeParse(body);
    if (!parsed.success) {
      this.drawForm.invalid(zodFieldErrors(parsed.error.issues));
      return;
    }
    await this.drawForm.submit(async () => {
      const { sample, created } = await inspectionsApi.drawSample(parsed.data);
      this.sample = sample;
      this.announcement = created ? t(m.drawn, { n: sample.items.length }) : t(m.drawnBefore);
      // The due list marks the points now in the sample.
      await Promise.all(this.shownGrades().map((g) => this.sections[g].reload()));
    });
  }

  private recordLink(pointId: number, code: string) {
    return html`<a class="button" href="/inspections/new?riskPointId=${pointId}"
      aria-label=${t(im.recordCheckOf, { code })}>${t(im.recordCheck)}</a>`;
  }

  private sampleSection(due: Due | null) {
    const period = this.list.filters.period ?? due?.period;
    if (!period || !due) return nothing;
    const s = this.sample;
    const current = period >= due.today.slice(0, 7);
    let body: unknown;
    if (s === undefined) {
      body = html`<p class="muted" role="status">${t(common.loading)}</p>`;
    } else if (s === null) {
      body = html`<p class="muted">${current ? t(m.noSample) : t(m.pastNoSample)}</p>
        ${
          this.canRecord && current
            ? html`<form class="draw" novalidate @submit=${(e: SubmitEvent) => this.draw(e, period)}>
              <label>${t(m.size)}
                <input type="number" name="size" min="1" max="500" step="1" required inputmode="numeric" .value=${this.size}
                  aria-invalid=${this.drawForm.errors.size ? 'true' : 'false'} aria-describedby="err-size"
                  @input=${(e: Event) => (this.size = (e.target as HTMLInputElement).value)} />
                ${fieldError(this.drawForm.errors, 'size', 'err-size')}
              </label>
              <button class="primary" type="submit" ?disabled=${this.drawForm.busy}>${this.drawForm.busy ? t(m.drawing) : t(m.draw)}</button>
            </form>
            ${errorSummary(this.drawForm.errors, { size: t(m.size), period: t(im.month), unitId: t(common.unit) }, this.drawForm.message)}`
            : nothing
        }`;
    } else {
      const checked = s.items.filter((i) => i.inspectionId !== null).length;
      body = html`<dl class="fields">
          <dt>${t(m.scope)}</dt><dd>${named(s.unit)}</dd>
          <dt>${t(m.drawnBy)}</dt><dd>${named(s.drawnBy)} · ${formatDateTime(s.drawnAt)}</dd>
          <dt>${t(m.candidates)}</dt><dd>${t(m.candidatesValue, { n: formatNumber(s.candidates), size: formatNumber(s.items.length) })}</dd>
          <dt>${t(m.weights)}</dt><dd>${t(m.weightsValue, { a: s.weights.A, b: s.weights.B, c: s.weights.C })}</dd>
          <dt>${t(m.seed)}</dt><dd><code class="code seed" data-testid="seed">${s.seed}</code></dd>
        </dl>
        <p><strong>${t(m.progress, { checked, total: s.items.length })}</strong></p>
        ${dataTable(
          t(m.sampleItems),
          html`<th scope="col">${t(im.riskPoint)}</th>
            <th scope="col" class="hide-narrow">${t(im.unitAndPost)}</th>
            <th scope="col">${t(m.checkedCol)}</th>
            ${this.canRecord ? html`<th scope="col">${t(im.actions)}</th>` : nothing}`,
          s.items,
          (i) => html`<tr data-point=${i.riskPoint.id} data-checked=${i.inspectionId !== null}>
            ${pointCell(i.riskPoint)}
            <td class="hide-narrow">${named(i.unit)}<div class="muted">${named(i.post)} <span class="code">${i.post.code}</span></div></td>
            <td>${
              i.inspectionId !== null && i.checkedOn
                ? html`<a href="/inspections/${i.inspectionId}">${t(im.checkedOnDate, { date: formatDate(i.checkedOn) })}</a>`
                : html`<span class="muted">${t(im.notYet)}</span>`
            }</td>
            ${this.canRecord ? html`<td class="action">${this.recordLink(i.riskPoint.id, i.riskPoint.code)}</td>` : nothing}
          </tr>`,
        )}`;
    }
    return html`<section class="card sample" aria-labelledby="s-sample" data-testid="sample">
      <h2 id="s-sample">${t(m.sampleTitle, { month: formatMonth(period) })}</h2>
      <p class="muted">${t(m.sampleIntro)}</p>
      ${body}
      ${this.sampleError ? html`<p class="error" role="alert">${errorMessage(this.sampleError)}</p>` : nothing}
    </section>`;
  }

  private gradeSection(g: Grade, due: Due | null) {
    const list = this.sections[g];
    const figures = due?.byGrade[g];
    const title = t(m.dueIn, { grade: enumLabel(grades, g) });
    return html`<section class="grade" aria-labelledby="grade-${g}" data-grade=${g}>
      <h2 id="grade-${g}">${gradeChip(g)} ${enumLabel(grades, g)}
        ${figures ? html`<span class="figures">${t(im.gradeFigures, { due: formatNumber(figures.due), checked: formatNumber(figures.checked), overdue: formatNumber(figures.overdue) })}</span>` : nothing}
      </h2>
      ${listTable(
        list,
        title,
        html`<th scope="col">${t(im.riskPoint)}</th>
          <th scope="col" class="hide-narrow">${t(im.unitAndPost)}</th>
          <th scope="col" class="hide-narrow">${t(im.itemAndStage)}</th>
          <th scope="col">${t(im.lastChecked)}</th>
          <th scope="col">${t(im.dueOn)}</th>
          <th scope="col">${t(im.status)}</th>
          <th scope="col">${t(im.inSampleCol)}</th>
          ${this.canRecord ? html`<th scope="col">${t(im.actions)}</th>` : nothing}`,
        (d) => html`<tr data-point=${d.riskPoint.id} data-status=${d.status}>
          ${pointCell(d.riskPoint)}
          <td class="hide-narrow">${named(d.unit)}<div class="muted">${named(d.post)} <span class="code">${d.post.code}</span></div></td>
          <td class="hide-narrow">${named(d.approvalItem)}<div class="muted">${enumLabel(stages, d.stage)}</div></td>
          <td class="nowrap">${d.lastCheckedOn ? formatDate(d.lastCheckedOn) : html`<span class="muted">${t(im.neverChecked)}</span>`}</td>
          <td class="nowrap">${formatDate(d.dueOn)}</td>
          <td>${dueStatusChip(d.status)}${d.checkedOn ? html`<div class="muted nowrap">${formatDate(d.checkedOn)}</div>` : nothing}</td>
          <td>${d.inSample ? html`<span class="chip sampled">${t(im.sampled)}</span>` : nothing}</td>
          ${this.canRecord ? html`<td class="action">${this.recordLink(d.riskPoint.id, d.riskPoint.code)}</td>` : nothing}
        </tr>`,
      )}
    </section>`;
  }

  override render() {
    const f = this.list.filters;
    const due = this.due();
    const outstanding = (f.include ?? 'outstanding') === 'outstanding';
    const counts = due
      ? Object.fromEntries(
          GRADES.map((g) => [g, due.byGrade[g].due - (outstanding ? due.byGrade[g].checked : 0)]),
        )
      : null;
    return html`
      <h1>${t(im.title)}</h1>
      ${inspectionTabs('due')}
      <p class="muted">${t(m.intro)}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${monthField(f.period ?? due?.period ?? '', (v) => this.list.set('period', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <label>${t(m.show)}
          <select @change=${(e: Event) => this.list.set('include', (e.target as HTMLSelectElement).value)}>
            ${Object.entries(includeLabels).map(([k, v]) => html`<option value=${k === 'outstanding' ? '' : k} ?selected=${(f.include ?? 'outstanding') === k}>${t(v)}</option>`)}
          </select>
        </label>
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${
        due
          ? html`<p class="period"><strong>${t(m.period, { month: formatMonth(due.period), start: formatDate(due.start), end: formatDate(due.end) })}</strong></p>`
          : nothing
      }
      ${chipFilter({
        label: t(m.gradeFilter),
        key: 'grade',
        options: grades,
        allLabel: t(m.allGrades),
        counts,
        value: f.grade,
        onChange: (v) => this.list.set('grade', v),
        classPrefix: 'grade-',
      })}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.sampleSection(due)}
      ${this.shownGrades().map((g) => this.gradeSection(g, due))}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inspections-page': InspectionsPage;
  }
}
