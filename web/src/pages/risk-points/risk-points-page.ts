import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { GradeCounts, RiskPointView } from '../../api/catalog.ts';
import { api, queryString } from '../../api/client.ts';
import { exportLinks, exportLinksStyles } from '../../components/export-links.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { chipFilter, chipFilterStyles, enumFilter, textFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, grades, nav, riskCategories, stages } from '../../i18n/common.ts';
import { defineMessages, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { riskMessages } from './messages.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '按审批事项、办理环节和岗位登记的审批风险防控点，分 A（高）、B（中）、C（低）三级。',
    en: 'Approval risk control points by approval item, stage and post, graded A (high), B (medium) and C (low).',
  },
  gradeFilter: { 'zh-CN': '按风险等级筛选', en: 'Filter by grade' },
  allGrades: { 'zh-CN': '全部等级', en: 'All grades' },
  description: { 'zh-CN': '风险描述', en: 'Risk' },
  textHint: { 'zh-CN': '编码、风险描述或防控措施', en: 'Code, risk or control measure' },
  print: { 'zh-CN': '打印登记表（A4）', en: 'Print the register (A4)' },
});

/** The register's filters, kept in the address (the print view reads the same ones). */
export const REGISTER_FILTERS = [
  'grade',
  'unitId',
  'postId',
  'approvalItemId',
  'stage',
  'category',
  'q',
] as const;
type FilterKey = (typeof REGISTER_FILTERS)[number];

/** The register of approval risk control points: grade chips with counts, filters, a paged table. */
@customElement('risk-points-page')
export class RiskPointsPage extends LitElement {
  static override styles = [
    base,
    chipFilterStyles,
    exportLinksStyles,
    css`
      td.desc { max-width: 32rem; }
      .outputs { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin: -0.25rem 0 1rem; }
    `,
  ];

  @state() private counts: GradeCounts | null = null;
  private readonly list = new FilteredList<RiskPointView, FilterKey>(this, '/risk-points', REGISTER_FILTERS, {
    // The grade chips count what the other filters leave, so each chip says what choosing it would show.
    onRefresh: async ({ grade: _grade, ...others }) => {
      this.counts = await api.get<GradeCounts>('/risk-points/grade-counts', others).catch(() => null);
    },
  });
  private readonly i18n = new LocaleController(this);

  override render() {
    const f = this.list.filters;
    return html`
      <h1>${t(nav.riskPoints)}</h1>
      <p class="muted">${t(m.intro)}</p>
      ${chipFilter({
        label: t(m.gradeFilter),
        key: 'grade',
        options: grades,
        allLabel: t(m.allGrades),
        counts: this.counts,
        value: f.grade,
        onChange: (v) => this.list.set('grade', v),
        classPrefix: 'grade-',
      })}
      <div class="filters">
        ${textFilter(t(m.textHint), f.q, (v) => this.list.set('q', v, 300))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''} @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <ref-select label=${t(common.post)} path="/posts" .value=${f.postId ?? ''} .query=${f.unitId ? { unitId: f.unitId } : {}}
          @change=${(e: CustomEvent<string>) => this.list.set('postId', e.detail)}></ref-select>
        <ref-select label=${t(common.approvalItem)} path="/approval-items" .value=${f.approvalItemId ?? ''} .query=${f.unitId ? { unitId: f.unitId } : {}}
          @change=${(e: CustomEvent<string>) => this.list.set('approvalItemId', e.detail)}></ref-select>
        ${enumFilter(t(common.stage), stages, f.stage, (v) => this.list.set('stage', v))}
        ${enumFilter(t(riskMessages.category), riskCategories, f.category, (v) => this.list.set('category', v))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      <div class="outputs">
        ${exportLinks('/risk-points', f)}
        <a class="button" href="/risk-points/print${queryString(f)}">🖨 ${t(m.print)}</a>
      </div>
      ${listTable(
        this.list,
        t(nav.riskPoints),
        html`<th scope="col">${t(common.code)}</th>
          <th scope="col">${t(common.grade)}</th>
          <th scope="col">${t(m.description)}</th>
          <th scope="col" class="hide-narrow">${t(common.approvalItem)}</th>
          <th scope="col">${t(common.stage)}</th>
          <th scope="col" class="hide-narrow">${t(common.post)}</th>`,
        (p) => html`<tr>
          <td><a href="/risk-points/${p.id}">${p.code}</a></td>
          <td><span class="chip grade-${p.grade}">${p.grade}</span></td>
          <td class="desc">${p.description}</td>
          <td class="hide-narrow">${named({ name: p.approvalItemName, nameEn: p.approvalItemNameEn })}</td>
          <td>${t(stages[p.stage] ?? common.stage)}</td>
          <td class="hide-narrow">${named({ name: p.postName, nameEn: p.postNameEn })}<div class="muted">${named({ name: p.unitName, nameEn: p.unitNameEn })}</div></td>
        </tr>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'risk-points-page': RiskPointsPage;
  }
}
