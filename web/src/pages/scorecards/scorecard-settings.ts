import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SettingsPatch, type SettingsValues } from '../../../../server/settings/schema.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, type FieldErrors, zodFieldErrors } from '../../components/form-errors.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { bandLabels, scorecardMessages as sm } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '月度考评规则', en: 'Monthly scorecard rules' },
  help: {
    'zh-CN': '每个岗位每月从 100 分起算。修改只影响未结转的月份：已结转的月份按当时的规则冻结。',
    en: 'Each post starts a month at 100. Changes apply to months not yet closed: a closed month keeps the rules it was scored by.',
  },
  overduePerWorkingDay: { 'zh-CN': '记录超期，每个工作日', en: 'Form overdue, per working day' },
  failedCheck: { 'zh-CN': '督查不合格（{grade} 级风险点）', en: 'Failed spot check (grade {grade} point)' },
  validComplaint: { 'zh-CN': '每条有效投诉', en: 'Per valid complaint' },
  reopened: { 'zh-CN': '每次关闭后重新打开', en: 'Per reopening after closure' },
  bands: { 'zh-CN': '等次下限（含）', en: 'Lowest score of each band' },
  failBelow: { 'zh-CN': '低于“合格”下限为不合格', en: 'Below the pass mark fails' },
  edit: { 'zh-CN': '修改考评规则', en: 'Change the scorecard rules' },
});

type Rules = SettingsValues['scorecardRules'];
type Bands = SettingsValues['scoreBands'];
const BAND_KEYS = ['excellent', 'good', 'pass'] as const;

/**
 * The scorecard part of the settings: the points each cause takes off and the bands' thresholds, each with a
 * default; admins change them (validated by the shared settings schema).
 *
 * @fires saved - after a change was saved (the settings' version moved on)
 */
@customElement('scorecard-settings')
export class ScorecardSettings extends LitElement {
  static override styles = [
    base,
    css`
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      td input { width: 6rem; text-align: right; }
      table { max-width: 40rem; }
    `,
  ];

  @property({ type: Boolean }) canEdit = false;
  @state() private draft: Record<string, string> | null = null;
  @state() private errors: FieldErrors = {};
  @state() private failure: unknown = null;
  private etag: string | null = null;
  private readonly i18n = new LocaleController(this);
  private readonly settings = new Task(this, {
    task: async () => {
      const { body, etag } = await api.getWithETag<SettingsValues>('/settings');
      this.etag = etag;
      return body;
    },
    args: () => [],
  });

  private flat(r: Rules, b: Bands): Record<string, string> {
    const out: Record<string, string> = {
      'scorecardRules.overduePerWorkingDay': String(r.overduePerWorkingDay),
      'scorecardRules.validComplaint': String(r.validComplaint),
      'scorecardRules.reopened': String(r.reopened),
    };
    for (const g of ['A', 'B', 'C'] as const)
      out[`scorecardRules.failedCheck.${g}`] = String(r.failedCheck[g]);
    for (const k of BAND_KEYS) out[`scoreBands.${k}`] = String(b[k]);
    return out;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const d = this.draft;
    if (!d) return;
    const n = (k: string) => (d[k]?.trim() ? Number(d[k]) : undefined);
    const rule = (k: string) => n(`scorecardRules.${k}`);
    const patch = {
      scorecardRules: {
        overduePerWorkingDay: rule('overduePerWorkingDay'),
        failedCheck: { A: rule('failedCheck.A'), B: rule('failedCheck.B'), C: rule('failedCheck.C') },
        validComplaint: rule('validComplaint'),
        reopened: rule('reopened'),
      },
      scoreBands: {
        excellent: n('scoreBands.excellent'),
        good: n('scoreBands.good'),
        pass: n('scoreBands.pass'),
      },
    };
    const parsed = SettingsPatch.safeParse(patch);
    if (!parsed.success) {
      this.errors = zodFieldErrors(parsed.error.issues, { fullPath: true });
      return;
    }
    this.errors = {};
    try {
      await api.patch('/settings', parsed.data, this.etag);
      this.draft = null;
      await this.settings.run();
      this.dispatchEvent(new CustomEvent('saved', { bubbles: true, composed: true }));
    } catch (err) {
      this.failure = err;
    }
  }

  private cell(key: string, value: number, label: string) {
    const d = this.draft;
    if (!d) return html`<td class="num">${formatNumber(value)}</td>`;
    return html`<td class="num"><input type="number" inputmode="numeric" min="0" max="100" step="1" .value=${d[key] ?? ''}
      aria-label=${label} aria-invalid=${this.errors[key] ? 'true' : 'false'}
      @input=${(e: Event) => (this.draft = { ...d, [key]: (e.target as HTMLInputElement).value })} /></td>`;
  }

  private view(s: SettingsValues) {
    const r = s.scorecardRules;
    const b = s.scoreBands;
    const rows: [string, string, number][] = [
      ['scorecardRules.overduePerWorkingDay', t(m.overduePerWorkingDay), r.overduePerWorkingDay],
      ...(['A', 'B', 'C'] as const).map((g): [string, string, number] => [
        `scorecardRules.failedCheck.${g}`,
        t(m.failedCheck, { grade: g }),
        r.failedCheck[g],
      ]),
      ['scorecardRules.validComplaint', t(m.validComplaint), r.validComplaint],
      ['scorecardRules.reopened', t(m.reopened), r.reopened],
    ];
    const labels = Object.fromEntries([
      ...rows.map(([k, label]) => [k, label]),
      ...BAND_KEYS.map((k) => [`scoreBands.${k}`, t(bandLabels[k])]),
      ['scoreBands', t(m.bands)],
    ]);
    const table = html`
      ${errorSummary(this.errors, labels)}
      <table data-testid="scorecard-rules">
        <caption class="visually-hidden">${t(m.title)}</caption>
        <thead><tr><th scope="col">${t(sm.cause)}</th><th scope="col" class="num">${t(sm.points)}</th></tr></thead>
        <tbody>${rows.map(([k, label, v]) => html`<tr><th scope="row">${label}</th>${this.cell(k, v, label)}</tr>`)}</tbody>
      </table>
      <h3>${t(m.bands)}</h3>
      <table data-testid="score-bands">
        <tbody>${BAND_KEYS.map((k) => html`<tr><th scope="row">${t(bandLabels[k])}</th>${this.cell(`scoreBands.${k}`, b[k], t(bandLabels[k]))}</tr>`)}</tbody>
      </table>
      <p class="muted">${t(m.failBelow)}</p>
      ${this.failure ? html`<p class="error" role="alert">${errorMessage(this.failure)}</p>` : nothing}`;
    if (this.draft) {
      return html`<form @submit=${this.save} novalidate aria-label=${t(m.edit)}>${table}
        <p><button type="submit" class="primary">${t(common.save)}</button>
          <button type="button" @click=${() => (this.draft = null)}>${t(common.cancel)}</button></p></form>`;
    }
    return html`${table}${
      this.canEdit
        ? html`<p><button @click=${() => (this.draft = this.flat(r, b))}>${t(m.edit)}</button></p>`
        : nothing
    }`;
  }

  override render() {
    return html`<h2>${t(m.title)}</h2>
      <p class="muted">${t(m.help)}</p>
      ${this.settings.render({
        pending: () =>
          this.settings.value ? this.view(this.settings.value) : html`<p>${t(common.loading)}</p>`,
        error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
        complete: (s) => this.view(s),
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scorecard-settings': ScorecardSettings;
  }
}
