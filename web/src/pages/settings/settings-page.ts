import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SettingsPatch, type SettingsValues } from '../../../../server/settings/schema.ts';
import { api } from '../../api/client.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, type FieldErrors, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { common, grades, nav } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '改进记录表的整改期限和风险点的抽查频次按风险等级设定；预警卡规则决定何时亮黄牌。期限按法定工作日（含调休）计算。',
    en: 'Improvement form deadlines and risk point check frequencies are set per grade; the warning-card rule decides when a yellow card shows. Deadlines count statutory working days (with make-up workdays).',
  },
  perGrade: { 'zh-CN': '按风险等级', en: 'Per grade' },
  deadlineDays: { 'zh-CN': '整改期限（工作日）', en: 'Deadline (working days)' },
  checkFrequencyMonths: { 'zh-CN': '抽查频次（每几个月一次）', en: 'Check every (months)' },
  warningCards: { 'zh-CN': '预警卡', en: 'Warning cards' },
  yellowCardRatio: {
    'zh-CN': '黄牌：已用时限比例达到',
    en: 'Yellow card when this share of the time is used',
  },
  yellowCardDaysLeft: {
    'zh-CN': '黄牌：剩余工作日不多于',
    en: 'Yellow card when working days left are at most',
  },
  redCard: { 'zh-CN': '超过期限即亮红牌。', en: 'A red card shows once the deadline has passed.' },
  rule: {
    'zh-CN': '当已用时限达到 {ratio} 或仅剩 {days} 个工作日时亮黄牌。',
    en: 'A yellow card shows when {ratio} of the time is used or {days} working day(s) are left.',
  },
  yellowCardPercent: {
    'zh-CN': '黄牌：已用时限比例达到（%）',
    en: 'Yellow card when this share of the time is used (%)',
  },
  percent: { 'zh-CN': '{n}%', en: '{n}%' },
  ratioRange: {
    'zh-CN': '请输入 10 到 100 之间的整数（百分比）',
    en: 'Enter a whole percentage from 10 to 100',
  },
  workingDays: { 'zh-CN': '{n} 个工作日', en: '{n} working day(s)' },
  inspections: { 'zh-CN': '督查抽查', en: 'Inspections' },
  recheckAfterDays: {
    'zh-CN': '整改复查：记录关闭后第几天复查',
    en: 'Re-check a closed form’s fix after (days)',
  },
  recheckRule: {
    'zh-CN': '改进记录关闭 {days} 天后，督查人员复查整改是否持续有效；复查未通过将重新打开记录。',
    en: '{days} days after a form is closed, a supervisor checks that its fix still holds; a failed re-check reopens the form.',
  },
  days: { 'zh-CN': '{n} 天', en: '{n} day(s)' },
  edit: { 'zh-CN': '修改设置', en: 'Change settings' },
  readOnly: { 'zh-CN': '只有管理员可以修改设置。', en: 'Only administrators can change the settings.' },
});

const GRADES = ['A', 'B', 'C'] as const;
type Settings = SettingsValues & { version: number };
type Draft = {
  deadlineDays: Record<(typeof GRADES)[number], string>;
  checkFrequencyMonths: Record<(typeof GRADES)[number], string>;
  yellowCardPercent: string;
  yellowCardDaysLeft: string;
  recheckAfterDays: string;
};
const FIELDS = [
  ...GRADES.map((g) => `deadlineDays.${g}`),
  ...GRADES.map((g) => `checkFrequencyMonths.${g}`),
  'yellowCardRatio',
  'yellowCardDaysLeft',
  'recheckAfterDays',
];

const toDraft = (s: Settings): Draft => ({
  deadlineDays: { A: String(s.deadlineDays.A), B: String(s.deadlineDays.B), C: String(s.deadlineDays.C) },
  checkFrequencyMonths: {
    A: String(s.checkFrequencyMonths.A),
    B: String(s.checkFrequencyMonths.B),
    C: String(s.checkFrequencyMonths.C),
  },
  yellowCardPercent: String(Math.round(s.yellowCardRatio * 100)),
  yellowCardDaysLeft: String(s.yellowCardDaysLeft),
  recheckAfterDays: String(s.recheckAfterDays),
});

/** A number typed into a field, or undefined when left empty (so validation says "required"). */
const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

/** Settings (系统设置): deadlines and check frequency per grade, warning-card thresholds; admins change them. */
@customElement('settings-page')
export class SettingsPage extends LitElement {
  static override styles = [
    base,
    css`
      table.grades { max-width: 44rem; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      td input { width: 6rem; text-align: right; }
      .field-error { display: block; font-size: 0.85rem; text-align: left; }
      .thresholds { display: flex; flex-wrap: wrap; gap: 1rem; }
      .thresholds label { flex: 1 1 16rem; max-width: 22rem; }
      .actions { display: flex; gap: 0.5rem; }
    `,
  ];

