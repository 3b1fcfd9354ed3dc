import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { FormCreate, FormFacts, FormSources } from '../../../../server/forms/schema.ts';
import type {
  ApprovalItemView,
  PostDetail,
  PostView,
  ResponsibilityPointView,
  RiskPointView,
} from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { type FormCreateBody, formsApi, randomKey, type Settings, todayIso } from '../../api/forms.ts';
import type { SessionPerson } from '../../api/session.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { choiceGroup, entryFormStyles } from '../../components/entry-form.ts';
import { enumLabel } from '../../components/enum-label.ts';
import '../../components/ref-select.ts';
import { common, grades, stages } from '../../i18n/common.ts';
import { defineMessages, formatDate, LocaleController, named, t } from '../../i18n/i18n.ts';
import { navigate } from '../../router.ts';
import { base } from '../../styles.ts';
import { sourceLabels } from './labels.ts';
import { formMessages as fm } from './messages.ts';
import { formChipStyles, gradeChip, localiseErrors } from './parts.ts';
import '../lessons/similar-forms.ts';

const m = defineMessages({
  title: { 'zh-CN': '登记问题（一事一表）', en: 'File a form (one issue, one form)' },
  intro: {
    'zh-CN': '发现一个问题，填写一张表。带 * 的为必填项，其余可稍后补充。',
    en: 'One problem, one form. Fields marked * are required; the rest can be added later.',
  },
  problemHint: {
    'zh-CN': '发生了什么：时间、窗口、办理的事项、对办事群众的影响',
    en: 'What happened: when, at which window, which item, how it affected the applicant',
  },
  required: { 'zh-CN': '必填', en: 'required' },
  links: { 'zh-CN': '关联（可选）', en: 'Links (optional)' },
  anyItem: { 'zh-CN': '选择审批事项', en: 'Choose an approval item' },
  postHint: { 'zh-CN': '输入岗位名称或编码', en: 'Type a post name or code' },
  standardHint: { 'zh-CN': '输入四级标准编码或名称', en: 'Type a level-4 standard code or title' },
  noneChosen: { 'zh-CN': '（不关联）', en: '(none)' },
  noPointsForPost: { 'zh-CN': '（该岗位没有登记）', en: '(none registered for this post)' },
  choosePostFirst: { 'zh-CN': '（请先选择岗位）', en: '(choose the post first)' },
  gradeHint: {
    'zh-CN': '关联风险防控点时默认取其等级；否则必选。',
    en: "Defaults to the risk point's grade; required without one.",
  },
  fromRiskPoint: { 'zh-CN': '（取自风险防控点）', en: '(from the risk point)' },
  preview: { 'zh-CN': '提交前请确认', en: 'Check before you submit' },
  tracesTo: { 'zh-CN': '责任倒查至', en: 'Responsibility traces back to' },
  needPostAndDate: {
    'zh-CN': '选择岗位并填写发生日期后，这里显示当日在岗的责任人。',
    en: 'Choose the post and the day it happened to see who held the post that day.',
  },
  deadlineIs: { 'zh-CN': '整改期限', en: 'Deadline' },
  deadlineRule: {
    'zh-CN': '{grade}：自今天起 {days} 个工作日，至 {date}',
    en: '{grade}: {days} working days from today, by {date}',
  },
  needGrade: { 'zh-CN': '选择风险等级后显示整改期限。', en: 'Choose a grade to see the deadline.' },
  submit: { 'zh-CN': '提交登记', en: 'File the form' },
  saveDraft: { 'zh-CN': '存为草稿', en: 'Save as draft' },
  submitting: { 'zh-CN': '正在提交…', en: 'Filing…' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
});

const FIELDS = FormFacts;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * File a form (登记问题): one page a window clerk fills in under a minute. Before submitting it shows who the
 * responsibility traces back to (the holders of the post on the day it happened, the department head and
 * the leader in charge) and the working-day deadline for the grade.
 */
@customElement('form-new-page')
export class FormNewPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    entryFormStyles,
    css`
      ref-select { max-width: none; flex: none; }
      aside.card { border-left: 6px solid var(--c-primary); margin: 0; }
      aside h2 { margin-top: 0; }
      aside h3 { font-size: 0.95rem; color: var(--c-muted); margin: 0.75rem 0 0.25rem; }
      aside ul { margin: 0; padding-left: 1.1rem; }
      .deadline { font-size: 1.2rem; font-weight: 600; }
    `,
  ];

  @property({ attribute: false }) person: SessionPerson | null = null;
  @state() private draft: Draft = {
    problem: '',
    occurredOn: '',
    foundOn: todayIso(),
    source: '',
    postId: '',
    approvalItemId: '',
    stage: '',
    riskPointId: '',
    responsibilityPointId: '',
    standardId: '',
    grade: '',
  };
  /** Whether the grade was picked by hand (otherwise it follows the risk point). */
  @state() private gradeChosen = false;
  @state() private post: PostDetail | null = null;
  @state() private item: ApprovalItemView | null = null;
  @state() private riskPoints: RiskPointView[] | null = null;
  @state() private dutyPoints: ResponsibilityPointView[] | null = null;
  @state() private settings: Settings | null = null;
  @state() private deadline: { grade: string; days: number; date: string } | null = null;
  @state() private previewError = '';
  /** One key per visit: a double click or a retry files the form once. */
  private readonly idempotencyKey = randomKey();
  private readonly form = new FormState(this, FIELDS, { adjust: localiseErrors });
  private readonly i18n = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start() {
    formsApi
      .settings()
      .then((s) => {
        this.settings = s;
        void this.updateDeadline();
      })
      .catch((err) => (this.previewError = errorMessage(err)));
    if (!this.person || this.draft.postId) return;
    try {
      const own = await api.list<PostView>('/posts', { holderId: this.person.id, limit: 5 });
      const first = own.items[0];
      if (first && !this.draft.postId) await this.setPost(String(first.id));
    } catch {
      // The person picks the post by hand.
    }
  }

  private set(field: Field, value: string) {
    this.draft = { ...this.draft, [field]: value };
  }

  private async setPost(id: string) {
    this.draft = { ...this.draft, postId: id, riskPointId: '', responsibilityPointId: '' };
    this.post = null;
    this.riskPoints = null;
    this.dutyPoints = null;
    if (!this.gradeChosen) this.set('grade', '');
    void this.updateDeadline();
    if (!id) return;
    const postId = Number(id);
    try {
      const [post, risks, duties] = await Promise.all([
        formsApi.post(postId),
        api.list<RiskPointView>('/risk-points', { postId, limit: 200 }),
        api.list<ResponsibilityPointView>('/responsibility-points', { postId, limit: 200 }),
      ]);
      if (this.draft.postId !== id) return;
      this.post = post;
      this.riskPoints = risks.items;
      this.dutyPoints = duties.items;
      this.previewError = '';
    } catch (err) {
      this.previewError = errorMessage(err);
    }
  }

  private async setItem(id: string) {
    this.draft = { ...this.draft, approvalItemId: id };
    this.item = null;
    if (!id) return;
    try {
      const item = await api.get<ApprovalItemView>(`/approval-items/${id}`);
      if (this.draft.approvalItemId === id) this.item = item;
    } catch {
      this.item = null;
    }
  }

  private setRiskPoint(id: string) {
    const point = this.riskPoints?.find((p) => String(p.id) === id);
    this.set('riskPointId', id);
    if (point) {
      if (!this.draft.approvalItemId) void this.setItem(String(point.approvalItemId));
      if (!this.draft.stage) this.set('stage', point.stage);
      if (!this.gradeChosen) this.set('grade', point.grade);
    } else if (!this.gradeChosen) {
      this.set('grade', '');
    }
    void this.updateDeadline();
  }

  private setDutyPoint(id: string) {
    const point = this.dutyPoints?.find((p) => String(p.id) === id);
    this.set('responsibilityPointId', id);
    if (point) {
      if (!this.draft.approvalItemId) void this.setItem(String(point.approvalItemId));
      if (!this.draft.stage) this.set('stage', point.stage);
    }
  }

  private setGrade(grade: string) {
    this.gradeChosen = true;
    this.set('grade', grade);
    void this.updateDeadline();
  }

  /** Working days for the grade, counted from today on the statutory calendar (as the server will). */
  private async updateDeadline() {
    const grade = this.draft.grade as 'A' | 'B' | 'C' | '';
    if (!grade || !this.settings) {
      this.deadline = null;
      return;
    }
    const days = this.settings.deadlineDays[grade];
    try {
      const date = await formsApi.workingDays(todayIso(), days);
      if (this.draft.grade === grade) this.deadline = { grade, days, date };
    } catch (err) {
      this.previewError = errorMessage(err);
    }
  }

  /** The holders of the post on the day it happened, from its assignment history (倒查责任). */
  private holdersOn(day: string) {
    return (this.post?.assignments ?? [])
      .filter((a) => a.fromDate <= day && (a.toDate === null || a.toDate >= day))
      .sort((a, b) => a.fromDate.localeCompare(b.fromDate));
  }

  private body(draft: boolean): FormCreateBody {
    const d = this.draft;
    const id = (v: string) => (v ? Number(v) : undefined);
    return {
      problem: d.problem,
      occurredOn: d.occurredOn || (undefined as unknown as string),
      foundOn: d.foundOn || undefined,
      source: (d.source || undefined) as FormCreateBody['source'],
      postId: id(d.postId) as number,
      approvalItemId: id(d.approvalItemId),
      stage: (d.stage || undefined) as FormCreateBody['stage'],
      riskPointId: id(d.riskPointId),
      responsibilityPointId: id(d.responsibilityPointId),
      standardId: id(d.standardId),
      grade: (d.grade || undefined) as FormCreateBody['grade'],
      ...(draft ? { draft: true } : {}),
    };
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    if (this.form.busy) return;
    const draft = (e.submitter as HTMLButtonElement | null)?.value === 'draft';
    this.form.reset();
    const parsed = FormCreate.safeParse(this.body(draft));
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error.issues);
    if (!this.draft.grade && !this.draft.riskPointId) errors.grade ??= t(fm.chooseGrade);
    // The schema's cross-field rule only runs once every field is valid; say it at once.
    const { occurredOn, foundOn } = this.draft;
    if (occurredOn && foundOn && foundOn < occurredOn) errors.foundOn ??= t(fm.notBeforeOccurred);
    if (!parsed.success || Object.keys(errors).length) {
      this.form.invalid(errors);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role="alert"]')?.focus();
      return;
    }
    const body = parsed.data;
    await this.form.submit(async () => {
      const { body: created } = await formsApi.create(body, this.idempotencyKey);
      navigate(`/forms/${created.id}`);
    });
    if (this.form.message || Object.keys(this.form.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role="alert"]')?.focus();
    }
  }

  private labels(): Record<string, string> {
    return {
      problem: t(fm.problem),
      occurredOn: t(fm.occurredOn),
      foundOn: t(fm.foundOn),
      source: t(fm.source),
      postId: t(fm.post),
      approvalItemId: t(common.approvalItem),
      stage: t(common.stage),
      riskPointId: t(fm.riskPoint),
      responsibilityPointId: t(fm.responsibilityPoint),
      standardId: t(fm.standard),
      grade: t(common.grade),
    };
  }

  private aria(field: Field) {
    return { invalid: this.form.errors[field] ? 'true' : 'false', describedBy: `err-${field}` };
  }

  private pointSelect(
    field: 'riskPointId' | 'responsibilityPointId',
    label: string,
    points:
      | { id: number; code: string; text: string; grade?: string; approvalItemId: number; stage: string }[]
      | null,
    onChange: (v: string) => void,
  ) {
    const d = this.draft;
    const shown = (points ?? []).filter(
      (p) =>
        (!d.approvalItemId || String(p.approvalItemId) === d.approvalItemId) &&
        (!d.stage || p.stage === d.stage),
    );
    const a = this.aria(field);
    return html`<label>${label}
      <select .value=${d[field]} ?disabled=${!points} aria-invalid=${a.invalid} aria-describedby=${a.describedBy}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">${!d.postId ? t(m.choosePostFirst) : points && !points.length ? t(m.noPointsForPost) : t(m.noneChosen)}</option>
        ${shown.map(
          (p) =>
            html`<option value=${p.id} ?selected=${d[field] === String(p.id)}>${p.code}${p.grade ? ` [${p.grade}]` : ''} ${clip(p.text)}</option>`,
        )}
      </select>
      ${fieldError(this.form.errors, field, a.describedBy)}
    </label>`;
  }

  private preview() {
    const d = this.draft;
    const holders = d.occurredOn ? this.holdersOn(d.occurredOn) : [];
    const riskGrade = this.riskPoints?.find((p) => String(p.id) === d.riskPointId)?.grade;
    return html`<aside class="card" aria-labelledby="preview-title" aria-live="polite">
      <h2 id="preview-title">${t(m.preview)}</h2>
      <h3>${t(m.tracesTo)}</h3>
      ${
        this.post && d.occurredOn
          ? html`<dl class="fields" data-testid="trace-back">
              <dt>${t(fm.holders)}</dt>
              <dd>${
                holders.length
                  ? html`<ul>${holders.map(
                      (h) =>
                        html`<li>${named(h)} <span class="muted">(${
                          h.toDate
                            ? t(fm.heldFromTo, { from: formatDate(h.fromDate), to: formatDate(h.toDate) })
                            : t(fm.heldFrom, { from: formatDate(h.fromDate) })
                        })</span></li>`,
                    )}</ul>`
                  : html`<span class="error">${t(fm.noHolder)}</span>`
              }</dd>
              <dt>${t(fm.departmentHead)}</dt><dd>${named(this.post.departmentHead) || t(common.none)}</dd>
              <dt>${t(fm.leaderInCharge)}</dt><dd>${named(this.post.leaderInCharge) || t(common.none)}</dd>
            </dl>`
          : html`<p class="muted">${t(m.needPostAndDate)}</p>`
      }
      <h3>${t(m.deadlineIs)}</h3>
      ${
        this.deadline
          ? html`<p class="deadline" data-testid="deadline">${formatDate(this.deadline.date)}</p>
            <p class="hint">${t(m.deadlineRule, {
              grade: t(fm.gradeLetter, { g: this.deadline.grade }),
              days: this.deadline.days,
              date: formatDate(this.deadline.date),
            })}${riskGrade && !this.gradeChosen ? ` ${t(m.fromRiskPoint)}` : ''}</p>`
          : html`<p class="muted">${t(m.needGrade)}</p>`
      }
      ${this.previewError ? html`<p class="error">${this.previewError}</p>` : nothing}
    </aside>`;
  }

  override render() {
    const d = this.draft;
    const today = todayIso();
    const labels = this.labels();
    const err = (f: Field) => fieldError(this.form.errors, f, `err-${f}`);
    const stagesOffered = this.item ? this.item.stages : Object.keys(stages);
    return html`
      <h1>${t(m.title)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <form novalidate @submit=${this.submit} aria-labelledby="form-title">
          <span id="form-title" class="visually-hidden">${t(m.title)}</span>
          <div tabindex="-1">${errorSummary(this.form.errors, labels, this.form.message)}</div>
          <fieldset>
            <legend>${t(fm.sectionProblem)}</legend>
            <label><span>${t(fm.problem)} <span class="req" aria-hidden="true">*</span></span>
              <textarea name="problem" required placeholder=${t(m.problemHint)} .value=${d.problem}
                aria-invalid=${this.aria('problem').invalid} aria-describedby="err-problem"
                @input=${(e: Event) => this.set('problem', (e.target as HTMLTextAreaElement).value)}></textarea>
              ${err('problem')}
            </label>
            <similar-forms .text=${d.problem} .postId=${d.postId} .riskPointId=${d.riskPointId}></similar-forms>
            <div class="row">
              <label><span>${t(fm.occurredOn)} <span class="req" aria-hidden="true">*</span></span>
                <input type="date" name="occurredOn" required max=${today} .value=${d.occurredOn}
                  aria-invalid=${this.aria('occurredOn').invalid} aria-describedby="err-occurredOn"
                  @input=${(e: Event) => this.set('occurredOn', (e.target as HTMLInputElement).value)} />
                ${err('occurredOn')}
              </label>
              <label>${t(fm.foundOn)}
                <input type="date" name="foundOn" max=${today} .value=${d.foundOn}
                  aria-invalid=${this.aria('foundOn').invalid} aria-describedby="err-foundOn"
                  @input=${(e: Event) => this.set('foundOn', (e.target as HTMLInputElement).value)} />
                ${err('foundOn')}
              </label>
            </div>
            ${choiceGroup({
              name: 'source',
              legend: t(fm.source),
              required: true,
              options: FormSources.map((s) => [s, enumLabel(sourceLabels, s)]),
              value: d.source,
              onChange: (v) => this.set('source', v),
              errors: this.form.errors,
            })}
          </fieldset>

          <fieldset>
            <legend>${t(fm.post)}</legend>
            <ref-select label="${t(fm.post)} *" path="/posts" placeholder=${t(m.postHint)} .value=${d.postId}
              @change=${(e: CustomEvent<string>) => this.setPost(e.detail)}></ref-select>
            ${err('postId')}
            ${this.post ? html`<p class="hint">${named({ name: this.post.unitName, nameEn: this.post.unitNameEn })}${this.post.windowNo ? ` · ${this.post.windowNo}` : ''}</p>` : nothing}
          </fieldset>

          <fieldset>
            <legend>${t(m.links)}</legend>
            <div class="row">
              <div>
                <ref-select label=${t(common.approvalItem)} path="/approval-items" placeholder=${t(m.anyItem)}
                  .value=${d.approvalItemId} .query=${this.post ? { unitId: this.post.unitId } : {}}
                  @change=${(e: CustomEvent<string>) => this.setItem(e.detail)}></ref-select>
                ${err('approvalItemId')}
              </div>
              <label>${t(common.stage)}
                <select .value=${d.stage} aria-invalid=${this.aria('stage').invalid} aria-describedby="err-stage"
                  @change=${(e: Event) => this.set('stage', (e.target as HTMLSelectElement).value)}>
                  <option value="">${t(m.noneChosen)}</option>
                  ${stagesOffered.map((s) => html`<option value=${s} ?selected=${d.stage === s}>${t(stages[s] ?? common.stage)}</option>`)}
                </select>
                ${err('stage')}
              </label>
            </div>
            <div class="row">
              ${this.pointSelect(
                'riskPointId',
                t(fm.riskPoint),
                this.riskPoints?.map((p) => ({ ...p, text: p.description })) ?? null,
                (v) => this.setRiskPoint(v),
              )}
              ${this.pointSelect(
                'responsibilityPointId',
                t(fm.responsibilityPoint),
                this.dutyPoints?.map((p) => ({ ...p, text: p.duty })) ?? null,
                (v) => this.setDutyPoint(v),
              )}
            </div>
            <ref-select label=${t(fm.standard)} path="/standards" placeholder=${t(m.standardHint)} .value=${d.standardId}
              .query=${{ level: 4 }} @change=${(e: CustomEvent<string>) => this.set('standardId', e.detail)}></ref-select>
            ${err('standardId')}
          </fieldset>

          <fieldset aria-describedby="grade-hint err-grade">
            <legend>${t(common.grade)} <span class="req" aria-hidden="true">*</span></legend>
            <div class="choices">
              ${(['A', 'B', 'C'] as const).map(
                (g) => html`<label><input type="radio" name="grade" value=${g} .checked=${d.grade === g}
                  @change=${() => this.setGrade(g)} />${gradeChip(g)} ${t(grades[g] ?? common.grade)}</label>`,
              )}
            </div>
            <p class="hint" id="grade-hint">${t(m.gradeHint)}</p>
            ${err('grade')}
          </fieldset>

          ${this.preview()}

          <div class="actions">
            <button class="primary" type="submit" value="file" ?disabled=${this.form.busy}>
              ${this.form.busy ? t(m.submitting) : t(m.submit)}
            </button>
            <button type="submit" value="draft" ?disabled=${this.form.busy}>${t(m.saveDraft)}</button>
            <a href="/my-work">${t(m.cancel)}</a>
          </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'form-new-page': FormNewPage;
  }
}
