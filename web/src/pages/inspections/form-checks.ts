import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.ts';
import type { InspectionView } from '../../api/inspections.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { dataTable } from '../../components/list-table.ts';
import { defineMessages, formatDate, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { formChipStyles } from '../forms/parts.ts';
import { methodLabels } from './labels.ts';
import { inspectionMessages as im } from './messages.ts';
import { checkHead, checkRow, inspectionStyles } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '督查检查', en: 'Spot checks' },
  openedBy: {
    'zh-CN': '本表由 {date} {inspector} 的{method}（未通过）生成：',
    en: 'Opened by a failed check ({method}) by {inspector} on {date}:',
  },
  rechecks: { 'zh-CN': '整改复查', en: 'Re-checks' },
  noRechecks: { 'zh-CN': '尚未复查。', en: 'Not re-checked yet.' },
  reopenedBy: {
    'zh-CN': '最近一次复查未通过，本表已被重新打开。',
    en: 'The latest re-check failed: this form was reopened.',
  },
});

/**
 * A form's checks: the failed check that opened it (when one did) and the effectiveness re-checks of its fix,
 * with "record a re-check" for supervisors once it is closed. Shows nothing for a form no check touches.
 */
@customElement('form-checks')
export class FormChecks extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    inspectionStyles,
    css`
      :host { display: block; }
      h2 { margin-top: 0; }
      h3 { margin: 0.75rem 0 0.25rem; }
      .reopened { border: 1px solid var(--c-danger); background: #fff5f5; color: #8a1c12; border-radius: var(--radius); padding: 0.4rem 0.75rem; }
    `,
  ];

  @property({ type: Number }) formId = 0;
  /** The form is closed and the person may re-check it (a supervisor): offer "record a re-check". */
  @property({ type: Boolean }) canRecheck = false;
  private readonly i18n = new LocaleController(this);

  private readonly checks = new Task(this, {
    task: async ([formId]) => {
      const [opening, rechecks] = await Promise.all([
        api.list<InspectionView>('/inspections', { formId, limit: 1 }),
        api.list<InspectionView>('/inspections', { recheckOf: formId, limit: 100 }),
      ]);
      return { opening: opening.items[0] ?? null, rechecks: rechecks.items };
    },
    args: () => [this.formId] as const,
  });

  /** Loads the checks again (after the form moved). */
  reload() {
    return this.checks.run();
  }

  override render() {
    return this.checks.render({
      pending: () => nothing,
      error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
      complete: ({ opening, rechecks }) => {
        if (!opening && !rechecks.length && !this.canRecheck) return nothing;
        const latest = rechecks[0];
        return html`<section class="card" aria-labelledby="s-checks" data-testid="form-checks">
          <h2 id="s-checks">${t(m.title)}</h2>
          ${
            opening
              ? html`<p data-testid="opened-by">${t(m.openedBy, {
                  date: formatDate(opening.checkedOn),
                  inspector: named(opening.inspector),
                  method: enumLabel(methodLabels, opening.method),
                })}
                <a href="/inspections/${opening.id}">${t(im.checkNumber, { id: opening.id })}</a></p>`
              : nothing
          }
          ${
            rechecks.length || this.canRecheck
              ? html`<h3>${t(m.rechecks)}</h3>
                ${latest?.result === 'fail' ? html`<p class="reopened" role="note">${t(m.reopenedBy)}</p>` : nothing}
                ${
                  rechecks.length
                    ? dataTable(t(m.rechecks), checkHead(false), rechecks, (i) => checkRow(i, false))
                    : html`<p class="muted">${t(m.noRechecks)}</p>`
                }`
              : nothing
          }
          ${
            this.canRecheck
              ? html`<p><a class="button" href="/inspections/new?recheckOf=${this.formId}">${t(im.recordRecheck)}</a></p>`
              : nothing
          }
        </section>`;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'form-checks': FormChecks;
  }
}
