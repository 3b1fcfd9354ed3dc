import { Task } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { suggestedGrade } from '../../../../server/risk-points/grading.ts';
import { GradeChange } from '../../../../server/risk-points/schema.ts';
import { auditApi } from '../../api/audit.ts';
import type { RiskPointDetail } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import type { FormSummary } from '../../api/forms.ts';
import type { InspectionView } from '../../api/inspections.ts';
import '../../components/change-timeline.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { listTable } from '../../components/list-table.ts';
import { PagedList } from '../../components/paged-list.ts';
import { common, grades, nav, riskCategories, stages } from '../../i18n/common.ts';
import { formatDateTime, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { formHead, formRow } from '../forms/form-table.ts';
import { formChipStyles, gradeChip } from '../forms/parts.ts';
import { inspectionMessages as im } from '../inspections/messages.ts';
import { checkHead, checkRow, inspectionStyles } from '../inspections/parts.ts';
import { riskMessages as m } from './messages.ts';

type Score = 'likelihood' | 'impact' | 'discretion';
const SCORES: Score[] = ['likelihood', 'impact', 'discretion'];
type GradeDraft = Record<Score, number> & { grade: 'A' | 'B' | 'C'; reason: string };

/**
 * One risk control point: what it guards, its control measures, how its grade came about (with the grade its
 * inputs suggest, live in the editor), its checks and the forms that name it.
 */
@customElement('risk-point-page')
export class RiskPointPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    inspectionStyles,
    css`
      .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; justify-content: space-between; }
      .suggested { border: 1px solid var(--c-border); border-radius: var(--radius); background: var(--c-subtle); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
      .suggested p { margin: 0; }
      .suggested.differs { border-color: var(--c-b); background: #fff8e1; }
      .field-error { font-size: 0.85rem; }
      textarea { width: 100%; }
      form.card h2 { margin-top: 0; }
    `,
  ];
  @property({ type: Number }) pointId = 0;
  @property({ type: Boolean }) canGrade = false;
  /** Supervisors record checks (the server checks too). */
  @property({ type: Boolean }) canCheck = false;
  @state() private etag: string | null = null;
  @state() private draft: GradeDraft | null = null;
  private readonly gradeForm = new FormState(this, ['grade', ...SCORES, 'reason', 'confirmedById']);
  private readonly checks = new PagedList<InspectionView>(this, '/inspections', 10);
  private readonly forms = new PagedList<FormSummary>(this, '/forms', 10);
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pointId') && this.pointId) {
      this.draft = null;
      void this.checks.load({ riskPointId: this.pointId });
      void this.forms.load({ riskPointId: this.pointId });
    }
  }

  private startGrading(p: RiskPointDetail) {
    this.gradeForm.reset();
    this.draft = {
      grade: p.grade,
      likelihood: p.likelihood,
      impact: p.impact,
      discretion: p.discretion,
      reason: '',
    };
  }

  private async submitGrade(e: SubmitEvent) {
    e.preventDefault();
    const d = this.draft;
    if (!d || this.gradeForm.busy) return;
    this.gradeForm.reset();
    const parsed = GradeChange.safeParse(d);
    if (!parsed.success) {
      this.gradeForm.invalid(zodFieldErrors(parsed.error.issues));
      return;
    }
    await this.gradeForm.submit(async () => {
      await api.post(`/risk-points/${this.pointId}/grade`, parsed.data, this.etag);
      this.draft = null;
      void this.point.run();
      void this.history.run();
    });
  }

  /** The grade the inputs suggest, said beside the editor as the scores change. */
  private suggestion(d: GradeDraft) {
    const suggested = suggestedGrade(d.likelihood, d.impact, d.discretion);
    const sum = d.likelihood + d.impact + d.discretion;
    const differs = suggested !== d.grade;
    return html`<div class="suggested ${differs ? 'differs' : ''}" role="status" aria-live="polite" data-testid="suggested-grade">
      <p>${t(m.suggested)}: ${gradeChip(suggested)} ${enumLabel(grades, suggested)}
        <span class="muted">(${t(m.sumRule, { sum })})</span></p>
      ${
        differs
          ? html`<p>${t(m.differs)} <button type="button" class="link" @click=${() => this.setDraft({ grade: suggested })}>${t(m.useSuggested)}</button></p>`
          : nothing
      }
    </div>`;
  }

  private setDraft(patch: Partial<GradeDraft>) {
    if (this.draft) this.draft = { ...this.draft, ...patch };
  }

  private gradeEditor(d: GradeDraft) {
    const errors = this.gradeForm.errors;
    const score = (name: Score) =>
      html`<label>${t(m[name])}<select name=${name} aria-describedby="err-${name}"
        @change=${(e: Event) => this.setDraft({ [name]: Number((e.target as HTMLSelectElement).value) })}>
          ${[1, 2, 3].map((n) => html`<option value=${n} ?selected=${d[name] === n}>${n}</option>`)}
        </select>${fieldError(errors, name, `err-${name}`)}</label>`;
    const labels = {
      grade: t(common.grade),
      likelihood: t(m.likelihood),
      impact: t(m.impact),
      discretion: t(m.discretion),
      reason: t(m.reason),
    };
    return html`<form class="card" novalidate @submit=${this.submitGrade} aria-labelledby="grade-title">
      <h2 id="grade-title">${t(m.changeGrade)}</h2>
      ${errorSummary(errors, labels, this.gradeForm.message)}
      <div class="filters">
        <label>${t(common.grade)}<select name="grade" aria-describedby="err-grade"
          @change=${(e: Event) => this.setDraft({ grade: (e.target as HTMLSelectElement).value as GradeDraft['grade'] })}>
          ${(['A', 'B', 'C'] as const).map((g) => html`<option value=${g} ?selected=${d.grade === g}>${t(grades[g] ?? common.grade)}</option>`)}
        </select>${fieldError(errors, 'grade', 'err-grade')}</label>
        ${SCORES.map(score)}
      </div>
      ${this.suggestion(d)}
      <label>${t(m.reason)}<textarea name="reason" rows="2" required .value=${d.reason}
        aria-invalid=${errors.reason ? 'true' : 'false'} aria-describedby="err-reason"
        @input=${(e: Event) => this.setDraft({ reason: (e.target as HTMLTextAreaElement).value })}></textarea>
        ${fieldError(errors, 'reason', 'err-reason')}</label>
      <p><button class="primary" type="submit" ?disabled=${this.gradeForm.busy}>${t(common.save)}</button>
        <button type="button" @click=${() => (this.draft = null)}>${t(common.cancel)}</button></p>
    </form>`;
  }

  override render() {
    return this.point.render({
      pending: () => html`<p>${t(common.loading)}</p>`,
      error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
      complete: (p) => html`
        <p><a href="/risk-points">← ${t(nav.riskPoints)}</a></p>
        <div class="head">
          <h1><span class="chip grade-${p.grade}">${p.grade}</span> ${p.code}</h1>
          ${this.canCheck ? html`<a class="button primary" href="/inspections/new?riskPointId=${p.id}">${t(im.recordCheck)}</a>` : nothing}
        </div>
        <p>${p.description}</p>
        <div class="card">
          <dl class="fields">
            <dt>${t(common.approvalItem)}</dt><dd><a href="/approval-items/${p.approvalItemId}">${named({ name: p.approvalItemName, nameEn: p.approvalItemNameEn })}</a></dd>
            <dt>${t(common.stage)}</dt><dd>${t(stages[p.stage] ?? common.stage)}</dd>
            <dt>${t(common.post)}</dt><dd><a href="/posts/${p.postId}">${named({ name: p.postName, nameEn: p.postNameEn })}</a></dd>
            <dt>${t(common.unit)}</dt><dd>${named({ name: p.unitName, nameEn: p.unitNameEn })}</dd>
            <dt>${t(m.category)}</dt><dd>${t(riskCategories[p.category] ?? m.category)}</dd>
            <dt>${t(common.grade)}</dt><dd>${t(grades[p.grade] ?? common.grade)} —
              ${t(m.likelihood)} ${p.likelihood}, ${t(m.impact)} ${p.impact}, ${t(m.discretion)} ${p.discretion}
              <div class="muted">${t(m.suggested)}: ${enumLabel(grades, p.suggestedGrade)}</div></dd>
            <dt>${t(m.responsiblePerson)}</dt><dd>${named(p.responsiblePerson) || t(common.none)}</dd>
            <dt>${t(m.accountableLeader)}</dt><dd>${named(p.accountableLeader) || t(common.none)}</dd>
            <dt>${t(m.supervisionMethod)}</dt><dd>${p.supervisionMethod || t(common.none)}</dd>
          </dl>
        </div>
        <h2>${t(m.controlMeasures)}</h2>
        <ol class="measures">${p.controlMeasures.map((c) => html`<li>${c}</li>`)}</ol>
        <h2>${t(m.gradeHistory)}</h2>
        ${this.canGrade && !this.draft ? html`<p><button @click=${() => this.startGrading(p)}>${t(m.changeGrade)}</button></p>` : ''}
        ${this.draft ? this.gradeEditor(this.draft) : ''}
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
        <section aria-labelledby="s-checks">
          <h2 id="s-checks">${t(im.checkHistory)}</h2>
          ${
            this.checks.total === 0 && !this.checks.loading && !this.checks.error
              ? html`<p class="muted">${t(im.noChecks)}</p>`
              : listTable(this.checks, t(im.checkHistory), checkHead(false), (i) => checkRow(i, false))
          }
        </section>
        <section aria-labelledby="s-forms">
          <h2 id="s-forms">${t(m.forms)}</h2>
          ${
            this.forms.total === 0 && !this.forms.loading && !this.forms.error
              ? html`<p class="muted">${t(m.noForms)}</p>`
              : listTable(this.forms, t(m.forms), formHead({ grade: true }), (f) =>
                  formRow(f, { grade: true }),
                )
          }
        </section>
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
