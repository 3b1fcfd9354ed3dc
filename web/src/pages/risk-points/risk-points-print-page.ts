import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RiskPointView, UnitView } from '../../api/catalog.ts';
import { api, queryString } from '../../api/client.ts';
import { errorMessage } from '../../components/error-message.ts';
import { printSheetStyles } from '../../components/print-sheet.ts';
import '../../components/ref-name.ts';
import { common, grades, nav, riskCategories, stages } from '../../i18n/common.ts';
import {
  defineMessages,
  formatDateTime,
  formatNumber,
  LocaleController,
  type Message,
  named,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { PrintedPage } from '../dashboard/parts.ts';
import { riskMessages } from './messages.ts';
import { REGISTER_FILTERS } from './risk-points-page.ts';

const m = defineMessages({
  title: { 'zh-CN': '审批风险防控点登记表', en: 'Register of approval risk control points' },
  print: { 'zh-CN': '打印', en: 'Print' },
  back: { 'zh-CN': '← 返回风险防控点', en: '← Back to the register' },
  tip: {
    'zh-CN': '按 A4 横向打印，每页重复表头；打印时不显示本行和按钮。',
    en: 'Prints on A4 landscape with the table header on every page; this line and the buttons are not printed.',
  },
  loadingCount: { 'zh-CN': '正在加载… 已加载 {n} / {total} 条', en: 'Loading… {n} of {total}' },
  filters: { 'zh-CN': '筛选条件：', en: 'Filters: ' },
  noFilters: { 'zh-CN': '全部风险防控点', en: 'every risk control point' },
  text: { 'zh-CN': '关键词“{q}”', en: 'text “{q}”' },
  count: {
    'zh-CN': '共 {n} 个（A 级 {A}，B 级 {B}，C 级 {C}）',
    en: '{n} points (A {A}, B {B}, C {C})',
  },
  unitHeading: { 'zh-CN': '{unit}（{n} 个）', en: '{unit} ({n} points)' },
  printedAt: { 'zh-CN': '打印时间：{at}', en: 'Printed {at}' },
  description: { 'zh-CN': '风险描述', en: 'Risk' },
  none: { 'zh-CN': '无', en: 'none' },
  colon: { 'zh-CN': '：', en: ': ' },
  separator: { 'zh-CN': '；', en: '; ' },
});

/** Rows per request while loading the whole register: the list's largest page. */
const PAGE = 500;
const GRADE_ORDER = { A: 0, B: 1, C: 2 } as const;

interface UnitGroup {
  unitId: number;
  name: string;
  points: RiskPointView[];
}

/** The points by unit (units by name), each unit's points by grade (A first), then code. */
function byUnit(points: RiskPointView[]): UnitGroup[] {
  const groups = new Map<number, UnitGroup>();
  for (const p of points) {
    const group = groups.get(p.unitId) ?? {
      unitId: p.unitId,
      name: named({ name: p.unitName, nameEn: p.unitNameEn }),
      points: [],
    };
    group.points.push(p);
    groups.set(p.unitId, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  for (const g of sorted)
    g.points.sort((a, b) => GRADE_ORDER[a.grade] - GRADE_ORDER[b.grade] || a.code.localeCompare(b.code));
  return sorted;
}

function gradeCounts(points: RiskPointView[]) {
  const counts = { A: 0, B: 0, C: 0 };
  for (const p of points) counts[p.grade]++;
  return counts;
}

/**
 * The risk point register on paper (A4 landscape): every point the register's filters select, grouped by unit
 * and ordered by grade, with the filters, the count and when it was printed. It renders without the app's
 * header and navigation, and loads the whole register page by page first.
 */
@customElement('risk-points-print-page')
export class RiskPointsPrintPage extends LitElement {
  static override styles = [
    base,
    printSheetStyles,
    css`
      :host { --sheet-width: 297mm; --sheet-padding: 10mm; }
      .sheet { font-size: 9pt; line-height: 1.4; }
      .head { text-align: center; margin-bottom: 3mm; }
      .head .centre { font-size: 11pt; }
      .head h1 { font-size: 16pt; margin: 1mm 0 2mm; }
      .meta { display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap; font-size: 9pt; margin-bottom: 2mm; }
      .meta p { margin: 0; }
      table.register { width: 100%; border-collapse: collapse; table-layout: fixed; }
      table.register th, table.register td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; font-size: 8.5pt;
        overflow-wrap: anywhere; }
      table.register thead { display: table-header-group; }
      table.register thead th { background: #f2f2f2; text-align: center; vertical-align: middle; }
      table.register tr { break-inside: avoid; page-break-inside: avoid; }
      table.register tr.unit { break-after: avoid; page-break-after: avoid; }
      table.register tr.unit th { background: #dcdcdc; text-align: left; font-size: 9.5pt; }
      table.register tbody tr:hover { background: none; }
      td.grade { text-align: center; font-weight: 600; }
      td ol { margin: 0; padding-left: 1.1em; }
      col.code { width: 20mm; } col.item { width: 32mm; } col.stage { width: 13mm; } col.post { width: 26mm; }
      col.category { width: 16mm; } col.grade { width: 10mm; } col.measures { width: 62mm; } col.person { width: 18mm; }
      .foot { display: flex; justify-content: space-between; font-size: 8pt; color: #333; margin-top: 2mm; }
    `,
  ];

  /** The register's filters as a query string (`grade=A&unitId=3`). */
  @property() search = '';
  @state() private loaded = 0;
  @state() private total = 0;
  private readonly i18n = new LocaleController(this);
  private readonly printed = new PrintedPage(this, '@page { size: A4 landscape; margin: 10mm 8mm; }');
  private savedTitle = '';

  private get filters(): Record<string, string> {
    const query = new URLSearchParams(this.search);
    return Object.fromEntries(
      REGISTER_FILTERS.flatMap((k) => (query.get(k) ? [[k, query.get(k) as string]] : [])),
    );
  }

  private readonly register = new Task(this, {
    args: () => [this.search],
    task: async (_args, { signal }) => {
      const filters = this.filters;
      const [points, root] = await Promise.all([
        this.loadAll(filters, signal),
        api.list<UnitView>('/units', { root: true, limit: 1 }, signal).catch(() => null),
      ]);
      return { points, centre: root?.items[0] ? named(root.items[0]) : '' };
    },
  });

  private async loadAll(filters: Record<string, string>, signal: AbortSignal) {
    const points: RiskPointView[] = [];
    let cursor: string | undefined;
    this.loaded = 0;
    do {
      const page = await api.list<RiskPointView>('/risk-points', { ...filters, limit: PAGE, cursor }, signal);
      points.push(...page.items);
      this.loaded = points.length;
      this.total = page.total;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return points;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.savedTitle = document.title;
    document.title = t(m.title);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.title = this.savedTitle;
  }

  /** The filters in words: grade, stage and category by label; unit, post and item by name. */
  private appliedFilters() {
    const f = this.filters;
    const label = (labels: Record<string, Message>, v: string | undefined) =>
      v && labels[v] ? t(labels[v]) : v;
    const parts = [
      f.grade && `${t(common.grade)}${t(m.colon)}${label(grades, f.grade)}`,
      f.unitId &&
        html`${t(common.unit)}${t(m.colon)}<ref-name kind="unit" ref-id=${Number(f.unitId)}></ref-name>`,
      f.postId &&
        html`${t(common.post)}${t(m.colon)}<ref-name kind="post" ref-id=${Number(f.postId)}></ref-name>`,
      f.approvalItemId &&
        html`${t(common.approvalItem)}${t(m.colon)}<ref-name kind="approval_item" ref-id=${Number(f.approvalItemId)}></ref-name>`,
      f.stage && `${t(common.stage)}${t(m.colon)}${label(stages, f.stage)}`,
      f.category && `${t(riskMessages.category)}${t(m.colon)}${label(riskCategories, f.category)}`,
      f.q && t(m.text, { q: f.q }),
    ].filter(Boolean);
    return parts.length
      ? parts.map((p, i) => html`${i ? t(m.separator) : ''}<span class="filter">${p}</span>`)
      : t(m.noFilters);
  }

  private row(p: RiskPointView) {
    return html`<tr data-point=${p.id} data-grade=${p.grade}>
      <td>${p.code}</td>
      <td>${named({ name: p.approvalItemName, nameEn: p.approvalItemNameEn })}</td>
      <td>${t(stages[p.stage] ?? common.stage)}</td>
      <td>${named({ name: p.postName, nameEn: p.postNameEn })}</td>
      <td>${p.description}</td>
      <td>${t(riskCategories[p.category] ?? riskMessages.category)}</td>
      <td class="grade">${p.grade}</td>
      <td>${
        p.controlMeasures.length
          ? html`<ol>${p.controlMeasures.map((x) => html`<li>${x}</li>`)}</ol>`
          : t(m.none)
      }</td>
      <td>${named(p.responsiblePerson)}</td>
    </tr>`;
  }

  private sheet(points: RiskPointView[], centre: string) {
    const counts = gradeCounts(points);
    const n = (x: number) => formatNumber(x);
    return html`<article class="sheet" aria-label=${t(m.title)}>
      <div class="head">
        <div class="centre">${centre || t(common.centre)}</div>
        <h1>${t(m.title)}</h1>
      </div>
      <div class="meta">
        <p>${t(m.filters)}${this.appliedFilters()}</p>
        <p data-testid="count">${t(m.count, { n: n(points.length), A: n(counts.A), B: n(counts.B), C: n(counts.C) })}</p>
      </div>
      <table class="register">
        <caption class="visually-hidden">${t(m.title)}</caption>
        <colgroup>
          <col class="code" /><col class="item" /><col class="stage" /><col class="post" /><col class="description" />
          <col class="category" /><col class="grade" /><col class="measures" /><col class="person" />
        </colgroup>
        <thead><tr>
          <th scope="col">${t(common.code)}</th>
          <th scope="col">${t(common.approvalItem)}</th>
          <th scope="col">${t(common.stage)}</th>
          <th scope="col">${t(common.post)}</th>
          <th scope="col">${t(m.description)}</th>
          <th scope="col">${t(riskMessages.category)}</th>
          <th scope="col">${t(common.grade)}</th>
          <th scope="col">${t(riskMessages.controlMeasures)}</th>
          <th scope="col">${t(riskMessages.responsiblePerson)}</th>
        </tr></thead>
        ${byUnit(points).map(
          (g) => html`<tbody data-unit=${g.unitId}>
            <tr class="unit"><th colspan="9" scope="rowgroup">${t(m.unitHeading, { unit: g.name, n: n(g.points.length) })}</th></tr>
            ${g.points.map((p) => this.row(p))}
          </tbody>`,
        )}
      </table>
      <div class="foot">
        <span>${t(nav.riskPoints)}</span>
        <span>${t(m.printedAt, { at: formatDateTime(new Date()) })}</span>
      </div>
    </article>`;
  }

  override render() {
    const done = this.register.value;
    return html`
      <div class="toolbar">
        <a href="/risk-points${queryString(this.filters)}">${t(m.back)}</a>
        <button class="primary" ?disabled=${!done} @click=${() => window.print()}>${t(m.print)}</button>
        <p class="tip">${t(m.tip)}</p>
      </div>
      ${this.register.render({
        pending: () =>
          html`<p class="muted" role="status" style="text-align:center">${
            this.total
              ? t(m.loadingCount, { n: formatNumber(this.loaded), total: formatNumber(this.total) })
              : t(common.loading)
          }</p>`,
        error: (err) =>
          html`<p class="error" role="alert" style="text-align:center">${errorMessage(err)}</p>`,
        complete: ({ points, centre }) => this.sheet(points, centre),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'risk-points-print-page': RiskPointsPrintPage;
  }
}
