import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FormSummary } from '../../api/forms.ts';
import { formsApi } from '../../api/forms.ts';
import type { SessionPerson } from '../../api/session.ts';
import { errorMessage } from '../../components/error-message.ts';
import { chipFilterStyles } from '../../components/filters.ts';
import { dataTable, listTable } from '../../components/list-table.ts';
import { PagedList } from '../../components/paged-list.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
import { base } from '../../styles.ts';
import { formHead, formRow } from './form-table.ts';
import { statusLabels } from './labels.ts';
import { formMessages } from './messages.ts';
import { byUrgency, formChipStyles } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '我的工作台', en: 'My work' },
  intro: {
    'zh-CN': '我所在岗位的改进记录和我登记的记录。红牌为已超期，黄牌为临近期限，请优先处理。',
    en: 'The forms of your posts and the forms you filed. A red card is overdue, a yellow card is near its deadline: deal with them first.',
  },
  mine: { 'zh-CN': '我的改进记录', en: 'My forms' },
  statusFilter: { 'zh-CN': '按状态筛选', en: 'Filter by status' },
  active: { 'zh-CN': '未办结', en: 'Open work' },
  all: { 'zh-CN': '全部', en: 'All' },
  overdue: { 'zh-CN': '已超期（红牌）', en: 'Overdue (red card)' },
  nearDeadline: { 'zh-CN': '临近期限（黄牌）', en: 'Near the deadline (yellow card)' },
  openWork: { 'zh-CN': '未办结', en: 'Open work' },
  nothing: { 'zh-CN': '这里没有记录。', en: 'Nothing here.' },
  capped: {
    'zh-CN': '只显示最近的 {shown} 条（共 {total} 条），更多请到“改进记录”中查找。',
    en: 'Only the latest {shown} of {total} are shown; find the rest under “Forms”.',
  },
  verifyingInUnits: { 'zh-CN': '我的单位：待验证', en: 'Awaiting verification in my units' },
  overdueInUnits: { 'zh-CN': '我的单位：已超期', en: 'Overdue in my units' },
  seeAll: { 'zh-CN': '查看全部', en: 'See all' },
});

const ACTIVE = ['draft', 'open', 'in_progress', 'verifying'];
type StatusFilter = 'active' | 'all' | keyof typeof statusLabels;

/**
 * My work (我的工作台), everyone's landing page: the forms of my posts and those I filed, overdue first, a
 * prominent "File a form"; supervisors and leaders also see what awaits verification and what is overdue in
 * their units.
 */
@customElement('my-work-page')
export class MyWorkPage extends LitElement {
  static override styles = [
    base,
    chipFilterStyles,
    formChipStyles,
    css`
      .hero { display: flex; gap: 1rem; align-items: flex-start; justify-content: space-between; flex-wrap: wrap; }
      .hero p { margin: 0 0 0.5rem; max-width: 48rem; }
      a.file { font-size: 1.1rem; padding: 0.7rem 1.4rem; min-height: 3rem; font-weight: 600; }
      .stats { display: flex; gap: 0.75rem; flex-wrap: wrap; margin: 1rem 0; }
      .stat { border: 1px solid var(--c-border); border-radius: var(--radius); background: #fff; padding: 0.6rem 1rem; min-width: 10rem; }
      .stat strong { display: block; font-size: 1.6rem; line-height: 1.2; }
      .stat.red { border-left: 6px solid #b42318; }
      .stat.yellow { border-left: 6px solid #d4a72c; }
      .stat.open { border-left: 6px solid var(--c-primary); }
      .section-head { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
      .section-head h2 { margin-bottom: 0; }
      section { margin-top: 1.5rem; }
    `,
  ];

  @property({ attribute: false }) person: SessionPerson | null = null;
  @state() private status: StatusFilter = 'active';
  private readonly i18n = new LocaleController(this);
  private readonly verifying = new PagedList<FormSummary>(this, '/forms', 20);
  private readonly overdue = new PagedList<FormSummary>(this, '/forms', 20);

