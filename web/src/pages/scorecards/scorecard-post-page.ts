import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type Deduction, type PostMonth, scorecardsApi } from '../../api/scorecards.ts';
import { errorMessage } from '../../components/error-message.ts';
import { dataTable } from '../../components/list-table.ts';
import { common } from '../../i18n/common.ts';
import {
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  LocaleController,
  named,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { gradeChip } from '../forms/parts.ts';
import {
  bandChip,
  changeText,
  deductionLabels,
  flagChip,
  scorecardMessages as m,
  scorecardStyles,
} from './parts.ts';

/**
 * A post's month: its score explained deduction by deduction, each linked to the form or check behind it,
 * and the adjustments made after the month closed with their reason and author. Admins and supervisors may
 * adjust a closed month (the server decides whose posts).
 */
@customElement('scorecard-post-page')
export class ScorecardPostPage extends LitElement {
  static override styles = [base, scorecardStyles];

  @property() month = '';
  @property({ type: Number }) postId = 0;
  @property({ type: Boolean }) canAdjust = false;
  @state() private view: PostMonth | null = null;
  @state() private error: unknown = null;
  @state() private saveError: unknown = null;
  private readonly i18n = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('month') || changed.has('postId')) void this.load();
  }

  private async load() {
    try {
      this.view = await scorecardsApi.post(this.month, this.postId);
    } catch (err) {
      this.error = err;
    }
  }

  private source(d: Deduction) {
    const form = d.formId
      ? html`<a href="/forms/${d.formId}" data-testid="deduction-form">${d.formNumber ?? `#${d.formId}`}</a>`
      : nothing;
    const check = d.inspectionId
      ? html`<a href="/inspections/${d.inspectionId}">${t(m.inspection, { id: d.inspectionId })}</a>`
      : nothing;
    return html`${check} ${form}`;
  }

  private async adjust(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.saveError = null;
    try {
      this.view = await scorecardsApi.adjust(this.month, this.postId, {
        points: Number(data.get('points')),
        reason: String(data.get('reason') ?? ''),
      });
      (e.target as HTMLFormElement).reset();
    } catch (err) {
      this.saveError = err;
    }
  }

  private body(v: PostMonth) {
    return html`
      <p class="muted" data-testid="month-state">${formatMonth(v.month)} ·
        ${v.closed && v.closedAt ? t(m.closedOn, { at: formatDateTime(v.closedAt) }) : t(m.live)}</p>
      <section class="card" data-testid="score">
        <p><strong class="big">${formatNumber(v.total)}</strong> ${bandChip(v.band)}
          ${v.flagged ? flagChip() : nothing}
          · ${t(m.change)} ${changeText(v.change)}${v.rank ? html` · ${t(m.rank)} ${v.rank}` : nothing}</p>
        ${v.adjustment ? html`<p>${t(m.frozenScore, { score: v.score, adjustment: v.adjustment, total: v.total })}</p>` : nothing}
        ${v.talkFlags.length ? html`<p>${t(m.talkMonths, { months: v.talkFlags.map(formatMonth).join('、') })}</p>` : nothing}
      </section>
      <h2>${t(m.deductions)}</h2>
      ${
        v.deductions.length
          ? dataTable(
              t(m.deductions),
              html`<th scope="col">${t(m.cause)}</th><th scope="col">${t(m.source)}</th>
                <th scope="col">${t(common.grade)}</th><th scope="col" class="hide-narrow">${t(m.onDate)}</th>
                <th scope="col" class="num">${t(m.points)}</th>`,
              v.deductions,
              (d) => html`<tr data-kind=${d.kind}>
                <td>${t(deductionLabels[d.kind])}${d.days ? html` · ${t(m.overdueDays, { days: d.days })}` : nothing}</td>
                <td>${this.source(d)}</td>
                <td>${d.grade ? gradeChip(d.grade) : '—'}</td>
                <td class="hide-narrow">${d.onDate ? formatDate(d.onDate) : '—'}</td>
                <td class="num">−${formatNumber(d.points)}</td>
              </tr>`,
            )
          : html`<p class="muted">${t(m.noDeductions)}</p>`
      }
      <h2>${t(m.adjustments)}</h2>
      ${
        v.adjustments.length
          ? html`<ul data-testid="adjustments">${v.adjustments.map(
              (a) => html`<li><strong>${a.points > 0 ? '+' : ''}${a.points}</strong> ${a.reason}
                <span class="muted">(${t(m.by, { name: named(a.author), at: formatDateTime(a.createdAt) })})</span></li>`,
            )}</ul>`
          : html`<p class="muted">${t(m.noAdjustments)}</p>`
      }
      ${
        v.closed && this.canAdjust
          ? html`<form class="card" @submit=${this.adjust}>
              <h3>${t(m.adjust)}</h3>
              <label>${t(m.adjustPoints)} <input name="points" type="number" min="-100" max="100" step="1" required /></label>
              <label>${t(m.reason)} <input name="reason" maxlength="500" required /></label>
              <button class="primary" type="submit">${t(m.save)}</button>
              ${this.saveError ? html`<p class="error" role="alert">${errorMessage(this.saveError)}</p>` : nothing}
            </form>`
          : nothing
      }
    `;
  }

  override render() {
    const v = this.view;
    return html`
      <p><a href="/scorecards?month=${this.month}">${t(m.backToRanking)}</a></p>
      <h1>${v ? html`<a href="/posts/${v.postId}">${v.code} ${named(v)}</a>` : t(m.title)}</h1>
      ${v ? html`<p class="muted">${named({ name: v.unitName, nameEn: v.unitNameEn })}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${v ? this.body(v) : this.error ? nothing : html`<p class="muted" role="status">${t(common.loading)}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scorecard-post-page': ScorecardPostPage;
  }
}
