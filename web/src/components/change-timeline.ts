import { css, html, LitElement, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HistoryEvent } from '../api/audit.ts';
import { common } from '../i18n/common.ts';
import { defineMessages, formatDateTime, LocaleController, t } from '../i18n/i18n.ts';
import { base } from '../styles.ts';
import { actionSentence, eventChanges, renderChanges } from './change-words.ts';

const m = defineMessages({
  empty: { 'zh-CN': '尚无变更记录。', en: 'No changes recorded yet.' },
});

/**
 * A record's audited changes, oldest first: when, who did what, and field by field what changed, in words.
 * The form has its own timeline (form-history) for its workflow; other records use this one.
 */
@customElement('change-timeline')
export class ChangeTimeline extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      ol.events { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid var(--c-border); }
      ol.events > li { position: relative; padding: 0 0 0.9rem 0.5rem; }
      ol.events > li::before { content: ''; position: absolute; left: -1.45rem; top: 0.35rem; width: 0.7rem; height: 0.7rem;
        border-radius: 50%; background: #fff; border: 3px solid var(--c-primary); }
      time { display: block; color: var(--c-muted); font-size: 0.85rem; }
      .headline { margin: 0; }
      ul.changes { margin: 0.2rem 0 0; padding-left: 1.1rem; font-size: 0.95rem; }
      ul.changes ul { padding-left: 1.1rem; color: var(--c-muted); }
    `,
  ];

  /** The kind of record (`risk_point`, `post`…), which decides some field labels. */
  @property({ attribute: 'entity-type' }) entityType = '';
  @property({ attribute: false }) events: HistoryEvent[] | null = null;
  /** The list's accessible name. */
  @property() label = '';
  private readonly i18n = new LocaleController(this);

  override render(): TemplateResult {
    if (!this.events) return html`<p class="muted">${t(common.loading)}</p>`;
    if (!this.events.length) return html`<p class="muted">${t(m.empty)}</p>`;
    return html`<ol class="events" aria-label=${this.label}>
      ${this.events.map(
        (e) => html`<li data-action=${e.action} data-seq=${e.seq}>
          <time datetime=${e.at}>${formatDateTime(e.at)}</time>
          <p class="headline">${actionSentence(e)}</p>
          ${renderChanges(eventChanges({ ...e, entityType: this.entityType }))}
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'change-timeline': ChangeTimeline;
  }
}