  private readonly mine = new Task(this, {
    task: () => formsApi.all({ mine: true }, 500),
    args: () => [],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const wanted = new URLSearchParams(location.search).get('status');
    if (wanted && (wanted === 'all' || wanted in statusLabels)) this.status = wanted as StatusFilter;
    if (this.oversees) {
      void this.verifying.load({ status: 'verifying' });
      void this.overdue.load({ card: 'red' });
    }
  }

  /** Supervisors and leaders see their units' forms as well as their own. */
  private get oversees(): boolean {
    const roles = this.person?.roles ?? [];
    return roles.includes('supervisor') || roles.includes('leader');
  }

  private choose(status: StatusFilter) {
    this.status = status;
    setQuery({ status: status === 'active' ? undefined : status });
  }

  private fits(f: FormSummary, status: StatusFilter): boolean {
    if (status === 'all') return true;
    if (status === 'active') return ACTIVE.includes(f.status);
    return f.status === status;
  }

  private chips(items: FormSummary[]) {
    const count = (s: StatusFilter) => items.filter((f) => this.fits(f, s)).length;
    const chip = (s: StatusFilter, text: string) =>
      html`<button class="chip status-${s}" aria-pressed=${this.status === s} data-status=${s} @click=${() => this.choose(s)}>
        ${text} <span class="count">${formatNumber(count(s))}</span>
      </button>`;
    return html`<div class="chips" role="group" aria-label=${t(m.statusFilter)}>
      ${chip('active', t(m.active))}
      ${Object.entries(statusLabels).map(([k, v]) => chip(k as StatusFilter, t(v)))}
      ${chip('all', t(m.all))}
    </div>`;
  }

  private stats(items: FormSummary[]) {
    const active = items.filter((f) => ACTIVE.includes(f.status));
    const stat = (cls: string, label: string, n: number) =>
      html`<div class="stat ${cls}"><strong>${formatNumber(n)}</strong>${label}</div>`;
    return html`<div class="stats">
      ${stat('red', t(m.overdue), active.filter((f) => f.card === 'red').length)}
      ${stat('yellow', t(m.nearDeadline), active.filter((f) => f.card === 'yellow').length)}
      ${stat('open', t(m.openWork), active.length)}
    </div>`;
  }

  private myForms() {
    return this.mine.render({
      pending: () => html`<p class="muted" role="status">${t(common.loading)}</p>`,
      error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>
        <button @click=${() => this.mine.run()}>${t(common.retry)}</button>`,
      complete: ({ items, total }) => {
        const shown = items.filter((f) => this.fits(f, this.status)).sort(byUrgency);
        return html`${this.stats(items)}
          <section aria-labelledby="mine">
            <h2 id="mine">${t(m.mine)}</h2>
            ${this.chips(items)}
            ${
              shown.length
                ? dataTable(t(m.mine), formHead(), shown, (f) => formRow(f))
                : html`<p class="muted" role="status">${t(m.nothing)}</p>`
            }
            ${total > items.length ? html`<p class="muted">${t(m.capped, { shown: items.length, total })}</p>` : nothing}
          </section>`;
      },
    });
  }

  private unitSection(id: string, title: string, list: PagedList<FormSummary>, href: string) {
    return html`<section aria-labelledby=${id}>
      <div class="section-head"><h2 id=${id}>${title}</h2><a href=${href}>${t(m.seeAll)}</a></div>
      ${listTable(list, title, formHead({ unit: true }), (f) => formRow(f, { unit: true }))}
    </section>`;
  }

  override render() {
    return html`
      <div class="hero">
        <div>
          <h1>${t(m.title)}</h1>
          <p class="muted">${t(m.intro)}</p>
        </div>
        <a class="button primary file" href="/forms/new">＋ ${t(formMessages.fileForm)}</a>
      </div>
      ${this.myForms()}
      ${
        this.oversees
          ? html`${this.unitSection('unit-verifying', t(m.verifyingInUnits), this.verifying, '/forms?status=verifying')}
            ${this.unitSection('unit-overdue', t(m.overdueInUnits), this.overdue, '/forms?card=red')}`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'my-work-page': MyWorkPage;
  }
}
