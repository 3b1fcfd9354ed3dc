import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ApprovalItemView } from '../../api/catalog.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { enumFilter, textFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, nav, stages } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { itemMessages as im } from './messages.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '各窗口办理的审批和服务事项：法定时限、承诺时限（0 为即办）、办理环节和前置条件。',
    en: 'The licences and services handled at the windows: statutory and promised time limits (0 = on the spot), stages and pre-approval conditions.',
  },
  textHint: { 'zh-CN': '编码或名称', en: 'Code or name' },
  days: { 'zh-CN': '（工作日）', en: '(working days)' },
  conditionCount: { 'zh-CN': '前置条件数', en: 'Conditions' },
});

const FILTER_KEYS = ['unitId', 'stage', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Approval items (审批事项): text, unit and stage filters over a paged table. */
@customElement('approval-items-page')
export class ApprovalItemsPage extends LitElement {
  static override styles = [
    base,
    css`
      .stages { display: flex; gap: 0.25rem; flex-wrap: wrap; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      th.num { text-align: right; }
      td.code, th.num { white-space: nowrap; }
      .spot { background: #dcf3e3; border-color: var(--c-ok); color: #0f5323; }
    `,
  ];

  private readonly list = new FilteredList<ApprovalItemView, FilterKey>(this, '/approval-items', FILTER_KEYS);
  private readonly i18n = new LocaleController(this);

  override render() {
    const f = this.list.filters;
    return html`
      <h1>${t(nav.approvalItems)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters">
        ${textFilter(t(m.textHint), f.q, (v) => this.list.set('q', v, 300))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        ${enumFilter(t(common.stage), stages, f.stage, (v) => this.list.set('stage', v))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${listTable(
        this.list,
        t(nav.approvalItems),
        html`<th scope="col">${t(common.code)}</th>
          <th scope="col">${t(common.name)}</th>
          <th scope="col" class="hide-narrow">${t(common.unit)}</th>
          <th scope="col" class="num">${t(im.statutoryDays)} <span class="visually-hidden">${t(m.days)}</span></th>
          <th scope="col" class="num">${t(im.promisedDays)} <span class="visually-hidden">${t(m.days)}</span></th>
          <th scope="col" class="hide-narrow">${t(im.stages)}</th>
          <th scope="col" class="num hide-narrow">${t(m.conditionCount)}</th>`,
        (i) => html`<tr>
          <td class="code"><a href="/approval-items/${i.id}">${i.code}</a></td>
          <td><a href="/approval-items/${i.id}">${named(i)}</a></td>
          <td class="hide-narrow">${named({ name: i.unitName, nameEn: i.unitNameEn })}</td>
          <td class="num">${formatNumber(i.statutoryDays)}</td>
          <td class="num">${i.promisedDays === 0 ? html`<span class="chip spot">${t(im.onTheSpot)}</span>` : formatNumber(i.promisedDays)}</td>
          <td class="hide-narrow"><span class="stages">${i.stages.map((s) => html`<span class="chip">${enumLabel(stages, s)}</span>`)}</span></td>
          <td class="num hide-narrow">${formatNumber(i.preconditions.length)}</td>
        </tr>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'approval-items-page': ApprovalItemsPage;
  }
}
