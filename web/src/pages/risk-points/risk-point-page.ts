import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { GradeChange } from '../../../../server/risk-points/schema.ts';
import { auditApi } from '../../api/audit.ts';
import type { RiskPointDetail } from '../../api/catalog.ts';
import { ApiError, api } from '../../api/client.ts';
import '../../components/change-timeline.ts';
import { errorMessage } from '../../components/error-message.ts';
import { common, grades, nav, riskCategories, stages } from '../../i18n/common.ts';
import { formatDateTime, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { riskMessages as m } from './messages.ts';

/** One risk control point: what it guards, its control measures, and how its grade came about. */
@customElement('risk-point-page')
export class RiskPointPage extends LitElement {
  static override styles = [base];
  @property({ type: Number }) pointId = 0;
  @property({ type: Boolean }) canGrade = false;
  @state() private etag: string | null = null;
  @state() private editing = false;
  @state() private formError = '';
  private readonly i18n = new LocaleController(this);

  private readonly point = new Task(this, {
    task: async ([id]) => {
      const { body, etag } = await api.getWithETag<RiskPointDetail>(`/risk-points/${id}`);
      this.etag = etag;
      return body;
    },
    args: () => [this.pointId] as const,
  });

  /** Every audited change of the point, oldest first; loaded beside the point so neither waits for the other. */
  private readonly history = new Task(this, {
    task: ([id]) => auditApi.riskPointHistory(id),
    args: () => [this.pointId] as const,
  });

  private async submitGrade(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const parsed = GradeChange.safeParse({
      grade: data.get('grade'),
      likelihood: Number(data.get('likelihood')),
      impact: Number(data.get('impact')),
      discretion: Number(data.get('discretion')),
      reason: String(data.get('reason') ?? ''),
    });
    if (!parsed.success) {
      this.formError = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return;
    }
    try {
      await api.post(`/risk-points/${this.pointId}/grade`, parsed.data, this.etag);
      this.editing = false;
      this.formError = '';
      void this.point.run();
      void this.history.run();
    } catch (err) {
      this.formError = err instanceof ApiError ? errorMessage(err) : String(err);
    }
  }

  private gradeForm(p: RiskPointDetail) {
    const score = (name: 'likelihood' | 'impact' | 'discretion') =>
      html`<label>${t(m[name])}<select name=${name}>${[1, 2, 3].map((n) => html`<option ?selected=${p[name] === n}>${n}</option>`)}</select></label>`;
    return html`<form class="card" @submit=${this.submitGrade}>
      <h2>${t(m.changeGrade)}</h2>
      <div class="filters">
        <label>${t(common.grade)}<select name="grade">${(['A', 'B', 'C'] as const).map((g) => html`<option value=${g} ?selected=${p.grade === g}>${t(grades[g] ?? common.grade)}</option>`)}</select></label>
        ${score('likelihood')} ${score('impact')} ${score('discretion')}
      </div>
      <label>${t(m.reason)}<textarea name="reason" rows="2" required></textarea></label>
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : ''}
      <p><button class="primary" type="submit">${t(common.save)}</button> <button type="button" @click=${() => (this.editing = false)}>${t(common.cancel)}</button></p>
    </form>`;
  }

  override render() {
    return this.point.render({
      pending: () => html`<p>${t(common.loading)}</p>`,
      error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
      complete: (p) => html`
        <p><a href="/risk-points">← ${t(nav.riskPoints)}</a></p>
        <h1><span class="chip grade-${p.grade}">${p.grade}</span> ${p.code}</h1>
        <p>${p.description}</p>
        <div class="card">
          <dl class="fields">
            <dt>${t(common.approvalItem)}</dt><dd><a href="/approval-items/${p.approvalItemId}">${named({ name: p.approvalItemName, nameEn: p.approvalItemNameEn })}</a></dd>
            <dt>${t(common.stage)}</dt><dd>${t(stages[p.stage] ?? common.stage)}</dd>
            <dt>${t(common.post)}</dt><dd><a href="/posts/${p.postId}">${named({ name: p.postName, nameEn: p.postNameEn })}</a></dd>
            <dt>${t(common.unit)}</dt><dd>${named({ name: p.unitName, nameEn: p.unitNameEn })}</dd>
            <dt>${t(m.category)}</dt><dd>${t(riskCategories[p.category] ?? m.category)}</dd>
            <dt>${t(common.grade)}</dt><dd>${t(grades[p.grade] ?? common.grade)} —
              ${t(m.likelihood)} ${p.likelihood}, ${t(m.impact)} ${p.impact}, ${t(m.discretion)} ${p.discretion}</dd>
            <dt>${t(m.responsiblePerson)}</dt><dd>${named(p.responsiblePerson) || t(common.none)}</dd>
            <dt>${t(m.accountableLeader)}</dt><dd>${named(p.accountableLeader) || t(common.none)}</dd>
            <dt>${t(m.supervisionMethod)}</dt><dd>${p.supervisionMethod || t(common.none)}</dd>
          </dl>
        </div>
        <h2>${t(m.controlMeasures)}</h2>
        <ol class="measures">${p.controlMeasures.map((c) => html`<li>${c}</li>`)}</ol>
        <h2>${t(m.gradeHistory)}</h2>
        ${this.canGrade && !this.editing ? html`<p><button @click=${() => (this.editing = true)}>${t(m.changeGrade)}</button></p>` : ''}
        ${this.editing ? this.gradeForm(p) : ''}
        <div class="table-wrap"><table>
          <thead><tr>
            <th scope="col">${t(m.changedAt)}</th><th scope="col">${t(common.grade)}</th>
            <th scope="col">${t(m.likelihood)} / ${t(m.impact)} / ${t(m.discretion)}</th>
            <th scope="col">${t(m.reason)}</th><th scope="col">${t(m.changedBy)}</th><th scope="col">${t(m.confirmedBy)}</th>
          </tr></thead>
          <tbody>${p.gradeHistory.map(
            (g) => html`<tr>
              <td>${formatDateTime(g.changedAt)}</td>
              <td>${g.previousGrade ? t(m.fromTo, { from: g.previousGrade, to: g.grade }) : html`${g.grade} <span class="muted">(${t(m.initial)})</span>`}</td>
              <td>${g.likelihood} / ${g.impact} / ${g.discretion}</td>
              <td>${g.reason}</td><td>${named(g.changedBy)}</td><td>${named(g.confirmedBy)}</td>
            </tr>`,
          )}</tbody>
        </table></div>
        <section aria-labelledby="s-history">
          <h2 id="s-history">${t(m.history)}</h2>
          ${this.history.render({
            pending: () => html`<p class="muted">${t(common.loading)}</p>`,
            error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
            complete: (events) =>
              html`<change-timeline entity-type="risk_point" label=${t(m.history)} .events=${events}></change-timeline>`,
          })}
        </section>
      `,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'risk-point-page': RiskPointPage;
  }
}
