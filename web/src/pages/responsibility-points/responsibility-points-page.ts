import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ResponsibilityPointView } from '../../api/catalog.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { enumFilter, textFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, nav, stages } from '../../i18n/common.ts';
import { defineMessages, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '责任点：某一岗位在某一审批事项某一办理环节的职责，以及违反时的追责情形和追责依据。',
    en: 'Responsibility points: the duty of a post at one stage of one approval item, with the situations that trigger accountability and their basis.',
  },
  textHint: { 'zh-CN': '编码、职责或追责情形', en: 'Code, duty or trigger' },
  duty: { 'zh-CN': '岗位职责', en: 'Duty' },
  triggers: { 'zh-CN': '追责情形及依据', en: 'Accountability triggers and basis' },
  situation: { 'zh-CN': '追责情形', en: 'Trigger' },
  basis: { 'zh-CN': '追责依据', en: 'Basis' },
  noTriggers: { 'zh-CN': '未登记追责情形', en: 'No triggers recorded' },
});

const FILTER_KEYS = ['approvalItemId', 'postId', 'unitId', 'stage', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Responsibility points (责任点) with their accountability triggers (追责情形) and basis (追责依据). */
@customElement('responsibility-points-page')
export class ResponsibilityPointsPage extends LitElement {
  static override styles = [
    base,
    css`
      td.code { white-space: nowrap; }
      td.where { min-width: 9rem; max-width: 16rem; }
      .sub { display: block; margin-top: 0.25rem; font-size: 0.9rem; }
      td.duty { min-width: 12rem; max-width: 28rem; }
      td.triggers { min-width: 14rem; }
      ul.triggers { margin: 0; padding-left: 1.1rem; }
      ul.triggers li { margin: 0 0 0.4rem; }
      .basis { display: block; font-size: 0.85rem; }
    `,
  ];

  private readonly list = new FilteredList<ResponsibilityPointView, FilterKey>(
    this,
    '/responsibility-points',
    FILTER_KEYS,
  );
  private readonly i18n = new LocaleController(this);

  private triggers(r: ResponsibilityPointView) {
    if (!r.triggers.length) return html`<span class="muted">${t(m.noTriggers)}</span>`;
    return html`<ul class="triggers">
      ${r.triggers.map(
        (tr) => html`<li>
          <span class="visually-hidden">${t(m.situation)}:</span>${tr.situation}
          <span class="basis muted"><span class="visually-hidden">${t(m.basis)}:</span>${tr.basis}</span>
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    const f = this.list.filters;
    const scope = f.unitId ? { unitId: f.unitId } : {};
    return html`
      <h1>${t(nav.responsibilityPoints)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters">
        ${textFilter(t(m.textHint), f.q, (v) => this.list.set('q', v, 300))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <ref-select label=${t(common.approvalItem)} path="/approval-items" .value=${f.approvalItemId ?? ''} .query=${scope}
          @change=${(e: CustomEvent<string>) => this.list.set('approvalItemId', e.detail)}></ref-select>
        <ref-select label=${t(common.post)} path="/posts" .value=${f.postId ?? ''} .query=${scope}
          @change=${(e: CustomEvent<string>) => this.list.set('postId', e.detail)}></ref-select>
        ${enumFilter(t(common.stage), stages, f.stage, (v) => this.list.set('stage', v))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${listTable(
        this.list,
        t(nav.responsibilityPoints),
        html`<th scope="col">${t(common.code)} / ${t(common.stage)}</th>
          <th scope="col" class="hide-narrow">${t(common.approvalItem)} / ${t(common.post)}</th>
          <th scope="col">${t(m.duty)}</th>
          <th scope="col">${t(m.triggers)}</th>`,
        (r) => html`<tr>
          <td class="code">${r.code}<span class="sub"><span class="chip">${enumLabel(stages, r.stage)}</span></span></td>
          <td class="hide-narrow where">
            <a href="/approval-items/${r.approvalItemId}">${named({ name: r.approvalItemName, nameEn: r.approvalItemNameEn })}</a>
            <span class="sub"><a href="/posts/${r.postId}">${named({ name: r.postName, nameEn: r.postNameEn })}</a></span>
          </td>
          <td class="duty">${r.duty}</td>
          <td class="triggers">${this.triggers(r)}</td>
        </tr>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'responsibility-points-page': ResponsibilityPointsPage;
  }
}
