import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type MailMessage, mailApi } from '../../api/mail.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { common } from '../../i18n/common.ts';
import { formatDateTime, formatNumber, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { deliveredViaLabels, localeLabels, templateLabels } from './labels.ts';
import './mail-viewer.ts';
import { mailMessages as mm } from './messages.ts';
import { address, mailStatusChip, mailStyles } from './parts.ts';

/** One message of the outbox in the built-in viewer: what it is, how it went, and the message itself. */
@customElement('mail-message-page')
export class MailMessagePage extends LitElement {
  static override styles = [
    base,
    mailStyles,
    css`
      h1 { overflow-wrap: anywhere; }
      .back { margin: 0 0 0.5rem; }
      .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 8rem), 1fr)); gap: 0.6rem 1rem; margin: 0; }
      .facts div { min-width: 0; }
      .facts dt { color: var(--c-muted); font-size: 0.85rem; }
      .facts dd { margin: 0; overflow-wrap: anywhere; }
      .facts .wide { grid-column: 1 / -1; }
      p[role='status']:empty { margin: 0; }
      .retry { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin-top: 0.75rem; }
    `,
  ];

  @property({ type: Number }) messageId = 0;
  @state() private busy = false;
  @state() private announcement = '';
  @state() private retryError: unknown = null;
  private readonly i18n = new LocaleController(this);

  private readonly message = new Task(this, {
    task: ([id]: [number]) => mailApi.message(id),
    args: () => [this.messageId] as [number],
  });

  private async retry(id: number) {
    this.busy = true;
    this.retryError = null;
    try {
      await mailApi.retry(id);
      this.announcement = t(mm.retried);
      await this.message.run();
    } catch (err) {
      this.retryError = err;
    } finally {
      this.busy = false;
    }
  }

  private view(msg: MailMessage) {
    const fact = (label: string, value: unknown, cls = '') =>
      html`<div class=${cls}><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`
      <h1>${msg.subject}</h1>
      <section class="card" aria-label=${t(mm.message)}>
        <dl class="facts">
          ${fact(t(mm.to), address(msg.to))}
          ${fact(t(mm.template), enumLabel(templateLabels, msg.template))}
          ${fact(t(mm.language), enumLabel(localeLabels, msg.locale))}
          ${fact(
            t(mm.status),
            html`${mailStatusChip(msg.status)} ${msg.deliveredVia && msg.status === 'sent' ? html`<span class="muted">${enumLabel(deliveredViaLabels, msg.deliveredVia)}</span>` : nothing}`,
          )}
          ${fact(t(mm.attempts), formatNumber(msg.attempts))}
          ${fact(t(mm.createdAt), formatDateTime(msg.createdAt))}
          ${msg.sentAt && msg.status === 'sent' ? fact(t(mm.sentAt), formatDateTime(msg.sentAt)) : nothing}
          ${msg.status === 'pending' ? fact(t(mm.nextAttempt), formatDateTime(msg.nextAttemptAt)) : nothing}
          ${msg.lastError ? fact(t(mm.lastError), html`<span class="error">${msg.lastError}</span>`, 'wide') : nothing}
          ${fact(t(mm.dedupeKey), html`<span class="code">${msg.dedupeKey}</span>`, 'wide')}
        </dl>
        ${
          msg.status === 'failed'
            ? html`<div class="retry"><button class="primary" ?disabled=${this.busy} @click=${() => this.retry(msg.id)}>
                ${this.busy ? t(mm.retrying) : t(mm.retry)}</button></div>`
            : nothing
        }
        <p role="status" aria-live="polite">${this.announcement}</p>
        ${this.retryError ? html`<p class="error" role="alert">${errorMessage(this.retryError)}</p>` : nothing}
      </section>
      <mail-viewer subject=${msg.subject} .html=${msg.html} .text=${msg.text}></mail-viewer>
    `;
  }

  override render() {
    return html`
      <p class="back"><a href="/mail">${t(mm.backToOutbox)}</a></p>
      ${this.message.render({
        pending: () =>
          this.message.value
            ? this.view(this.message.value)
            : html`<p class="muted">${t(common.loading)}</p>`,
        error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
        complete: (msg) => this.view(msg),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mail-message-page': MailMessagePage;
  }
}
