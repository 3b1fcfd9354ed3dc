import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  AccountabilityOutcomes,
  CauseCategories,
  FormPatch,
  MeasureKinds,
  TransitionRequest,
  VerificationMethods,
} from '../../../../server/forms/schema.ts';
import type { ResponsibilityPointView } from '../../api/catalog.ts';
import { ApiError, api } from '../../api/client.ts';
import {
  type FormPatchBody,
  type FormView,
  formsApi,
  type HistoryEvent,
  type TransitionBody,
  todayIso,
} from '../../api/forms.ts';
import { errorMessage } from '../../components/error-message.ts';
import { type FieldErrors, zodFieldErrors } from '../../components/form-errors.ts';
import '../../components/ref-select.ts';
import { common, stages } from '../../i18n/common.ts';
import { defineMessages, formatDate, formatDateTime, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import './form-comments.ts';
import '../../components/evidence-files.ts';
import '../inspections/form-checks.ts';
import '../lessons/exemplary-case.ts';
import './form-history.ts';
import {
  causeCategoryLabels,
  measureKindLabels,
  outcomeLabels,
  sourceLabels,
  statusLabels,
  verificationMethodLabels,
  verificationResultLabels,
} from './labels.ts';
import { formMessages as fm } from './messages.ts';
import { cardChip, formChipStyles, gradeChip, label, localiseErrors, statusChip } from './parts.ts';

const m = defineMessages({
  back: { 'zh-CN': '← 我的工作台', en: '← My work' },
  allForms: { 'zh-CN': '全部改进记录', en: 'All forms' },
  actions: { 'zh-CN': '您现在可以', en: 'What you can do now' },
  noActions: {
    'zh-CN': '您目前没有可执行的操作。',
    en: 'There is nothing for you to do on this form now.',
  },
  file: { 'zh-CN': '提交登记', en: 'File' },
  start: { 'zh-CN': '开始整改', en: 'Start work' },
  requestVerification: { 'zh-CN': '申请验证', en: 'Request verification' },
  close: { 'zh-CN': '验证通过并关闭', en: 'Verify and close' },
  sendBack: { 'zh-CN': '验证不通过，退回整改', en: 'Send back' },
  cancelForm: { 'zh-CN': '撤销', en: 'Cancel the form' },
  reopen: { 'zh-CN': '重新打开', en: 'Reopen' },
  startNeeds: {
    'zh-CN': '开始整改前，请先填写原因分析并至少添加一项整改措施。',
    en: 'Before work starts, record the root cause and at least one measure.',
  },
  verifyNeeds: {
    'zh-CN': '申请验证前，所有整改措施须已完成，并上传佐证材料。',
    en: 'Before asking for verification, mark every measure done and attach the evidence.',
  },
  confirm: { 'zh-CN': '确认', en: 'Confirm' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  cancelReasonHint: {
    'zh-CN': '例如：与 GZ-2026-000123 重复；经核实不属于问题',
    en: 'For example: duplicate of GZ-2026-000123; not a problem after all',
  },
  verificationNotesHint: {
    'zh-CN': '核查了什么、结果如何',
    en: 'What was checked and what was found',
  },
  sendBackNotesHint: {
    'zh-CN': '哪些问题仍未解决',
    en: 'What is still not fixed',
  },
  done: { 'zh-CN': '已完成', en: 'Done' },
  markDone: { 'zh-CN': '标记为已完成', en: 'Mark done' },
  markDoneLabel: { 'zh-CN': '将“{text}”标记为已完成', en: 'Mark “{text}” done' },
  editCause: { 'zh-CN': '填写原因分析', en: 'Edit root cause' },
  editMeasures: { 'zh-CN': '编辑整改措施', en: 'Edit measures' },
  addWhy: { 'zh-CN': '再问一个“为什么”', en: 'Ask why again' },
  removeWhy: { 'zh-CN': '删除“为什么 {n}”', en: 'Remove why {n}' },
  addMeasure: { 'zh-CN': '添加整改措施', en: 'Add a measure' },
  removeMeasure: { 'zh-CN': '删除措施 {n}', en: 'Remove measure {n}' },
  measureN: { 'zh-CN': '措施 {n}', en: 'Measure {n}' },
  ownerHint: { 'zh-CN': '输入姓名', en: 'Type a name' },
  chooseOne: { 'zh-CN': '请选择', en: 'Choose' },
  required: { 'zh-CN': '必填', en: 'Required' },
  colon: { 'zh-CN': '：', en: ': ' },
  saved: { 'zh-CN': '已保存。', en: 'Saved.' },
  moved: { 'zh-CN': '状态已变为“{status}”。', en: 'The form is now “{status}”.' },
  reload: { 'zh-CN': '重新加载', en: 'Reload' },
  evidence: { 'zh-CN': '佐证材料', en: 'Evidence' },
  comments: { 'zh-CN': '意见交流', en: 'Comments' },
  timeline: { 'zh-CN': '处理过程', en: 'Timeline' },
  closedAt: { 'zh-CN': '关闭时间', en: 'Closed at' },
  notes: { 'zh-CN': '说明', en: 'Notes' },
  whyHint: {
    'zh-CN': '从问题出发逐层追问“为什么”，最多五层，直到找到根本原因。',
    en: 'Start from the problem and ask “why” up to five times, until you reach the root cause.',
  },
});

type ActionKey = 'file' | 'start' | 'requestVerification' | 'close' | 'sendBack' | 'cancelForm' | 'reopen';
const ACTIONS: {
  key: ActionKey;
  from: string[];
  to: TransitionBody['to'];
  panel: boolean;
  primary?: boolean;
}[] = [
  { key: 'file', from: ['draft'], to: 'open', panel: false, primary: true },
  { key: 'start', from: ['open'], to: 'in_progress', panel: false, primary: true },
  { key: 'requestVerification', from: ['in_progress'], to: 'verifying', panel: false, primary: true },
  { key: 'close', from: ['verifying'], to: 'closed', panel: true, primary: true },
  { key: 'sendBack', from: ['verifying'], to: 'in_progress', panel: true },
  { key: 'reopen', from: ['closed'], to: 'in_progress', panel: true },
  { key: 'cancelForm', from: ['open', 'in_progress'], to: 'cancelled', panel: true },
];

interface MeasureDraft {
  id?: number;
  kind: string;
  text: string;
  ownerId: string;
  dueOn: string;
  doneOn: string;
}
interface ActionDraft {
  method: string;
  notes: string;
  outcome: string;
  accountabilityNotes: string;
  /** The trigger (追责情形) of the form's responsibility point, by position; '' for none. */
  triggerIndex: string;
  reason: string;
}
interface Failure {
  message: string;
  items: string[];
  stale: boolean;
}

const emptyAction = (): ActionDraft => ({
  method: '',
  notes: '',
  outcome: '',
  accountabilityNotes: '',
  triggerIndex: '',
  reason: '',
});

const toMeasureInput = (d: MeasureDraft) => ({
  ...(d.id ? { id: d.id } : {}),
  kind: d.kind as 'immediate' | 'systemic',
  text: d.text,
  ownerId: d.ownerId ? Number(d.ownerId) : (undefined as unknown as number),
  dueOn: d.dueOn,
  doneOn: d.doneOn || null,
});

/**
 * A failed write as fields (by whole path, shown beside the inputs that exist) and a sentence with a list of
 * what the server said about anything else. 403 and 409 carry the server's own words (already in the
 * reader's language); 412 says the form changed and offers a reload.
 */
function failure(err: unknown, shown: (path: string) => boolean): { fields: FieldErrors; failure: Failure } {
  const fields: FieldErrors = {};
  if (!(err instanceof ApiError))
    return { fields, failure: { message: errorMessage(err), items: [], stale: false } };
  const items: string[] = [];
  for (const e of err.problem.errors ?? []) {
    if (shown(e.path)) fields[e.path] ??= e.message;
    else items.push(e.message);
  }
  const generic = [0, 401, 404, 412].includes(err.status);
  return {
    fields,
    failure: {
      message: generic ? errorMessage(err) : (err.problem.detail ?? err.problem.title),
      items,
      stale: err.status === 412,
    },
  };
}

/**
 * The form page (持续改进记录表): the whole record in the order of the paper form, its timeline, comments and
 * evidence, and only the moves this person may make now (from `allowedTransitions` and `canEdit`).
 */
@customElement('form-page')
export class FormPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    css`
      .top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; justify-content: space-between; }
      h1 { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      h1 .number { font-size: 1.3rem; }
      .columns { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem 1.5rem; }
      @media (min-width: 1280px) { .columns { grid-template-columns: minmax(0, 1fr) 24rem; } }
      section.card h2 { margin-top: 0; }
      .section-head { display: flex; gap: 0.75rem; align-items: baseline; flex-wrap: wrap; justify-content: space-between; margin-bottom: 0.5rem; }
      .section-head h2 { margin: 0; }
      .problem-text { white-space: pre-wrap; font-size: 1.05rem; margin: 0 0 0.75rem; }
      .actions { border-left: 6px solid var(--c-primary); }
      .actions h2 { margin-top: 0; }
      .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .buttons button { min-height: 2.75rem; }
      button.danger { color: var(--c-danger); border-color: var(--c-danger); }
      .panel { margin-top: 1rem; border-top: 1px solid var(--c-border); padding-top: 0.75rem; display: flex; flex-direction: column; gap: 0.75rem; }
      .panel h3 { margin: 0; }
      .row { display: flex; flex-wrap: wrap; gap: 1rem; }
      .row > * { flex: 1 1 12rem; }
      textarea { width: 100%; min-height: 4rem; }
      .hint { font-size: 0.85rem; color: var(--c-muted); margin: 0.25rem 0; }
      .field-error { font-size: 0.85rem; }
      ol.whys { margin: 0; padding-left: 0; list-style: none; }
      ol.whys li { margin-bottom: 0.3rem; }
      .why-row { display: flex; gap: 0.5rem; align-items: flex-start; }
      .why-row label { flex: 1; }
      .measure-edit { border: 1px solid var(--c-border); border-radius: var(--radius); padding: 0.75rem; background: var(--c-subtle); display: flex; flex-direction: column; gap: 0.5rem; }
      .measure-edit h3 { margin: 0; font-size: 0.95rem; display: flex; justify-content: space-between; align-items: center; }
      ref-select { max-width: none; flex: none; }
      .failure { border: 1px solid var(--c-danger); background: #fff5f5; border-radius: var(--radius); padding: 0.5rem 0.75rem; }
      .failure p { margin: 0; }
      .failure ul { margin: 0.3rem 0 0; }
      .done { color: var(--c-ok); font-weight: 600; white-space: nowrap; }
      .people li { margin-bottom: 0.2rem; }
    `,
  ];

  @property({ type: Number }) formId = 0;
  @state() private form: FormView | null = null;
  @state() private etag: string | null = null;
  @state() private loadError: unknown = null;
  @state() private history: HistoryEvent[] | null = null;
  @state() private editing: 'cause' | 'measures' | null = null;
  @state() private whys: string[] = [''];
  @state() private category = '';
  @state() private measures: MeasureDraft[] = [];
  @state() private action: ActionKey | null = null;
  @state() private actionDraft: ActionDraft = emptyAction();
  @state() private errors: FieldErrors = {};
  @state() private failure: Failure | null = null;
  @state() private busy = false;
  @state() private announcement = '';
  /** The accountability triggers of the form's responsibility point, offered when closing. */
  @state() private triggers: { situation: string; basis: string }[] = [];
  private readonly i18n = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('formId') && this.formId) {
      // Another form in the same element: nothing of the last one's editing carries over.
      this.form = null;
      this.history = null;
      this.editing = null;
      this.action = null;
      this.errors = {};
      this.announcement = '';
      void this.load();
    }
  }

  async load() {
    this.failure = null;
    try {
      const { body, etag } = await formsApi.get(this.formId);
      this.form = body;
      this.etag = etag;
      this.loadError = null;
    } catch (err) {
      this.loadError = err;
      return;
    }
    void this.loadHistory();
  }

  private async loadHistory() {
    try {
      this.history = await formsApi.history(this.formId);
    } catch {
      // The record itself is shown; the timeline stays as it was.
    }
  }

  /** Runs one write (PATCH or transition) that answers with the form and its new ETag. */
  private async write(
    run: () => Promise<{ body: FormView; etag: string | null }>,
    shown: (p: string) => boolean,
  ) {
    if (this.busy) return false;
    this.busy = true;
    this.failure = null;
    this.errors = {};
    try {
      const { body, etag } = await run();
      this.form = body;
      this.etag = etag;
      void this.loadHistory();
      return true;
    } catch (err) {
      const { fields, failure: f } = failure(err, shown);
      this.errors = fields;
      this.failure = f;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.failure')?.focus();
      return false;
    } finally {
      this.busy = false;
    }
  }

  // ── Root cause and measures ────────────────────────────────────────────────
  private editCause(f: FormView) {
    this.whys = f.rootCause?.whys.length ? [...f.rootCause.whys] : [''];
    this.category = f.rootCause?.category ?? '';
    this.editing = 'cause';
    this.errors = {};
    this.failure = null;
  }

  private editMeasures(f: FormView) {
    this.measures = f.measures.map((x) => ({
      id: x.id,
      kind: x.kind,
      text: x.text,
      ownerId: String(x.owner.id),
      dueOn: x.dueOn,
      doneOn: x.doneOn ?? '',
    }));
    if (!this.measures.length) this.addMeasure(f);
    this.editing = 'measures';
    this.errors = {};
    this.failure = null;
  }

  private addMeasure(f: FormView) {
    const me = f.responsible.holders[0]?.personId ?? f.filedBy.id;
    this.measures = [
      ...this.measures,
      { kind: 'immediate', text: '', ownerId: String(me), dueOn: f.deadline, doneOn: '' },
    ];
  }

  private setMeasure(i: number, patch: Partial<MeasureDraft>) {
    this.measures = this.measures.map((x, j) => (j === i ? { ...x, ...patch } : x));
  }

  private async save(body: FormPatchBody) {
    const parsed = FormPatch.safeParse(body);
    if (!parsed.success) {
      this.errors = localiseErrors(zodFieldErrors(parsed.error.issues, { fullPath: true }));
      this.failure = null;
      return;
    }
    const shown = (p: string) => p.startsWith('rootCause') || p.startsWith('measures.');
    const ok = await this.write(() => formsApi.patch(this.formId, parsed.data, this.etag), shown);
    if (ok) {
      this.editing = null;
      this.announcement = t(m.saved);
    }
  }

  private saveCause(e: SubmitEvent) {
    e.preventDefault();
    const whys = this.whys.map((w) => w.trim()).filter(Boolean);
    return this.save({
      rootCause: { whys: whys.length ? whys : [''], category: (this.category || undefined) as 'people' },
    });
  }

  private saveMeasures(e: SubmitEvent) {
    e.preventDefault();
    return this.save({ measures: this.measures.map(toMeasureInput) });
  }

  private markDone(f: FormView, id: number) {
    const measures = f.measures.map((x) => ({
      id: x.id,
      kind: x.kind,
      text: x.text,
      ownerId: x.owner.id,
      dueOn: x.dueOn,
      doneOn: x.id === id ? todayIso() : x.doneOn,
    }));
    void this.write(
      () => formsApi.patch(this.formId, { measures }, this.etag),
      () => false,
    ).then((ok) => {
      if (ok) this.announcement = t(m.saved);
    });
  }

  // ── Moves ──────────────────────────────────────────────────────────────────
  private async act(key: ActionKey) {
    const action = ACTIONS.find((a) => a.key === key);
    if (!action) return;
    this.errors = {};
    this.failure = null;
    if (action.panel) {
      this.action = key;
      this.actionDraft = emptyAction();
      if (key === 'close') void this.loadTriggers();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.panel h3')?.focus();
      return;
    }
    await this.move({ to: action.to });
  }

  private async loadTriggers() {
    const point = this.form?.responsibilityPoint;
    this.triggers = point
      ? ((await api.get<ResponsibilityPointView>(`/responsibility-points/${point.id}`).catch(() => null))
          ?.triggers ?? [])
      : [];
  }

  private async move(body: TransitionBody) {
    const parsed = TransitionRequest.safeParse(body);
    if (!parsed.success) {
      this.errors = localiseErrors(zodFieldErrors(parsed.error.issues, { fullPath: true }));
      return;
    }
    const shown = (p: string) =>
      this.action !== null && ['reason', 'verification', 'accountability'].some((k) => p.startsWith(k));
    const ok = await this.write(() => formsApi.transition(this.formId, parsed.data, this.etag), shown);
    if (ok && this.form) {
      this.action = null;
      this.announcement = t(m.moved, { status: label(statusLabels, this.form.status) });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  private submitPanel(e: SubmitEvent) {
    e.preventDefault();
    const d = this.actionDraft;
    const key = this.action;
    const required: FieldErrors = {};
    const need = (path: string, value: string) => {
      if (!value.trim()) required[path] = t(m.chooseOne);
    };
    if (key === 'close') {
      need('verification.method', d.method);
      need('accountability.outcome', d.outcome);
      const body: TransitionBody = {
        to: 'closed',
        verification: { method: d.method as 'on_site', result: 'pass', notes: d.notes },
        accountability: {
          outcome: d.outcome as 'none',
          ...(d.accountabilityNotes.trim() ? { notes: d.accountabilityNotes } : {}),
          ...(d.triggerIndex ? { triggerIndex: Number(d.triggerIndex) } : {}),
        },
      };
      return this.validateThenMove(body, required);
    }
    if (key === 'sendBack') {
      need('verification.method', d.method);
      return this.validateThenMove(
        {
          to: 'in_progress',
          verification: { method: d.method as 'on_site', result: 'fail', notes: d.notes },
        },
        required,
      );
    }
    if (key === 'cancelForm' || key === 'reopen') {
      const body: TransitionBody = {
        to: key === 'reopen' ? 'in_progress' : 'cancelled',
        reason: d.reason.trim() ? d.reason : undefined,
      };
      const errors: FieldErrors = d.reason.trim() ? {} : { reason: t(m.required) };
      return this.validateThenMove(body, errors);
    }
  }

  private async validateThenMove(body: TransitionBody, extra: FieldErrors) {
    const parsed = TransitionRequest.safeParse(body);
    const errors = {
      ...(parsed.success ? {} : localiseErrors(zodFieldErrors(parsed.error.issues, { fullPath: true }))),
      ...extra,
    };
    if (Object.keys(errors).length) {
      this.errors = errors;
      this.failure = null;
      return;
    }
    await this.move(body);
  }

  // ── Rendering ──────────────────────────────────────────────────────────────
  private err(path: string, id = `err-${path.replace(/\./g, '-')}`) {
    const text = this.errors[path];
    return text ? html`<span class="error field-error" id=${id}>${text}</span>` : nothing;
  }

  private failureBox() {
    const f = this.failure;
    if (!f) return nothing;
    return html`<div class="failure" role="alert" tabindex="-1">
      <p>${f.message}</p>
      ${f.items.length ? html`<ul>${f.items.map((i) => html`<li>${i}</li>`)}</ul>` : nothing}
      ${f.stale ? html`<p><button @click=${() => this.load()}>${t(m.reload)}</button></p>` : nothing}
    </div>`;
  }

  private actionsCard(f: FormView) {
    const offered = ACTIONS.filter((a) => a.from.includes(f.status) && f.allowedTransitions.includes(a.to));
    const hints: string[] = [];
    if (offered.some((a) => a.key === 'start') && (!f.rootCause || !f.measures.length))
      hints.push(t(m.startNeeds));
    if (offered.some((a) => a.key === 'requestVerification') && f.measures.some((x) => !x.doneOn))
      hints.push(t(m.verifyNeeds));
    return html`<section class="card actions" aria-labelledby="actions-title">
      <h2 id="actions-title">${t(m.actions)}</h2>
      ${
        offered.length || f.canEdit
          ? html`<div class="buttons">
            ${offered.map(
              (a) => html`<button class=${a.primary ? 'primary' : a.key === 'cancelForm' ? 'danger' : ''}
                data-action=${a.key} aria-expanded=${a.panel ? String(this.action === a.key) : nothing}
                ?disabled=${this.busy} @click=${() => this.act(a.key)}>${t(m[a.key])}</button>`,
            )}
            ${
              f.canEdit
                ? html`<button @click=${() => this.editCause(f)} ?disabled=${this.busy}>${t(m.editCause)}</button>
                  <button @click=${() => this.editMeasures(f)} ?disabled=${this.busy}>${t(m.editMeasures)}</button>`
                : nothing
            }
          </div>`
          : html`<p class="muted">${t(m.noActions)}</p>`
      }
      ${hints.map((h) => html`<p class="hint">${h}</p>`)}
      ${this.action ? this.panel() : nothing}
      ${this.editing ? nothing : this.failureBox()}
    </section>`;
  }

  private select(
    path: string,
    labelText: string,
    options: readonly string[],
    labels: Record<string, { 'zh-CN': string; en: string }>,
    value: string,
    onChange: (v: string) => void,
  ) {
    const id = `err-${path.replace(/\./g, '-')}`;
    return html`<label>${labelText}
      <select .value=${value} aria-invalid=${this.errors[path] ? 'true' : 'false'} aria-describedby=${id}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">${t(m.chooseOne)}</option>
        ${options.map((o) => html`<option value=${o} ?selected=${value === o}>${label(labels, o)}</option>`)}
      </select>
      ${this.err(path, id)}
    </label>`;
  }

  private textarea(
    path: string,
    labelText: string,
    value: string,
    onInput: (v: string) => void,
    placeholder = '',
  ) {
    const id = `err-${path.replace(/\./g, '-')}`;
    return html`<label>${labelText}
      <textarea .value=${value} placeholder=${placeholder} aria-invalid=${this.errors[path] ? 'true' : 'false'} aria-describedby=${id}
        @input=${(e: Event) => onInput((e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.err(path, id)}
    </label>`;
  }

  private panel(): TemplateResult {
    const key = this.action as ActionKey;
    const d = this.actionDraft;
    const set = (patch: Partial<ActionDraft>) => (this.actionDraft = { ...this.actionDraft, ...patch });
    let fields: TemplateResult;
    if (key === 'close') {
      fields = html`<div class="row">
          ${this.select('verification.method', t(fm.method), VerificationMethods, verificationMethodLabels, d.method, (v) => set({ method: v }))}
          <label>${t(fm.result)}<input readonly .value=${label(verificationResultLabels, 'pass')} /></label>
        </div>
        ${this.textarea('verification.notes', t(fm.notes), d.notes, (v) => set({ notes: v }), t(m.verificationNotesHint))}
        <div class="row">
          ${this.select('accountability.outcome', t(fm.outcome), AccountabilityOutcomes, outcomeLabels, d.outcome, (v) => set({ outcome: v }))}
          ${
            this.triggers.length > 0
              ? this.select(
                  'accountability.triggerIndex',
                  t(fm.trigger),
                  this.triggers.map((_, i) => String(i)),
                  Object.fromEntries(
                    this.triggers.map((tr, i) => [String(i), { 'zh-CN': tr.situation, en: tr.situation }]),
                  ),
                  d.triggerIndex,
                  (v) => set({ triggerIndex: v }),
                )
              : nothing
          }
        </div>
        ${this.textarea('accountability.notes', t(fm.accountabilityNotes), d.accountabilityNotes, (v) => set({ accountabilityNotes: v }))}`;
    } else if (key === 'sendBack') {
      fields = html`<div class="row">
          ${this.select('verification.method', t(fm.method), VerificationMethods, verificationMethodLabels, d.method, (v) => set({ method: v }))}
          <label>${t(fm.result)}<input readonly .value=${label(verificationResultLabels, 'fail')} /></label>
        </div>
        ${this.textarea('verification.notes', t(fm.notes), d.notes, (v) => set({ notes: v }), t(m.sendBackNotesHint))}`;
    } else {
      fields = this.textarea(
        'reason',
        t(m.reason),
        d.reason,
        (v) => set({ reason: v }),
        key === 'cancelForm' ? t(m.cancelReasonHint) : '',
      );
    }
    return html`<form class="panel" novalidate @submit=${this.submitPanel} aria-labelledby="panel-title">
      <h3 id="panel-title" tabindex="-1">${t(m[key])}</h3>
      ${fields}
      ${this.failureBox()}
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t(m.confirm)}</button>
        <button type="button" @click=${() => {
          this.action = null;
          this.errors = {};
          this.failure = null;
        }}>${t(common.cancel)}</button>
      </div>
    </form>`;
  }

  private problemSection(f: FormView) {
    return html`<section class="card" aria-labelledby="s-problem">
      <h2 id="s-problem">${t(fm.sectionProblem)}</h2>
      <p class="problem-text">${f.problem}</p>
      <dl class="fields">
        <dt>${t(fm.number)}</dt><dd class="number">${f.number}</dd>
        <dt>${t(fm.source)}</dt><dd>${label(sourceLabels, f.source)}</dd>
        <dt>${t(fm.occurredOn)}</dt><dd>${formatDate(f.occurredOn)}</dd>
        <dt>${t(fm.foundOn)}</dt><dd>${formatDate(f.foundOn)}</dd>
        <dt>${t(fm.filedOn)}</dt><dd>${formatDate(f.filedOn)} · ${named(f.filedBy)}</dd>
        <dt>${t(fm.post)}</dt><dd><a href="/posts/${f.post.id}">${named(f.post)}</a> <span class="muted">${f.post.code} · ${named(f.unit)}</span></dd>
        <dt>${t(common.approvalItem)}</dt><dd>${
          f.approvalItem
            ? html`<a href="/approval-items/${f.approvalItem.id}">${named(f.approvalItem)}</a> <span class="muted">${f.approvalItem.code}</span>`
            : t(common.none)
        }${f.stage ? html` · ${t(stages[f.stage] ?? common.stage)}` : nothing}</dd>
        <dt>${t(fm.riskPoint)}</dt><dd>${
          f.riskPoint
            ? html`<a href="/risk-points/${f.riskPoint.id}">${f.riskPoint.code}</a> ${gradeChip(f.riskPoint.grade)} ${f.riskPoint.description}`
            : t(common.none)
        }</dd>
        <dt>${t(fm.responsibilityPoint)}</dt><dd>${
          f.responsibilityPoint
            ? html`${f.responsibilityPoint.code} ${f.responsibilityPoint.duty}`
            : t(common.none)
        }</dd>
        <dt>${t(fm.standard)}</dt><dd>${
          f.standard
            ? html`${f.standard.code} ${named({ name: f.standard.title, nameEn: f.standard.titleEn })}`
            : t(common.none)
        }</dd>
        <dt>${t(common.grade)}</dt><dd>${gradeChip(f.grade)}</dd>
        <dt>${t(fm.deadline)}</dt><dd>${formatDate(f.deadline)} ${cardChip(f.card)}${
          f.card === 'red' ? html` <span class="error">${t(fm.overdueSince)}</span>` : nothing
        }</dd>
        ${f.closedAt ? html`<dt>${t(m.closedAt)}</dt><dd>${formatDateTime(f.closedAt)}</dd>` : nothing}
        ${f.statusReason ? html`<dt>${t(fm.statusReason)}</dt><dd>${f.statusReason}</dd>` : nothing}
      </dl>
    </section>`;
  }

  private responsibilitySection(f: FormView) {
    const r = f.responsible;
    return html`<section class="card" aria-labelledby="s-resp">
      <h2 id="s-resp">${t(fm.sectionResponsibility)}</h2>
      <dl class="fields">
        <dt>${t(fm.holders)}</dt>
        <dd>${
          r.holders.length
            ? html`<ul class="people">${r.holders.map(
                (h) =>
                  html`<li>${named(h)} <span class="muted">(${
                    h.toDate
                      ? t(fm.heldFromTo, { from: formatDate(h.fromDate), to: formatDate(h.toDate) })
                      : t(fm.heldFrom, { from: formatDate(h.fromDate) })
                  })</span></li>`,
              )}</ul>`
            : t(fm.noHolder)
        }</dd>
        <dt>${t(fm.departmentHead)}</dt><dd>${named(r.departmentHead) || t(common.none)}</dd>
        <dt>${t(fm.leaderInCharge)}</dt><dd>${named(r.leaderInCharge) || t(common.none)}</dd>
      </dl>
    </section>`;
  }

  private causeSection(f: FormView) {
    const editing = this.editing === 'cause';
    return html`<section class="card" aria-labelledby="s-cause">
      <div class="section-head">
        <h2 id="s-cause">${t(fm.sectionRootCause)}</h2>
        ${f.canEdit && !editing ? html`<button class="edit" @click=${() => this.editCause(f)}>${t(m.editCause)}</button>` : nothing}
      </div>
      ${
        editing
          ? this.causeEditor()
          : f.rootCause
            ? html`<ol class="whys">${f.rootCause.whys.map((w, i) => html`<li><span class="muted">${t(fm.why, { n: i + 1 })}${t(m.colon)}</span>${w}</li>`)}</ol>
              <p><span class="muted">${t(fm.causeCategory)}${t(m.colon)}</span>${label(causeCategoryLabels, f.rootCause.category)}</p>`
            : html`<p class="muted">${t(fm.noRootCause)}</p>`
      }
    </section>`;
  }

  private causeEditor() {
    return html`<form novalidate @submit=${this.saveCause} aria-label=${t(m.editCause)}>
      <p class="hint">${t(m.whyHint)}</p>
      ${this.err('rootCause.whys')}
      ${this.whys.map(
        (w, i) => html`<div class="why-row">
          <label>${t(fm.why, { n: i + 1 })}
            <textarea rows="2" .value=${w} aria-invalid=${this.errors[`rootCause.whys.${i}`] ? 'true' : 'false'}
              aria-describedby="err-rootCause-whys-${i}"
              @input=${(e: Event) => (this.whys = this.whys.map((x, j) => (j === i ? (e.target as HTMLTextAreaElement).value : x)))}></textarea>
            ${this.err(`rootCause.whys.${i}`)}
          </label>
          ${
            this.whys.length > 1
              ? html`<button type="button" class="link" aria-label=${t(m.removeWhy, { n: i + 1 })}
                  @click=${() => (this.whys = this.whys.filter((_, j) => j !== i))}>✕</button>`
              : nothing
          }
        </div>`,
      )}
      ${
        this.whys.length < 5
          ? html`<p><button type="button" @click=${() => (this.whys = [...this.whys, ''])}>＋ ${t(m.addWhy)}</button></p>`
          : nothing
      }
      <div class="row">
        ${this.select('rootCause.category', t(fm.causeCategory), CauseCategories, causeCategoryLabels, this.category, (v) => (this.category = v))}
      </div>
      ${this.failureBox()}
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t(common.save)}</button>
        <button type="button" @click=${() => (this.editing = null)}>${t(common.cancel)}</button>
      </div>
    </form>`;
  }

  private measuresSection(f: FormView) {
    const editing = this.editing === 'measures';
    return html`<section class="card" aria-labelledby="s-measures">
      <div class="section-head">
        <h2 id="s-measures">${t(fm.sectionMeasures)}</h2>
        ${f.canEdit && !editing ? html`<button class="edit" @click=${() => this.editMeasures(f)}>${t(m.editMeasures)}</button>` : nothing}
      </div>
      ${
        editing
          ? this.measuresEditor(f)
          : f.measures.length
            ? html`<div class="table-wrap"><table>
              <thead><tr>
                <th scope="col">${t(fm.measureKind)}</th><th scope="col">${t(fm.measureText)}</th>
                <th scope="col">${t(fm.owner)}</th><th scope="col">${t(fm.dueOn)}</th><th scope="col">${t(fm.doneOn)}</th>
              </tr></thead>
              <tbody>${f.measures.map(
                (x) => html`<tr data-measure=${x.id}>
                  <td class="nowrap">${label(measureKindLabels, x.kind)}</td>
                  <td>${x.text}</td>
                  <td class="nowrap">${named(x.owner)}</td>
                  <td class="nowrap">${formatDate(x.dueOn)}</td>
                  <td>${
                    x.doneOn
                      ? html`<span class="done">✓ ${formatDate(x.doneOn)}</span>`
                      : f.canEdit
                        ? html`<button ?disabled=${this.busy} aria-label=${t(m.markDoneLabel, { text: x.text })}
                            @click=${() => this.markDone(f, x.id)}>${t(m.markDone)}</button>`
                        : html`<span class="muted">${t(fm.notDone)}</span>`
                  }</td>
                </tr>`,
              )}</tbody>
            </table></div>`
            : html`<p class="muted">${t(fm.noMeasures)}</p>`
      }
    </section>`;
  }

  private measuresEditor(f: FormView) {
    return html`<form novalidate @submit=${this.saveMeasures} aria-label=${t(m.editMeasures)}>
      ${this.err('measures')}
      <div style="display:flex;flex-direction:column;gap:0.75rem">
      ${this.measures.map((x, i) => {
        const p = (k: string) => `measures.${i}.${k}`;
        return html`<div class="measure-edit" role="group" aria-label=${t(m.measureN, { n: i + 1 })}>
          <h3>${t(m.measureN, { n: i + 1 })}
            <button type="button" class="link" aria-label=${t(m.removeMeasure, { n: i + 1 })}
              @click=${() => (this.measures = this.measures.filter((_, j) => j !== i))}>✕</button>
          </h3>
          <div class="row">
            ${this.select(p('kind'), t(fm.measureKind), MeasureKinds, measureKindLabels, x.kind, (v) => this.setMeasure(i, { kind: v }))}
            <div>
              <ref-select label=${t(fm.owner)} path="/people" placeholder=${t(m.ownerHint)} .value=${x.ownerId}
                @change=${(e: CustomEvent<string>) => this.setMeasure(i, { ownerId: e.detail })}></ref-select>
              ${this.err(p('ownerId'))}
            </div>
          </div>
          ${this.textarea(p('text'), t(fm.measureText), x.text, (v) => this.setMeasure(i, { text: v }))}
          <div class="row">
            <label>${t(fm.dueOn)}
              <input type="date" .value=${x.dueOn} aria-invalid=${this.errors[p('dueOn')] ? 'true' : 'false'}
                aria-describedby="err-measures-${i}-dueOn"
                @input=${(e: Event) => this.setMeasure(i, { dueOn: (e.target as HTMLInputElement).value })} />
              ${this.err(p('dueOn'))}
            </label>
            <label>${t(fm.doneOn)}
              <input type="date" .value=${x.doneOn} max=${todayIso()} aria-invalid=${this.errors[p('doneOn')] ? 'true' : 'false'}
                aria-describedby="err-measures-${i}-doneOn"
                @input=${(e: Event) => this.setMeasure(i, { doneOn: (e.target as HTMLInputElement).value })} />
              ${this.err(p('doneOn'))}
            </label>
          </div>
        </div>`;
      })}
      </div>
      <p><button type="button" @click=${() => this.addMeasure(f)}>＋ ${t(m.addMeasure)}</button></p>
      ${this.failureBox()}
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t(common.save)}</button>
        <button type="button" @click=${() => (this.editing = null)}>${t(common.cancel)}</button>
      </div>
    </form>`;
  }

  private verificationSection(f: FormView) {
    const v = f.verification;
    return html`<section class="card" aria-labelledby="s-verify">
      <h2 id="s-verify">${t(fm.sectionVerification)}</h2>
      ${
        v
          ? html`<dl class="fields">
            <dt>${t(fm.verifiedBy)}</dt><dd>${named(v.verifiedBy)} · ${formatDateTime(v.verifiedAt)}</dd>
            <dt>${t(fm.method)}</dt><dd>${label(verificationMethodLabels, v.method)}</dd>
            <dt>${t(fm.result)}</dt><dd>${label(verificationResultLabels, v.result)}</dd>
            <dt>${t(fm.notes)}</dt><dd>${v.notes}</dd>
          </dl>`
          : html`<p class="muted">${t(fm.notVerified)}</p>`
      }
    </section>`;
  }

  private accountabilitySection(f: FormView) {
    const a = f.accountability;
    return html`<section class="card" aria-labelledby="s-account">
      <h2 id="s-account">${t(fm.sectionAccountability)}</h2>
      ${
        a
          ? html`<dl class="fields">
            <dt>${t(fm.outcome)}</dt><dd>${label(outcomeLabels, a.outcome)}</dd>
            <dt>${t(fm.accountabilityNotes)}</dt><dd>${a.notes || t(common.none)}</dd>
            ${a.trigger ? html`<dt>${t(fm.trigger)}</dt><dd>${a.trigger.situation}<div class="muted">${a.trigger.basis}</div></dd>` : nothing}
            <dt>${t(fm.decidedBy)}</dt><dd>${named(a.decidedBy)}</dd>
          </dl>`
          : html`<p class="muted">${t(fm.notDecided)}</p>`
      }
    </section>`;
  }

  override render() {
    if (this.loadError)
      return html`<p class="error" role="alert">${errorMessage(this.loadError)}</p>
        <p><a href="/my-work">${t(m.back)}</a></p>`;
    const f = this.form;
    if (!f) return html`<p class="muted" role="status">${t(common.loading)}</p>`;
    // Evidence goes with the work: whoever may change the form or move it on, until it is closed or cancelled.
    const mayAttach =
      !['closed', 'cancelled'].includes(f.status) && (f.canEdit || f.allowedTransitions.length > 0);
    return html`
      <div class="top">
        <p><a href="/my-work">${t(m.back)}</a> · <a href="/forms">${t(m.allForms)}</a></p>
        <p><a class="button" href="/forms/${f.id}/print">${t(fm.printView)}</a></p>
      </div>
      <h1 tabindex="-1"><span class="number">${f.number}</span> ${statusChip(f.status)} ${gradeChip(f.grade)} ${cardChip(f.card)}</h1>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <div class="columns">
        <div>
          ${this.actionsCard(f)}
          ${this.problemSection(f)}
          <form-checks .formId=${f.id} ?canRecheck=${f.status === 'closed' && f.allowedTransitions.includes('in_progress')}></form-checks>
          ${this.responsibilitySection(f)}
          ${this.causeSection(f)}
          ${this.measuresSection(f)}
          ${this.verificationSection(f)}
          ${this.accountabilitySection(f)}
          ${
            f.status === 'closed'
              ? html`<exemplary-case .formId=${f.id} ?canMark=${f.allowedTransitions.includes('in_progress')}
                  @case-changed=${() => this.loadHistory()}></exemplary-case>`
              : nothing
          }
          <section class="card" aria-labelledby="s-evidence">
            <h2 id="s-evidence">${t(m.evidence)}</h2>
            <form-evidence .formId=${f.id} ?canUpload=${mayAttach} @evidence-added=${() => this.loadHistory()}></form-evidence>
          </section>
        </div>
        <div>
          <section class="card" aria-labelledby="s-comments">
            <h2 id="s-comments">${t(m.comments)}</h2>
            <form-comments .formId=${f.id} @comment-added=${() => this.loadHistory()}></form-comments>
          </section>
          <section class="card" aria-labelledby="s-timeline">
            <h2 id="s-timeline">${t(m.timeline)}</h2>
            <form-history .events=${this.history}></form-history>
          </section>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'form-page': FormPage;
  }
}
