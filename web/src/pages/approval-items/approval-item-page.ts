import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApprovalItemView, ResponsibilityPointView, RiskPointView } from '../../api/catalog.ts';
import { api, type Page } from '../../api/client.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { dataTable } from '../../components/list-table.ts';
import { common, nav, stages } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { itemMessages as im } from './messages.ts';

const m = defineMessages({
  timeLimits: { 'zh-CN': '办理时限', en: 'Time limits' },
  noConditions: { 'zh-CN': '无前置条件。', en: 'No pre-approval conditions.' },
  noGuide: { 'zh-CN': '暂无办事指南。', en: 'No service guide yet.' },
  noBasis: { 'zh-CN': '未登记设定依据。', en: 'No legal basis recorded.' },
  riskPoints: { 'zh-CN': '风险防控点（{n}）', en: 'Risk control points ({n})' },
  responsibilityPoints: { 'zh-CN': '责任点（{n}）', en: 'Responsibility points ({n})' },
  noRiskPoints: { 'zh-CN': '本事项没有登记风险防控点。', en: 'No risk control points for this item.' },
  noResponsibilityPoints: {
    'zh-CN': '本事项没有登记责任点。',
    en: 'No responsibility points for this item.',
  },
  risk: { 'zh-CN': '风险描述', en: 'Risk' },
  duty: { 'zh-CN': '岗位职责', en: 'Duty' },
  triggers: { 'zh-CN': '追责情形', en: 'Triggers' },
  seeAll: { 'zh-CN': '在列表中查看全部', en: 'See them all in the list' },
  shown: { 'zh-CN': '显示前 {shown} 条，共 {total} 条。', en: 'Showing the first {shown} of {total}.' },
});

type Points = { risks: Page<RiskPointView>; duties: Page<ResponsibilityPointView> };

/** One approval item: legal basis, time limits, stages, pre-approval conditions, service guide and its points. */
@customElement('approval-item-page')
export class ApprovalItemPage extends LitElement {
  static override styles = [
    base,
    css`
      .guide, .basis { white-space: pre-line; }
      ol.stages { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; list-style: none; padding: 0; margin: 0; counter-reset: stage; }
      ol.stages li { counter-increment: stage; }
      ol.stages li::before { content: counter(stage) '. '; color: var(--c-muted); }
      ol.conditions li { margin: 0.3rem 0; }
      .spot { background: #dcf3e3; border-color: var(--c-ok); color: #0f5323; }
      td.desc { max-width: 30rem; }
      td.code { white-space: nowrap; }
      .limits { display: flex; gap: 2rem; flex-wrap: wrap; }
      .limits .value { font-size: 1.3rem; font-weight: 600; }
    `,
  ];

  @property({ type: Number }) itemId = 0;
  private readonly i18n = new LocaleController(this);

  private readonly item = new Task(this, {
    task: ([id], { signal }) => api.get<ApprovalItemView>(`/approval-items/${id}`, undefined, signal),
    args: () => [this.itemId] as const,
  });

  private readonly points = new Task(this, {
    task: async ([id], { signal }): Promise<Points> => {
      const [risks, duties] = await Promise.all([
        api.list<RiskPointView>('/risk-points', { approvalItemId: id, limit: 500 }, signal),
        api.list<ResponsibilityPointView>(
          '/responsibility-points',
          { approvalItemId: id, limit: 500 },
          signal,
        ),
      ]);
      return { risks, duties };
    },
    args: () => [this.itemId] as const,
  });

  private days(n: number) {
    return n === 0
      ? html`<span class="chip spot">${t(im.onTheSpot)}</span>`
      : t(im.workingDays, { n: formatNumber(n) });
  }

  private more(page: Page<unknown>, href: string) {
    return page.total > page.items.length
      ? html`<p class="muted">${t(m.shown, { shown: page.items.length, total: page.total })} <a href=${href}>${t(m.seeAll)}</a></p>`
      : html`<p><a href=${href}>${t(m.seeAll)}</a></p>`;
  }

