import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { common } from '../i18n/common.ts';
import { LocaleController, t } from '../i18n/i18n.ts';
import { base } from '../styles.ts';
import { errorMessage } from './error-message.ts';

/**
 * Shows how much of a list is on screen, a "load more" button and any error.
 * @fires more - the reader asked for the next page
 */
@customElement('list-footer')
export class ListFooter extends LitElement {
  static override styles = [base];
  @property({ type: Number }) shown = 0;
  @property({ type: Number }) total = 0;
  @property({ type: Boolean }) loading = false;
  @property({ type: Boolean }) hasMore = false;
  @property({ attribute: false }) error: unknown = null;
  private readonly i18n = new LocaleController(this);

  override render() {
    return html`<p role="status" aria-live="polite">
        ${this.loading ? t(common.loading) : this.total === 0 ? t(common.noResults) : t(common.shownOfTotal, { shown: this.shown, total: this.total })}
      </p>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : ''}
      ${
        this.hasMore && !this.loading
          ? html`<button @click=${() => this.dispatchEvent(new CustomEvent('more'))}>${t(common.loadMore)}</button>`
          : ''
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'list-footer': ListFooter;
  }
}
