import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AssignmentCreate } from '../../../../server/catalog/schema.ts';
import type { PostDetail } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { sessionApi } from '../../api/session.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { dataTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, nav, postKinds } from '../../i18n/common.ts';
import { defineMessages, formatDate, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import '../scorecards/post-talk-flag.ts';
import { postMessages as pm } from './messages.ts';

const m = defineMessages({
  history: { 'zh-CN': '在岗记录', en: 'Assignment history' },
  historyNote: {
    'zh-CN': '在岗记录不会被覆盖：倒查责任时可查到问题发生当天由谁在岗。',
    en: 'History is never overwritten: tracing responsibility back finds who held the post on the day a problem happened.',
  },
  person: { 'zh-CN': '人员', en: 'Person' },
  from: { 'zh-CN': '起始日期', en: 'From' },
  to: { 'zh-CN': '截止日期', en: 'To' },
  status: { 'zh-CN': '状态', en: 'Status' },
  current: { 'zh-CN': '在岗', en: 'Current' },
  ended: { 'zh-CN': '已离岗', en: 'Ended' },
  future: { 'zh-CN': '待上岗', en: 'Starts later' },
  open: { 'zh-CN': '至今', en: 'to date' },
  noHistory: { 'zh-CN': '尚无在岗记录。', en: 'No one has held this post yet.' },
  related: { 'zh-CN': '相关目录', en: 'Related' },
  riskPoints: { 'zh-CN': '本岗位的风险防控点', en: 'Risk control points of this post' },
  responsibilityPoints: { 'zh-CN': '本岗位的责任点', en: 'Responsibility points of this post' },
  assign: { 'zh-CN': '安排人员上岗', en: 'Assign a person' },
  assignIntro: {
    'zh-CN': '从指定日期起由该人员在岗。勾选“替换现任”时，现任人员在前一天离岗；否则增加一名在岗人员。',
    en: 'The person holds the post from the date. With “replace” ticked, the current holders leave the day before; otherwise the person is added as another holder.',
  },
  fromDate: { 'zh-CN': '上岗日期', en: 'From date' },
  afterHolder: {
    'zh-CN': '须晚于现任人员 {name} 的上岗日期（{date}）',
    en: 'Must be after the current holder {name} started ({date})',
  },
  personHint: { 'zh-CN': '输入姓名或邮箱查找', en: 'Type a name or email' },
  replace: { 'zh-CN': '替换现任在岗人员', en: 'Replace the current holder(s)' },
  assignButton: { 'zh-CN': '确认上岗', en: 'Assign' },
  assigned: { 'zh-CN': '已安排 {name} 上岗。', en: '{name} is assigned.' },
});

const FIELDS = ['personId', 'fromDate', 'replaceCurrent'] as const;

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** One post: its unit, responsibility standard, responsibility chain and full assignment history. */
@customElement('post-page')
export class PostPage extends LitElement {
  static override styles = [
    base,
    css`
      .standard { white-space: pre-line; }
      ol.chain { margin: 0; padding-left: 1.4rem; }
      ol.chain li { margin: 0.35rem 0; }
      ol.chain .role { color: var(--c-muted); display: block; font-size: 0.85rem; }
      form .row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; }
      form .row > label, form .row > .field { flex: 1 1 14rem; max-width: 20rem; }
      label.check { flex-direction: row; align-items: center; gap: 0.5rem; color: var(--c-text); margin: 0.75rem 0; }
      label.check input { min-height: auto; width: 1.1rem; height: 1.1rem; }
      form.card h2 { margin-top: 0; }
      .field-error { display: block; font-size: 0.85rem; }
      .field ref-select { max-width: none; }
    `,
  ];

  @property({ type: Number }) postId = 0;
  @state() private etag: string | null = null;
  @state() private isAdmin = false;
  @state() private personId = '';
  @state() private fromDate = todayIso();
  @state() private replaceCurrent = true;
  @state() private done = '';
  private readonly form = new FormState(this, FIELDS);
  private readonly i18n = new LocaleController(this);

  private readonly post = new Task(this, {
    task: async ([id]) => {
      const { body, etag } = await api.getWithETag<PostDetail>(`/posts/${id}`);
      this.etag = etag;
      return body;
    },
    args: () => [this.postId] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    sessionApi.current().then(
      (s) => (this.isAdmin = s.person.roles.includes('admin')),
      () => (this.isAdmin = false),
    );
  }

  private async assign(e: SubmitEvent) {
    e.preventDefault();
    this.done = '';
    this.form.reset();
    const parsed = AssignmentCreate.safeParse({
      personId: this.personId ? Number(this.personId) : undefined,
      fromDate: this.fromDate,
      replaceCurrent: this.replaceCurrent,
    });
    if (!parsed.success) {
      this.form.invalid(zodFieldErrors(parsed.error.issues));
      return;
    }
    const { fromDate, replaceCurrent } = parsed.data;
    const later = replaceCurrent ? this.post.value?.holders.find((h) => h.fromDate >= fromDate) : undefined;
    if (later) {
      // Replacing ends the current holders the day before; that day must come after they started.
      this.form.invalid({
        fromDate: t(m.afterHolder, { name: named(later), date: formatDate(later.fromDate) }),
      });
      return;
    }
    await this.form.submit(async () => {
      const saved = await api.post<PostDetail>(`/posts/${this.postId}/assignments`, parsed.data, this.etag);
      const person = saved.assignments.find((a) => a.personId === parsed.data.personId);
      this.done = t(m.assigned, { name: named(person) });
      this.personId = '';
      await this.post.run();
    });
  }

  private assignForm() {
    const labels = { personId: t(m.person), fromDate: t(m.fromDate), replaceCurrent: t(m.replace) };
    return html`<form class="card" @submit=${this.assign} novalidate aria-labelledby="assign-title">
      <h2 id="assign-title">${t(m.assign)}</h2>
      <p class="muted">${t(m.assignIntro)}</p>
      ${errorSummary(this.form.errors, labels, this.form.message)}
      <div class="row">
        <div class="field">
          <ref-select label=${t(m.person)} path="/people" placeholder=${t(m.personHint)} .value=${this.personId}
            @change=${(e: CustomEvent<string>) => (this.personId = e.detail)}></ref-select>
          ${fieldError(this.form.errors, 'personId', 'err-person')}
        </div>
        <label>${t(m.fromDate)}
          <input type="date" name="fromDate" required .value=${this.fromDate} aria-invalid=${this.form.errors.fromDate ? 'true' : 'false'}
            aria-describedby="err-from" @input=${(e: Event) => (this.fromDate = (e.target as HTMLInputElement).value)} />
          ${fieldError(this.form.errors, 'fromDate', 'err-from')}
        </label>
      </div>
      <label class="check">
        <input type="checkbox" .checked=${this.replaceCurrent} @change=${(e: Event) => (this.replaceCurrent = (e.target as HTMLInputElement).checked)} />
        ${t(m.replace)}
      </label>
      <p><button class="primary" type="submit" ?disabled=${this.form.busy}>${t(m.assignButton)}</button></p>
    </form>`;
  }

  private status(from: string, to: string | null) {
    const today = todayIso();
    if (from > today) return html`<span class="chip">${t(m.future)}</span>`;
    if (to === null || to >= today) return html`<span class="chip grade-C">${t(m.current)}</span>`;
    return html`<span class="muted">${t(m.ended)}</span>`;
  }

  private page(p: PostDetail) {
    const none = html`<span class="muted">${t(common.none)}</span>`;
    return html`
      <p><a href="/posts">← ${t(nav.posts)}</a></p>
      <h1>${p.code} ${named(p)} <span class="chip">${enumLabel(postKinds, p.kind)}</span></h1>
      <post-talk-flag .postId=${p.id}></post-talk-flag>
      <div class="card">
        <dl class="fields">
          <dt>${t(common.unit)}</dt><dd>${named({ name: p.unitName, nameEn: p.unitNameEn })}</dd>
          <dt>${t(pm.kind)}</dt><dd>${enumLabel(postKinds, p.kind)}</dd>
          <dt>${t(pm.windowNo)}</dt><dd>${p.windowNo ?? none}</dd>
          <dt>${t(m.related)}</dt>
          <dd>
            <a href="/risk-points?postId=${p.id}">${t(m.riskPoints)}</a> ·
            <a href="/responsibility-points?postId=${p.id}">${t(m.responsibilityPoints)}</a>
          </dd>
        </dl>
      </div>
      <h2>${t(pm.responsibilityStandard)}</h2>
      <div class="card standard">${p.responsibilityStandard || none}</div>
      <h2>${t(pm.chain)}</h2>
      <div class="card">
        <ol class="chain">
          <li><span class="role">${t(pm.directlyResponsible)}</span>
            ${
              p.holders.length
                ? p.holders.map(
                    (h, i) =>
                      html`${i ? t(pm.separator) : ''}<strong>${named(h)}</strong> <span class="muted">${t(pm.since, { date: formatDate(h.fromDate) })}</span>`,
                  )
                : html`<span class="muted">${t(pm.vacant)}</span>`
            }
          </li>
          <li><span class="role">${t(pm.departmentHead)}</span>${p.departmentHead ? html`<strong>${named(p.departmentHead)}</strong>` : none}</li>
          <li><span class="role">${t(pm.leaderInCharge)}</span>${p.leaderInCharge ? html`<strong>${named(p.leaderInCharge)}</strong>` : none}</li>
        </ol>
      </div>
      ${this.isAdmin ? this.assignForm() : ''}
      <p role="status" aria-live="polite">${this.done}</p>
      <h2>${t(m.history)}</h2>
      <p class="muted">${t(m.historyNote)}</p>
      ${
        p.assignments.length
          ? dataTable(
              t(m.history),
              html`<th scope="col">${t(m.person)}</th>
                <th scope="col">${t(m.from)}</th>
                <th scope="col">${t(m.to)}</th>
                <th scope="col">${t(m.status)}</th>`,
              p.assignments,
              (a) => html`<tr>
                <td>${named(a)}</td>
                <td>${formatDate(a.fromDate)}</td>
                <td>${a.toDate ? formatDate(a.toDate) : html`<span class="muted">${t(m.open)}</span>`}</td>
                <td>${this.status(a.fromDate, a.toDate)}</td>
              </tr>`,
            )
          : html`<p class="muted">${t(m.noHistory)}</p>`
      }
    `;
  }

  override render() {
    return this.post.render({
      pending: () => (this.post.value ? this.page(this.post.value) : html`<p>${t(common.loading)}</p>`),
      error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
      complete: (p) => this.page(p),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'post-page': PostPage;
  }
}