  private riskTable(page: Page<RiskPointView>) {
    if (page.total === 0) return html`<p class="muted">${t(m.noRiskPoints)}</p>`;
    return html`${dataTable(
      t(m.riskPoints, { n: page.total }),
      html`<th scope="col">${t(common.code)}</th>
        <th scope="col">${t(common.grade)}</th>
        <th scope="col">${t(common.stage)}</th>
        <th scope="col">${t(m.risk)}</th>
        <th scope="col" class="hide-narrow">${t(common.post)}</th>`,
      page.items,
      (r) => html`<tr>
        <td class="code"><a href="/risk-points/${r.id}">${r.code}</a></td>
        <td><span class="chip grade-${r.grade}">${r.grade}</span></td>
        <td>${enumLabel(stages, r.stage)}</td>
        <td class="desc">${r.description}</td>
        <td class="hide-narrow"><a href="/posts/${r.postId}">${named({ name: r.postName, nameEn: r.postNameEn })}</a></td>
      </tr>`,
    )}
    ${this.more(page, `/risk-points?approvalItemId=${this.itemId}`)}`;
  }

  private dutyTable(page: Page<ResponsibilityPointView>) {
    if (page.total === 0) return html`<p class="muted">${t(m.noResponsibilityPoints)}</p>`;
    return html`${dataTable(
      t(m.responsibilityPoints, { n: page.total }),
      html`<th scope="col">${t(common.code)}</th>
        <th scope="col">${t(common.stage)}</th>
        <th scope="col" class="hide-narrow">${t(common.post)}</th>
        <th scope="col">${t(m.duty)}</th>
        <th scope="col" class="hide-narrow">${t(m.triggers)}</th>`,
      page.items,
      (r) => html`<tr>
        <td class="code">${r.code}</td>
        <td>${enumLabel(stages, r.stage)}</td>
        <td class="hide-narrow"><a href="/posts/${r.postId}">${named({ name: r.postName, nameEn: r.postNameEn })}</a></td>
        <td class="desc">${r.duty}</td>
        <td class="hide-narrow">${formatNumber(r.triggers.length)}</td>
      </tr>`,
    )}
    ${this.more(page, `/responsibility-points?approvalItemId=${this.itemId}`)}`;
  }

  private page(i: ApprovalItemView) {
    return html`
      <p><a href="/approval-items">← ${t(nav.approvalItems)}</a></p>
      <h1>${i.code} ${named(i)}</h1>
      <div class="card">
        <dl class="fields">
          <dt>${t(common.unit)}</dt><dd>${named({ name: i.unitName, nameEn: i.unitNameEn })}</dd>
          <dt>${t(im.legalBasis)}</dt><dd class="basis">${i.legalBasis || html`<span class="muted">${t(m.noBasis)}</span>`}</dd>
          <dt>${t(im.stages)}</dt>
          <dd><ol class="stages">${i.stages.map((s) => html`<li><span class="chip">${enumLabel(stages, s)}</span></li>`)}</ol></dd>
        </dl>
      </div>
      <h2>${t(m.timeLimits)}</h2>
      <div class="card limits">
        <div><div class="muted">${t(im.statutoryDays)}</div><div class="value">${this.days(i.statutoryDays)}</div></div>
        <div><div class="muted">${t(im.promisedDays)}</div><div class="value">${this.days(i.promisedDays)}</div></div>
      </div>
      <h2>${t(im.preconditions)}</h2>
      ${
        i.preconditions.length
          ? html`<ol class="conditions">${i.preconditions.map((c) => html`<li>${c}</li>`)}</ol>`
          : html`<p class="muted">${t(m.noConditions)}</p>`
      }
      <h2>${t(im.serviceGuide)}</h2>
      <div class="card guide">${i.serviceGuide || html`<span class="muted">${t(m.noGuide)}</span>`}</div>
      ${this.points.render({
        pending: () => html`<p class="muted">${t(common.loading)}</p>`,
        error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
        complete: (p) => html`
          <h2>${t(m.riskPoints, { n: formatNumber(p.risks.total) })}</h2>
          ${this.riskTable(p.risks)}
          <h2>${t(m.responsibilityPoints, { n: formatNumber(p.duties.total) })}</h2>
          ${this.dutyTable(p.duties)}
        `,
      })}
    `;
  }

  override render() {
    return this.item.render({
      pending: () => html`<p>${t(common.loading)}</p>`,
      error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
      complete: (i) => this.page(i),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'approval-item-page': ApprovalItemPage;
  }
}