  @property({ type: Boolean }) canEdit = false;
  @state() private etag: string | null = null;
  @state() private draft: Draft | null = null;
  @state() private status = '';
  private readonly form = new FormState(this, FIELDS, {
    fullPath: true,
    adjust: (errors) => this.withRatioMessage(errors),
  });
  private readonly i18n = new LocaleController(this);

  private readonly settings = new Task(this, {
    task: async () => {
      const { body, etag } = await api.getWithETag<Settings>('/settings');
      this.etag = etag;
      return body;
    },
    args: () => [],
  });

  private startEdit(s: Settings) {
    this.draft = toDraft(s);
    this.form.reset();
    this.status = '';
  }

  /** Only the settings that changed are sent. */
  private changes(s: Settings, d: Draft): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const perGrade = (v: Record<string, string>) => ({
      A: num(v.A ?? ''),
      B: num(v.B ?? ''),
      C: num(v.C ?? ''),
    });
    const deadlineDays = perGrade(d.deadlineDays);
    const checkFrequencyMonths = perGrade(d.checkFrequencyMonths);
    const percent = num(d.yellowCardPercent);
    const yellowCardRatio =
      percent === undefined ? undefined : Math.round(percent) === percent ? percent / 100 : Number.NaN;
    const yellowCardDaysLeft = num(d.yellowCardDaysLeft);
    if (GRADES.some((g) => deadlineDays[g] !== s.deadlineDays[g])) out.deadlineDays = deadlineDays;
    if (GRADES.some((g) => checkFrequencyMonths[g] !== s.checkFrequencyMonths[g]))
      out.checkFrequencyMonths = checkFrequencyMonths;
    if (yellowCardRatio !== s.yellowCardRatio) out.yellowCardRatio = yellowCardRatio;
    if (yellowCardDaysLeft !== s.yellowCardDaysLeft) out.yellowCardDaysLeft = yellowCardDaysLeft;
    const recheckAfterDays = num(d.recheckAfterDays);
    if (recheckAfterDays !== s.recheckAfterDays) out.recheckAfterDays = recheckAfterDays;
    return out;
  }

  private async save(e: SubmitEvent, s: Settings) {
    e.preventDefault();
    if (!this.draft) return;
    this.form.reset();
    const parsed = SettingsPatch.safeParse(this.changes(s, this.draft));
    if (!parsed.success) {
      this.form.invalid(zodFieldErrors(parsed.error.issues, { fullPath: true }));
      return;
    }
    if (Object.keys(parsed.data).length === 0) {
      this.draft = null;
      return;
    }
    await this.form.submit(async () => {
      await api.patch<Settings>('/settings', parsed.data, this.etag);
      this.draft = null;
      await this.settings.run();
      this.status = t(common.saved);
    });
  }

  /** The ratio is typed as a percentage, so its error speaks in percent. */
  private withRatioMessage(errors: FieldErrors): FieldErrors {
    return errors.yellowCardRatio ? { ...errors, yellowCardRatio: t(m.ratioRange) } : errors;
  }

  private cell(group: 'deadlineDays' | 'checkFrequencyMonths', grade: (typeof GRADES)[number], s: Settings) {
    const d = this.draft;
    if (!d) return html`<td class="num">${formatNumber(s[group][grade])}</td>`;
    const id = `${group}-${grade}`;
    const key = `${group}.${grade}`;
    const [min, max] = group === 'deadlineDays' ? [1, 120] : [1, 24];
    return html`<td class="num">
      <label for=${id} class="visually-hidden">${enumLabel(grades, grade)}: ${t(m[group])}</label>
      <input id=${id} type="number" inputmode="numeric" min=${min} max=${max} step="1" .value=${d[group][grade]}
        aria-invalid=${this.form.errors[key] ? 'true' : 'false'} aria-describedby="err-${id}"
        @input=${(e: Event) => {
          const value = (e.target as HTMLInputElement).value;
          this.draft = { ...d, [group]: { ...d[group], [grade]: value } };
        }} />
      ${fieldError(this.form.errors, key, `err-${id}`)}
    </td>`;
  }

  private view(s: Settings) {
    const d = this.draft;
    const labels: Record<string, string> = {
      yellowCardRatio: t(m.yellowCardRatio),
      yellowCardDaysLeft: t(m.yellowCardDaysLeft),
      recheckAfterDays: t(m.recheckAfterDays),
    };
    for (const g of GRADES) {
      labels[`deadlineDays.${g}`] = `${enumLabel(grades, g)}: ${t(m.deadlineDays)}`;
      labels[`checkFrequencyMonths.${g}`] = `${enumLabel(grades, g)}: ${t(m.checkFrequencyMonths)}`;
    }
    const body = html`
      ${d ? errorSummary(this.form.errors, labels, this.form.message) : ''}
      <h2>${t(m.perGrade)}</h2>
      <div class="table-wrap">
        <table class="grades">
          <caption class="visually-hidden">${t(m.perGrade)}</caption>
          <thead><tr>
            <th scope="col">${t(common.grade)}</th>
            <th scope="col" class="num">${t(m.deadlineDays)}</th>
            <th scope="col" class="num">${t(m.checkFrequencyMonths)}</th>
          </tr></thead>
          <tbody>${GRADES.map(
            (g) => html`<tr>
              <th scope="row"><span class="chip grade-${g}">${enumLabel(grades, g)}</span></th>
              ${this.cell('deadlineDays', g, s)} ${this.cell('checkFrequencyMonths', g, s)}
            </tr>`,
          )}</tbody>
        </table>
      </div>
      <h2>${t(m.warningCards)}</h2>
      ${
        d
          ? html`<div class="thresholds">
            <label>${t(m.yellowCardPercent)}
              <input type="number" inputmode="numeric" min="10" max="100" step="1" .value=${d.yellowCardPercent}
                aria-invalid=${this.form.errors.yellowCardRatio ? 'true' : 'false'} aria-describedby="err-ratio"
                @input=${(e: Event) => (this.draft = { ...d, yellowCardPercent: (e.target as HTMLInputElement).value })} />
              ${fieldError(this.form.errors, 'yellowCardRatio', 'err-ratio')}
            </label>
            <label>${t(m.yellowCardDaysLeft)}
              <input type="number" inputmode="numeric" min="0" max="30" step="1" .value=${d.yellowCardDaysLeft}
                aria-invalid=${this.form.errors.yellowCardDaysLeft ? 'true' : 'false'} aria-describedby="err-days"
                @input=${(e: Event) => (this.draft = { ...d, yellowCardDaysLeft: (e.target as HTMLInputElement).value })} />
              ${fieldError(this.form.errors, 'yellowCardDaysLeft', 'err-days')}
            </label>
          </div>`
          : html`<div class="card">
            <dl class="fields">
              <dt>${t(m.yellowCardRatio)}</dt><dd>${t(m.percent, { n: formatNumber(Math.round(s.yellowCardRatio * 100)) })}</dd>
              <dt>${t(m.yellowCardDaysLeft)}</dt><dd>${t(m.workingDays, { n: formatNumber(s.yellowCardDaysLeft) })}</dd>
            </dl>
            <p>${t(m.rule, { ratio: t(m.percent, { n: Math.round(s.yellowCardRatio * 100) }), days: s.yellowCardDaysLeft })} ${t(m.redCard)}</p>
          </div>`
      }
      <h2>${t(m.inspections)}</h2>
      ${
        d
          ? html`<div class="thresholds">
            <label>${t(m.recheckAfterDays)}
              <input type="number" inputmode="numeric" min="1" max="365" step="1" .value=${d.recheckAfterDays}
                aria-invalid=${this.form.errors.recheckAfterDays ? 'true' : 'false'} aria-describedby="err-recheck"
                @input=${(e: Event) => (this.draft = { ...d, recheckAfterDays: (e.target as HTMLInputElement).value })} />
              ${fieldError(this.form.errors, 'recheckAfterDays', 'err-recheck')}
            </label>
          </div>`
          : html`<div class="card">
            <dl class="fields">
              <dt>${t(m.recheckAfterDays)}</dt><dd>${t(m.days, { n: formatNumber(s.recheckAfterDays) })}</dd>
            </dl>
            <p>${t(m.recheckRule, { days: formatNumber(s.recheckAfterDays) })}</p>
          </div>`
      }
    `;
    if (!d) {
      return html`${body}
        ${
          this.canEdit
            ? html`<p><button class="primary" @click=${() => this.startEdit(s)}>${t(m.edit)}</button></p>`
            : html`<p class="muted">${t(m.readOnly)}</p>`
        }`;
    }
    return html`<form @submit=${(e: SubmitEvent) => this.save(e, s)} novalidate aria-label=${t(m.edit)}>
      ${body}
      <p class="actions">
        <button type="submit" class="primary" ?disabled=${this.form.busy}>${t(common.save)}</button>
        <button type="button" @click=${() => (this.draft = null)}>${t(common.cancel)}</button>
      </p>
    </form>`;
  }

  override render() {
    return html`
      <h1>${t(nav.settings)}</h1>
      <p class="muted">${t(m.intro)}</p>
      <p role="status" aria-live="polite">${this.status}</p>
      ${this.settings.render({
        pending: () =>
          this.settings.value ? this.view(this.settings.value) : html`<p>${t(common.loading)}</p>`,
        error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
        complete: (s) => this.view(s),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-page': SettingsPage;
  }
}
