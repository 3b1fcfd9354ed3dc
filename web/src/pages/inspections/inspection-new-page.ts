import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  InspectionCreate,
  InspectionMethods,
  InspectionResults,
} from '../../../../server/inspections/schema.ts';
import type { RiskPointDetail } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { evidenceApi, MAX_EVIDENCE_BYTES } from '../../api/evidence.ts';
import { type FormView, formsApi, todayIso } from '../../api/forms.ts';
import { type Created, type InspectionCreateBody, inspectionsApi } from '../../api/inspections.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { choiceGroup, entryFormStyles, requiredMark } from '../../components/entry-form.ts';
import { FormState } from '../../components/form-state.ts';
import { common, stages } from '../../i18n/common.ts';
import { defineMessages, formatDateTime, LocaleController, named, t } from '../../i18n/i18n.ts';
import { navigate } from '../../router.ts';
import { base } from '../../styles.ts';
import { formMessages as fm } from '../forms/messages.ts';
import { formChipStyles, gradeChip, localiseErrors, statusChip } from '../forms/parts.ts';
import { methodLabels, resultLabels } from './labels.ts';
import { inspectionMessages as im } from './messages.ts';
import { inspectionStyles } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '记录检查', en: 'Record a check' },
  recheckTitle: { 'zh-CN': '记录整改复查', en: 'Record a re-check' },
  intro: {
    'zh-CN': '带 * 的为必填项。未通过的检查会自动生成一张改进记录表，并按该风险防控点预先填好。',
    en: 'Fields marked * are required. A failed check opens an improvement form, already filled from the risk point.',
  },
  recheckIntro: {
    'zh-CN': '检查已关闭的改进记录的整改是否持续有效。带 * 的为必填项。',
    en: 'Check that the fix of a closed form still holds. Fields marked * are required.',
  },
  checking: { 'zh-CN': '检查对象', en: 'What is checked' },
  theCheck: { 'zh-CN': '检查内容', en: 'The check' },
  caseRefHint: { 'zh-CN': '如 5106002026110012', en: 'e.g. 5106002026110012' },
  notesHint: {
    'zh-CN': '查了什么、怎么查的、发现了什么',
    en: 'What was checked, how, and what was found',
  },
  failTitle: { 'zh-CN': '新的改进记录', en: 'The new form' },
  failIntro: {
    'zh-CN':
      '提交后将生成改进记录表（来源：督查抽查），关联该风险防控点、岗位和审批事项，并倒查当日在岗责任人。',
    en: 'On submitting, an improvement form is opened (source: supervisor spot check), linked to this risk point, its post and approval item, with responsibility traced to whoever held the post that day.',
  },
  problem: { 'zh-CN': '问题描述', en: 'The problem' },
  problemHint: { 'zh-CN': '留空则使用检查情况', en: 'Leave empty to use the notes' },
  occurredOn: { 'zh-CN': '问题发生日期', en: 'Day it happened' },
  occurredHint: { 'zh-CN': '留空则为检查日期', en: 'Leave empty for the day checked' },
  reopenWarning: {
    'zh-CN': '复查未通过将重新打开改进记录 {number}，退回整改中，检查情况作为重新打开的原因。',
    en: 'A failed re-check reopens form {number}: it goes back to in progress, with the notes as the reason.',
  },
  evidence: { 'zh-CN': '佐证材料（可选）', en: 'Evidence (optional)' },
  evidenceHint: {
    'zh-CN': 'PDF、图片或 Office 文档，不超过 10 MB；检查记录保存后上传。',
    en: 'PDF, image or Office document, up to 10 MB; uploaded once the check is saved.',
  },
  tooLarge: { 'zh-CN': '文件超过 10 MB。', en: 'The file is larger than 10 MB.' },
  submit: { 'zh-CN': '保存检查记录', en: 'Save the check' },
  submitting: { 'zh-CN': '正在保存…', en: 'Saving…' },
  nothingToCheck: {
    'zh-CN': '请从“本月应查”或“整改复查”中选择要检查的对象。',
    en: 'Choose what to check from “Due this month” or “Re-checks due”.',
  },
  notUploaded: {
    'zh-CN': '检查已保存，但佐证材料未能上传：{reason}',
    en: 'The check was saved, but the file was not attached: {reason}',
  },
  openCheck: { 'zh-CN': '打开检查记录，重新上传', en: 'Open the check to attach it again' },
  openForm: { 'zh-CN': '打开改进记录 {number}', en: 'Open form {number}' },
  closedAt: { 'zh-CN': '关闭时间', en: 'Closed at' },
});

