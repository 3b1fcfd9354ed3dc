import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MailTemplates, SettingsPatch, type SettingsValues } from '../../../../server/settings/schema.ts';
import { api } from '../../api/client.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, type FieldErrors, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { common, grades, nav } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { templateLabels } from '../mail/labels.ts';
import '../scorecards/scorecard-settings.ts';

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
  mail: { 'zh-CN': '邮件通知', en: 'Email' },
  escalateAfterWorkingDays: {
    'zh-CN': '超期多少个工作日后上报分管领导',
    en: 'Tell the leader in charge once a form is overdue by (working days)',
  },
  escalateHelp: {
    'zh-CN': '每日提醒中，超期超过此天数的记录会同时发给岗位的分管领导。',
    en: 'In the daily reminders, a form overdue by more than this also goes to the leader in charge of its post.',
  },
  digestReminderWorkingDays: {
    'zh-CN': '月度汇总未确认阅读时，几个工作日后提醒',
    en: 'Remind about an unread monthly digest after (working days)',
  },
  digestReminderHelp: {
    'zh-CN': '月度汇总发出后仍未点击“我已阅读”的人，在此天数后收到一次提醒。',
    en: 'Anyone who has not pressed “I have read this” by then gets one reminder.',
  },
  mandatoryMail: { 'zh-CN': '必须接收的邮件', en: 'Messages everyone must get' },
  mandatoryHelp: {
    'zh-CN': '勾选的邮件任何人都不能关闭；未勾选的，每个人可在“邮件通知设置”中自行选择。',
    en: 'Nobody can turn off a ticked message; each person chooses the others in their mail preferences.',
  },
  mandatoryNone: { 'zh-CN': '无（每个人都可自行选择）', en: 'None (everyone chooses)' },
  optional: {
    'zh-CN': '其余的由每个人在“邮件通知设置”中自行选择：{list}。',
    en: 'Each person chooses the others in their mail preferences: {list}.',
  },
  allMandatory: {
    'zh-CN': '所有邮件都必须接收，任何人都不能关闭。',
    en: 'Every message is required; nobody can turn one off.',
  },
  reminderCron: { 'zh-CN': '每日提醒的发送时间（cron）', en: 'When the daily reminders go out (cron)' },
  reminderCronHelp: {
    'zh-CN': '五个字段：分 时 日 月 星期，按中心所在时区；只在工作日发送。例如 30 8 * * * 表示每天 8:30。',
    en: 'Five fields: minute hour day month weekday, in the centre’s time zone; sent on working days only. 30 8 * * * is 08:30 every day.',
  },
  digestCron: { 'zh-CN': '月度汇总的发送时间（cron）', en: 'When the monthly digest goes out (cron)' },
  digestCronHelp: {
    'zh-CN': '同样是五个字段，发送上个月的汇总。例如 0 8 1 * * 表示每月 1 日 8:00。',
    en: 'The same five fields; it sends the month before’s digest. 0 8 1 * * is 08:00 on the 1st of every month.',
  },
  cronMessage: {
    'zh-CN': '请输入五个字段的 cron 表达式，如 30 8 * * *',
    en: 'Enter a cron expression of five fields, such as 30 8 * * *',
  },
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
  escalateAfterWorkingDays: string;
  digestReminderWorkingDays: string;
  mandatoryMail: MailTemplate[];
  reminderCron: string;
  digestCron: string;
};
type MailTemplate = SettingsValues['mandatoryMail'][number];
/** The plain settings edited as one number or text field each. */
type SimpleField =
  | 'recheckAfterDays'
  | 'escalateAfterWorkingDays'
  | 'digestReminderWorkingDays'
  | 'reminderCron'
  | 'digestCron';
