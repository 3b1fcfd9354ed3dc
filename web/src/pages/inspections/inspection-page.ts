import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { type InspectionView, inspectionsApi } from '../../api/inspections.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import '../../components/evidence-files.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatDate, formatDateTime, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { formChipStyles, gradeChip, statusChip } from '../forms/parts.ts';
import { kindLabels, methodLabels } from './labels.ts';
import { inspectionMessages as im } from './messages.ts';
import { inspectionStyles, resultChip } from './parts.ts';

const m = defineMessages({
  back: { 'zh-CN': '← 督查抽查', en: '← Inspections' },
  recorded: { 'zh-CN': '检查记录已保存。', en: 'The check is saved.' },
  opened: {
    'zh-CN': '该检查未通过，已生成改进记录 {number}。',
    en: 'This check failed and opened form {number}.',
  },
  reopened: {
    'zh-CN': '该复查未通过，已重新打开改进记录 {number}。',
    en: 'This re-check failed and reopened form {number}.',
  },
  evidenceNote: {
    'zh-CN': '检查人或本单位督查人员可以上传佐证材料。',
    en: 'The inspector or a supervisor of the unit may add evidence.',
  },
});

/** One check (督查记录): what was checked, how, the result, the form it opened or reopened, and its evidence. */
@customElement('inspection-page')
export class InspectionPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    inspectionStyles,
    css`
      h1 { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .outcome { border-left: 6px solid var(--c-danger); }
      .outcome p { margin: 0; }
      .notes { white-space: pre-wrap; }
      .banner { border: 1px solid var(--c-ok); background: #dafbe1; color: #0f5323; border-radius: var(--radius); padding: 0.5rem 0.75rem; }
    `,
  ];

  @property({ type: Number }) inspectionId = 0;
  /** Supervisors are offered the evidence upload (the server decides who may). */
  @property({ type: Boolean }) canUpload = false;
  private readonly i18n = new LocaleController(this);

  private readonly inspection = new Task(this, {
    task: ([id]) => inspectionsApi.get(id),
    args: () => [this.inspectionId] as const,
  });

  private outcome(i: InspectionView) {
    if (i.result !== 'fail') return nothing;
    const form = i.form ?? i.recheckOf;
    if (!form) return nothing;
    return html`<div class="card outcome" role="note">
      <p><strong>${t(i.form ? m.opened : m.reopened, { number: form.number })}</strong>
        <a class="code" href="/forms/${form.id}">${form.number}</a> ${statusChip(form.status)}</p>
    </div>`;
  }

  private view(i: InspectionView) {
    const recorded = new URLSearchParams(location.search).has('recorded');
    return html`
      <p><a href="/inspections">${t(m.back)}</a></p>
      <h1>${t(im.checkNumber, { id: i.id })} ${resultChip(i.result)}
        <span class="chip">${enumLabel(kindLabels, i.kind)}</span></h1>
      ${recorded ? html`<p class="banner" role="status">${t(m.recorded)}</p>` : nothing}
      ${this.outcome(i)}
      <section class="card" aria-labelledby="s-check">
        <h2 id="s-check" class="visually-hidden">${t(im.checkNumber, { id: i.id })}</h2>
        <dl class="fields">
          ${
            i.riskPoint
              ? html`<dt>${t(im.riskPoint)}</dt><dd><a class="code" href="/risk-points/${i.riskPoint.id}">${i.riskPoint.code}</a>
                ${gradeChip(i.riskPoint.grade)} ${i.riskPoint.description}</dd>`
              : nothing
          }
          ${
            i.recheckOf
              ? html`<dt>${t(im.recheckOf)}</dt><dd><a class="code" href="/forms/${i.recheckOf.id}">${i.recheckOf.number}</a>
                ${statusChip(i.recheckOf.status)}</dd>`
              : nothing
          }
          <dt>${t(common.unit)}</dt><dd>${named(i.unit)}</dd>
          <dt>${t(common.post)}</dt><dd><a href="/posts/${i.post.id}">${named(i.post)}</a> <span class="code muted">${i.post.code}</span></dd>
          <dt>${t(im.method)}</dt><dd>${enumLabel(methodLabels, i.method)}</dd>
          <dt>${t(im.checkedOn)}</dt><dd>${formatDate(i.checkedOn)}</dd>
          <dt>${t(im.caseRef)}</dt><dd>${i.caseRef ? html`<span class="code">${i.caseRef}</span>` : t(common.none)}</dd>
          <dt>${t(im.result)}</dt><dd>${resultChip(i.result)}</dd>
          <dt>${t(im.notes)}</dt><dd class="notes">${i.notes}</dd>
          <dt>${t(im.inspector)}</dt><dd>${named(i.inspector)}</dd>
          ${i.form ? html`<dt>${t(im.formOpened)}</dt><dd><a class="code" href="/forms/${i.form.id}">${i.form.number}</a> ${statusChip(i.form.status)}</dd>` : nothing}
          ${i.sampleId !== null ? html`<dt>${t(im.inSample)}</dt><dd>${t(im.fromSample)}</dd>` : nothing}
          <dt>${t(im.recordedAt)}</dt><dd>${formatDateTime(i.createdAt)}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="s-evidence">
        <h2 id="s-evidence">${t(im.evidence)}</h2>
        <evidence-files owner="/inspections/${i.id}" ?canUpload=${this.canUpload}></evidence-files>
        ${this.canUpload ? html`<p class="muted">${t(m.evidenceNote)}</p>` : nothing}
      </section>
    `;
  }

  override render() {
    return this.inspection.render({
      pending: () => html`<p class="muted" role="status">${t(common.loading)}</p>`,
      error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>
        <p><a href="/inspections">${t(m.back)}</a></p>`,
      complete: (i) => this.view(i),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inspection-page': InspectionPage;
  }
}