type Subject = { kind: 'point'; point: RiskPointDetail } | { kind: 'form'; form: FormView };

const FIELDS = [
  'riskPointId',
  'recheckOf',
  'method',
  'caseRef',
  'checkedOn',
  'result',
  'notes',
  'problem',
  'occurredOn',
  'file',
] as const;
type Field = (typeof FIELDS)[number];

/**
 * Record a check (记录检查), in under a minute: how it was checked, the case looked at, pass or fail, notes and
 * optional evidence. A failed routine check opens a form and goes to it; a failed re-check reopens its form.
 * Opened as `/inspections/new?riskPointId=…` or `/inspections/new?recheckOf=<form id>`.
 */
@customElement('inspection-new-page')
export class InspectionNewPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    inspectionStyles,
    entryFormStyles,
    css`
      form { max-width: 56rem; }
      fieldset.fail { border-left: 6px solid var(--c-danger); }
      textarea { min-height: 5rem; }
      .choices label.pass:has(input:checked) { background: #dafbe1; border-color: var(--c-ok); }
      .choices label.fail:has(input:checked) { background: #fde8e7; border-color: var(--c-danger); }
      .hint { margin: 0; }
      .subject { border-left: 6px solid var(--c-primary); margin: 0 0 1rem; max-width: 56rem; }
      .subject h2 { margin-top: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .subject p { margin: 0 0 0.5rem; }
      .warning { border: 1px solid var(--c-danger); background: #fff5f5; border-radius: var(--radius); padding: 0.5rem 0.75rem; margin: 0; color: #8a1c12; }
    `,
  ];

  @property({ type: Number }) riskPointId = 0;
  @property({ type: Number }) recheckOf = 0;
  @state() private draft: Record<Field, string> = {
    riskPointId: '',
    recheckOf: '',
    method: '',
    caseRef: '',
    checkedOn: todayIso(),
    result: '',
    notes: '',
    problem: '',
    occurredOn: '',
    file: '',
  };
  @state() private file: File | null = null;
  /** The centre's today: the latest day a check may carry. */
  @state() private today = todayIso();
  /** A check saved whose evidence did not upload: links to it instead of the form. */
  @state() private saved: { created: Created; reason: string } | null = null;
  private readonly form = new FormState(this, FIELDS, { adjust: localiseErrors });
  private readonly i18n = new LocaleController(this);

  private readonly subject = new Task(this, {
    task: async ([pointId, formId]): Promise<Subject | null> => {
      if (formId) return { kind: 'form', form: (await formsApi.get(formId)).body };
      if (pointId) return { kind: 'point', point: await api.get<RiskPointDetail>(`/risk-points/${pointId}`) };
      return null;
    },
    args: () => [this.riskPointId, this.recheckOf] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void inspectionsApi
      .today()
      .then((day) => {
        if (this.draft.checkedOn === this.today) this.set('checkedOn', day);
        this.today = day;
      })
      .catch(() => undefined);
  }

  private set(field: Field, value: string) {
    this.draft = { ...this.draft, [field]: value };
  }

  private body(): InspectionCreateBody {
    const d = this.draft;
    const opensForm = d.result === 'fail' && !this.recheckOf;
    return {
      ...(this.recheckOf ? { recheckOf: this.recheckOf } : { riskPointId: this.riskPointId }),
      method: (d.method || undefined) as InspectionCreateBody['method'],
      checkedOn: d.checkedOn,
      caseRef: d.caseRef.trim() || null,
      result: (d.result || undefined) as InspectionCreateBody['result'],
      notes: d.notes,
      ...(opensForm && d.problem.trim() ? { problem: d.problem } : {}),
      ...(opensForm && d.occurredOn ? { occurredOn: d.occurredOn } : {}),
    };
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    if (this.form.busy) return;
    this.form.reset();
    const parsed = InspectionCreate.safeParse(this.body());
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error.issues);
    if (this.draft.checkedOn > this.today) errors.checkedOn ??= t(fm.notInFuture);
    if (this.file && this.file.size > MAX_EVIDENCE_BYTES) errors.file = t(m.tooLarge);
    if (!parsed.success || Object.keys(errors).length) {
      this.form.invalid(errors);
      await this.focusAlert();
      return;
    }
    const body = parsed.data;
    await this.form.submit(async () => {
      const created = await inspectionsApi.record(body);
      if (this.file) {
        try {
          await evidenceApi.attach(`/inspections/${created.id}`, this.file);
        } catch (err) {
          this.saved = { created, reason: errorMessage(err) };
          return;
        }
      }
      navigate(
        created.formId && created.result === 'fail'
          ? `/forms/${created.formId}`
          : `/inspections/${created.id}?recorded=1`,
      );
    });
    await this.focusAlert();
  }

  private async focusAlert() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }

  private labels(): Record<string, string> {
    return {
      riskPointId: t(im.riskPoint),
      recheckOf: t(im.recheckOf),
      method: t(im.method),
      caseRef: t(im.caseRef),
      checkedOn: t(im.checkedOn),
      result: t(im.result),
      notes: t(im.notes),
      problem: t(m.problem),
      occurredOn: t(m.occurredOn),
      file: t(m.evidence),
    };
  }

  private subjectCard(s: Subject) {
    if (s.kind === 'point') {
      const p = s.point;
      return html`<section class="card subject" aria-labelledby="subject">
        <h2 id="subject">${t(m.checking)}: <a class="code" href="/risk-points/${p.id}">${p.code}</a> ${gradeChip(p.grade)}</h2>
        <p>${p.description}</p>
        <dl class="fields">
          <dt>${t(common.unit)}</dt><dd>${named({ name: p.unitName, nameEn: p.unitNameEn })}</dd>
          <dt>${t(common.post)}</dt><dd>${named({ name: p.postName, nameEn: p.postNameEn })}</dd>
          <dt>${t(common.approvalItem)}</dt><dd>${named({ name: p.approvalItemName, nameEn: p.approvalItemNameEn })} · ${enumLabel(stages, p.stage)}</dd>
        </dl>
        ${fieldError(this.form.errors, 'riskPointId', 'err-riskPointId')}
      </section>`;
    }
    const f = s.form;
    return html`<section class="card subject" aria-labelledby="subject">
      <h2 id="subject">${t(m.checking)}: <a class="code" href="/forms/${f.id}">${f.number}</a> ${statusChip(f.status)} ${gradeChip(f.grade)}</h2>
      <p>${f.problem}</p>
      <dl class="fields">
        <dt>${t(fm.post)}</dt><dd>${named(f.post)} <span class="muted">${named(f.unit)}</span></dd>
        ${f.riskPoint ? html`<dt>${t(fm.riskPoint)}</dt><dd><a class="code" href="/risk-points/${f.riskPoint.id}">${f.riskPoint.code}</a> ${f.riskPoint.description}</dd>` : nothing}
        ${f.closedAt ? html`<dt>${t(m.closedAt)}</dt><dd>${formatDateTime(f.closedAt)}</dd>` : nothing}
      </dl>
      ${fieldError(this.form.errors, 'recheckOf', 'err-recheckOf')}
    </section>`;
  }

  private failFields(s: Subject) {
    if (this.draft.result !== 'fail') return nothing;
    if (s.kind === 'form') {
      return html`<p class="warning" role="note">${t(m.reopenWarning, { number: s.form.number })}</p>`;
    }
    const err = (f: Field) => fieldError(this.form.errors, f, `err-${f}`);
    return html`<fieldset class="fail">
      <legend>${t(m.failTitle)}</legend>
      <p class="hint">${t(m.failIntro)}</p>
      <label>${t(m.problem)}
        <textarea name="problem" placeholder=${t(m.problemHint)} .value=${this.draft.problem}
          aria-invalid=${this.form.errors.problem ? 'true' : 'false'} aria-describedby="err-problem"
          @input=${(e: Event) => this.set('problem', (e.target as HTMLTextAreaElement).value)}></textarea>
        ${err('problem')}
      </label>
      <div class="row">
        <label>${t(m.occurredOn)}
          <input type="date" name="occurredOn" max=${this.draft.checkedOn || this.today} .value=${this.draft.occurredOn}
            aria-invalid=${this.form.errors.occurredOn ? 'true' : 'false'} aria-describedby="err-occurredOn occurred-hint"
            @input=${(e: Event) => this.set('occurredOn', (e.target as HTMLInputElement).value)} />
          <span class="hint" id="occurred-hint">${t(m.occurredHint)}</span>
          ${err('occurredOn')}
        </label>
      </div>
    </fieldset>`;
  }

  private savedNotice({ created, reason }: { created: Created; reason: string }) {
    return html`<div class="warning" role="alert" tabindex="-1">
      <p>${t(m.notUploaded, { reason })}</p>
      <p><a href="/inspections/${created.id}">${t(m.openCheck)}</a>
        ${created.form ? html` · <a href="/forms/${created.form.id}">${t(m.openForm, { number: created.form.number })}</a>` : nothing}</p>
    </div>`;
  }

  private page(s: Subject) {
    const d = this.draft;
    const err = (f: Field) => fieldError(this.form.errors, f, `err-${f}`);
    const aria = (f: Field) => ({ invalid: this.form.errors[f] ? 'true' : 'false', describedBy: `err-${f}` });
    const recheck = s.kind === 'form';
    return html`
      <h1>${recheck ? t(m.recheckTitle) : t(m.title)}</h1>
      <p class="muted">${recheck ? t(m.recheckIntro) : t(m.intro)}</p>
      ${this.subjectCard(s)}
      ${this.saved ? this.savedNotice(this.saved) : nothing}
      <form novalidate @submit=${this.submit} aria-labelledby="check-title">
        <span id="check-title" class="visually-hidden">${recheck ? t(m.recheckTitle) : t(m.title)}</span>
        <div tabindex="-1">${errorSummary(this.form.errors, this.labels(), this.form.message)}</div>
        <fieldset>
          <legend>${t(m.theCheck)}</legend>
          ${choiceGroup({
            name: 'method',
            legend: t(im.method),
            required: true,
            options: InspectionMethods.map((v) => [v, enumLabel(methodLabels, v)]),
            value: d.method,
            onChange: (v) => this.set('method', v),
            errors: this.form.errors,
          })}
          <div class="row">
            <label>${t(im.caseRef)}
              <input name="caseRef" maxlength="100" autocomplete="off" placeholder=${t(m.caseRefHint)} .value=${d.caseRef}
                aria-invalid=${aria('caseRef').invalid} aria-describedby=${aria('caseRef').describedBy}
                @input=${(e: Event) => this.set('caseRef', (e.target as HTMLInputElement).value)} />
              ${err('caseRef')}
            </label>
            <label><span>${t(im.checkedOn)} ${requiredMark}</span>
              <input type="date" name="checkedOn" required max=${this.today} .value=${d.checkedOn}
                aria-invalid=${aria('checkedOn').invalid} aria-describedby=${aria('checkedOn').describedBy}
                @input=${(e: Event) => this.set('checkedOn', (e.target as HTMLInputElement).value)} />
              ${err('checkedOn')}
            </label>
          </div>
          ${choiceGroup({
            name: 'result',
            legend: t(im.result),
            required: true,
            options: InspectionResults.map((v) => [v, enumLabel(resultLabels, v)]),
            value: d.result,
            onChange: (v) => this.set('result', v),
            errors: this.form.errors,
          })}
          <label><span>${t(im.notes)} ${requiredMark}</span>
            <textarea name="notes" required placeholder=${t(m.notesHint)} .value=${d.notes}
              aria-invalid=${aria('notes').invalid} aria-describedby=${aria('notes').describedBy}
              @input=${(e: Event) => this.set('notes', (e.target as HTMLTextAreaElement).value)}></textarea>
            ${err('notes')}
          </label>
          <label>${t(m.evidence)}
            <input type="file" name="file" accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,application/pdf,image/*"
              aria-invalid=${aria('file').invalid} aria-describedby="err-file evidence-hint"
              @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0] ?? null)} />
            <span class="hint" id="evidence-hint">${t(m.evidenceHint)}</span>
            ${err('file')}
          </label>
        </fieldset>
        ${this.failFields(s)}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy || !!this.saved}>
            ${this.form.busy ? t(m.submitting) : t(m.submit)}
          </button>
          <a href=${recheck ? '/inspections/rechecks' : '/inspections'}>${t(common.cancel)}</a>
        </div>
      </form>
    `;
  }

  override render() {
    return this.subject.render({
      pending: () => html`<p class="muted" role="status">${t(common.loading)}</p>`,
      error: (err) => html`<h1>${t(m.title)}</h1><p class="error" role="alert">${errorMessage(err)}</p>`,
      complete: (s) =>
        s
          ? this.page(s)
          : html`<h1>${t(m.title)}</h1><p>${t(m.nothingToCheck)}</p>
            <p><a href="/inspections">${t(im.dueTab)}</a> · <a href="/inspections/rechecks">${t(im.rechecksTab)}</a></p>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inspection-new-page': InspectionNewPage;
  }
}