const FIELDS = [
  ...GRADES.map((g) => `deadlineDays.${g}`),
  ...GRADES.map((g) => `checkFrequencyMonths.${g}`),
  'yellowCardRatio',
  'yellowCardDaysLeft',
  'recheckAfterDays',
  'escalateAfterWorkingDays',
  'digestReminderWorkingDays',
  'mandatoryMail',
  'reminderCron',
  'digestCron',
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
  escalateAfterWorkingDays: String(s.escalateAfterWorkingDays),
  digestReminderWorkingDays: String(s.digestReminderWorkingDays),
  mandatoryMail: [...s.mandatoryMail],
  reminderCron: s.reminderCron,
  digestCron: s.digestCron,
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
      .help { font-size: 0.85rem; color: var(--c-muted); font-weight: normal; }
      dl.fields dd .help { margin-top: 0.15rem; }
      .code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }
      .thresholds + .thresholds, .thresholds + fieldset, fieldset + .thresholds { margin-top: 1rem; }
      fieldset.mandatory { border: 1px solid var(--c-border); border-radius: var(--radius); padding: 0.5rem 1rem 0.75rem; max-width: 46rem; }
      fieldset.mandatory legend { font-size: 0.9rem; color: var(--c-muted); padding: 0 0.25rem; }
      fieldset.mandatory p.help { margin: 0 0 0.5rem; }
      label.check { flex-direction: row; align-items: center; gap: 0.5rem; color: var(--c-text); font-size: 0.95rem; padding: 0.15rem 0; }
      label.check input { min-height: 0; width: 1.1rem; height: 1.1rem; }
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
    for (const key of [
      'recheckAfterDays',
      'escalateAfterWorkingDays',
      'digestReminderWorkingDays',
    ] as const) {
      const value = num(d[key]);
      if (value !== s[key]) out[key] = value;
    }
    for (const key of ['reminderCron', 'digestCron'] as const) {
      if (d[key].trim() !== s[key]) out[key] = d[key];
    }
    // In the order the templates are listed, so an unchanged choice compares equal.
    const mandatoryMail = MailTemplates.filter((x) => d.mandatoryMail.includes(x));
    if (mandatoryMail.join() !== MailTemplates.filter((x) => s.mandatoryMail.includes(x)).join())
      out.mandatoryMail = mandatoryMail;
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
    const out: FieldErrors = { ...errors };
    if (out.yellowCardRatio) out.yellowCardRatio = t(m.ratioRange);
    // A cron expression's own message (English, from the shared schema) said in the reader's language.
    for (const key of ['reminderCron', 'digestCron']) if (out[key]) out[key] = t(m.cronMessage);
    return out;
  }

  /** One plain setting as a labelled field with its help text and its error: a number, or a cron expression. */
  private simpleField(d: Draft, key: SimpleField, label: string, help = '') {
    const cron = key === 'reminderCron' || key === 'digestCron';
    const max = { recheckAfterDays: 365, escalateAfterWorkingDays: 60, digestReminderWorkingDays: 30 }[
      key as string
    ];
    const input = (e: Event) => (this.draft = { ...d, [key]: (e.target as HTMLInputElement).value });
    const described = `err-${key}${help ? ` help-${key}` : ''}`;
    const invalid = this.form.errors[key] ? 'true' : 'false';
    return html`<label>${label}
      ${
        cron
          ? html`<input type="text" class="code" autocomplete="off" spellcheck="false" .value=${d[key]}
              aria-invalid=${invalid} aria-describedby=${described} @input=${input} />`
          : html`<input type="number" inputmode="numeric" min="1" max=${max ?? 365} step="1" .value=${d[key]}
              aria-invalid=${invalid} aria-describedby=${described} @input=${input} />`
      }
      ${help ? html`<span class="help" id="help-${key}">${help}</span>` : nothing}
      ${fieldError(this.form.errors, key, `err-${key}`)}
    </label>`;
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

  /** The mail settings as they are, each with what it does. */
  private mailSettings(s: Settings) {
    const names = (list: readonly string[]) => list.map((x) => enumLabel(templateLabels, x)).join('、');
    const optional = MailTemplates.filter((x) => !s.mandatoryMail.includes(x));
    return html`<div class="card mail-settings">
      <dl class="fields">
        <dt>${t(m.escalateAfterWorkingDays)}</dt>
        <dd>${t(m.workingDays, { n: formatNumber(s.escalateAfterWorkingDays) })}<div class="help">${t(m.escalateHelp)}</div></dd>
        <dt>${t(m.digestReminderWorkingDays)}</dt>
        <dd>${t(m.workingDays, { n: formatNumber(s.digestReminderWorkingDays) })}<div class="help">${t(m.digestReminderHelp)}</div></dd>
        <dt>${t(m.mandatoryMail)}</dt>
        <dd>${s.mandatoryMail.length ? names(s.mandatoryMail) : t(m.mandatoryNone)}
          <div class="help">${optional.length ? t(m.optional, { list: names(optional) }) : t(m.allMandatory)}</div></dd>
        <dt>${t(m.reminderCron)}</dt>
        <dd><code class="code">${s.reminderCron}</code><div class="help">${t(m.reminderCronHelp)}</div></dd>
        <dt>${t(m.digestCron)}</dt>
        <dd><code class="code">${s.digestCron}</code><div class="help">${t(m.digestCronHelp)}</div></dd>
      </dl>
    </div>`;
  }

  /** The mail settings being edited. */
  private mailFields(d: Draft) {
    const mandatory = (template: MailTemplate, on: boolean) => {
      const rest = d.mandatoryMail.filter((x) => x !== template);
      this.draft = { ...d, mandatoryMail: on ? [...rest, template] : rest };
    };
    return html`<div class="thresholds">
        ${this.simpleField(d, 'escalateAfterWorkingDays', t(m.escalateAfterWorkingDays), t(m.escalateHelp))}
        ${this.simpleField(d, 'digestReminderWorkingDays', t(m.digestReminderWorkingDays), t(m.digestReminderHelp))}
      </div>
      <fieldset class="mandatory" aria-describedby="help-mandatoryMail err-mandatoryMail">
        <legend>${t(m.mandatoryMail)}</legend>
        <p class="help" id="help-mandatoryMail">${t(m.mandatoryHelp)}</p>
        ${MailTemplates.map(
          (x) => html`<label class="check"><input type="checkbox" name="mandatoryMail" value=${x}
              .checked=${d.mandatoryMail.includes(x)} @change=${(e: Event) => mandatory(x, (e.target as HTMLInputElement).checked)} />
            ${enumLabel(templateLabels, x)}</label>`,
        )}
        ${fieldError(this.form.errors, 'mandatoryMail', 'err-mandatoryMail')}
      </fieldset>
      <div class="thresholds">
        ${this.simpleField(d, 'reminderCron', t(m.reminderCron), t(m.reminderCronHelp))}
        ${this.simpleField(d, 'digestCron', t(m.digestCron), t(m.digestCronHelp))}
      </div>`;
  }

  private view(s: Settings) {
    const d = this.draft;
    const labels: Record<string, string> = {
      yellowCardRatio: t(m.yellowCardRatio),
      yellowCardDaysLeft: t(m.yellowCardDaysLeft),
      recheckAfterDays: t(m.recheckAfterDays),
      escalateAfterWorkingDays: t(m.escalateAfterWorkingDays),
      digestReminderWorkingDays: t(m.digestReminderWorkingDays),
      mandatoryMail: t(m.mandatoryMail),
      reminderCron: t(m.reminderCron),
      digestCron: t(m.digestCron),
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
          ? html`<div class="thresholds">${this.simpleField(d, 'recheckAfterDays', t(m.recheckAfterDays))}</div>`
          : html`<div class="card">
            <dl class="fields">
              <dt>${t(m.recheckAfterDays)}</dt><dd>${t(m.days, { n: formatNumber(s.recheckAfterDays) })}</dd>
            </dl>
            <p>${t(m.recheckRule, { days: formatNumber(s.recheckAfterDays) })}</p>
          </div>`
      }
      <h2>${t(m.mail)}</h2>
      ${d ? this.mailFields(d) : this.mailSettings(s)}
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
      <scorecard-settings .canEdit=${this.canEdit} @saved=${() => this.settings.run()}></scorecard-settings>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-page': SettingsPage;
  }
}
