import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CommentCreate } from '../../../../server/forms/schema.ts';
import { type CommentView, formsApi } from '../../api/forms.ts';
import { errorMessage } from '../../components/error-message.ts';
import { fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatDateTime, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  none: { 'zh-CN': '尚无意见。', en: 'No comments yet.' },
  label: { 'zh-CN': '发表意见', en: 'Add a comment' },
  post: { 'zh-CN': '发表', en: 'Post comment' },
});

/**
 * The comments on a form, oldest first, and a box to add one (anyone who may see the form).
 * @fires comment-added - a comment was posted (the page refreshes its timeline)
 */
@customElement('form-comments')
export class FormComments extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      ol { list-style: none; margin: 0 0 0.75rem; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
      li { border: 1px solid var(--c-border); border-radius: var(--radius); padding: 0.5rem 0.75rem; background: var(--c-subtle); }
      .meta { font-size: 0.85rem; color: var(--c-muted); }
      .body { white-space: pre-wrap; margin: 0.2rem 0 0; }
      form { display: flex; flex-direction: column; gap: 0.4rem; }
      textarea { width: 100%; min-height: 4rem; }
      form button { align-self: flex-start; }
    `,
  ];

  @property({ type: Number }) formId = 0;
  @state() private items: CommentView[] | null = null;
  @state() private text = '';
  @state() private loadError = '';
  private readonly form = new FormState(this, ['body']);
  private readonly i18n = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('formId') && this.formId) void this.load();
  }

  async load() {
    try {
      this.items = await formsApi.comments(this.formId);
    } catch (err) {
      this.loadError = errorMessage(err);
    }
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    this.form.reset();
    const parsed = CommentCreate.safeParse({ body: this.text });
    if (!parsed.success) {
      this.form.invalid(zodFieldErrors(parsed.error.issues));
      return;
    }
    await this.form.submit(async () => {
      const comment = await formsApi.addComment(this.formId, parsed.data.body);
      this.items = [...(this.items ?? []), comment];
      this.text = '';
      this.dispatchEvent(new CustomEvent('comment-added', { bubbles: true, composed: true }));
    });
  }

  override render() {
    const items = this.items;
    return html`
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${
        items === null
          ? html`<p class="muted">${t(common.loading)}</p>`
          : items.length === 0
            ? html`<p class="muted">${t(m.none)}</p>`
            : html`<ol>${items.map(
                (c) => html`<li>
                  <div class="meta">${named(c.author)} · <time datetime=${c.createdAt}>${formatDateTime(c.createdAt)}</time></div>
                  <p class="body">${c.body}</p>
                </li>`,
              )}</ol>`
      }
      <form novalidate @submit=${this.submit}>
        <label>${t(m.label)}
          <textarea .value=${this.text} aria-invalid=${this.form.errors.body ? 'true' : 'false'} aria-describedby="err-body"
            @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
        </label>
        ${fieldError(this.form.errors, 'body', 'err-body')}
        ${this.form.message ? html`<p class="error" role="alert">${this.form.message}</p>` : nothing}
        <button type="submit" ?disabled=${this.form.busy}>${t(m.post)}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'form-comments': FormComments;
  }
}
