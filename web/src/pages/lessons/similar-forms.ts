import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { lessonsApi, type SimilarForm, type SimilarView } from '../../api/lessons.ts';
import { base } from '../../styles.ts';
import { defineMessages, formatPercent, LocaleController, t } from '../../i18n/i18n.ts';
import { formChipStyles } from '../forms/parts.ts';
import { lessonCard, lessonStyles } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '相似的改进记录', en: 'Similar forms' },
  open: {
    'zh-CN': '正在整改的相似问题（可能重复登记）',
    en: 'Similar problems still being worked (a possible duplicate)',
  },
  closed: {
    'zh-CN': '已关闭的相似问题：原因与整改措施可供参考',
    en: 'Similar closed forms: their root cause and measures may help',
  },
  overlap: { 'zh-CN': '相似度 {share}', en: '{share} alike' },
  samePost: { 'zh-CN': '同一岗位', en: 'Same post' },
});

/** Characters typed before suggestions are looked up (the server's minimum). */
const MIN_CHARS = 4;
const DEBOUNCE_MS = 400;

/**
 * Forms like the problem being typed on the file-form page, looked up after a pause in typing: open ones
 * (a possible duplicate) and closed ones with what was learned. Shows nothing until something is found.
 */
@customElement('similar-forms')
export class SimilarForms extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    lessonStyles,
    css`
      :host { display: block; }
      section { border-left: 6px solid #9a6700; background: #fffbea; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
      h2 { font-size: 1rem; margin: 0.25rem 0; }
      h3 { font-size: 0.9rem; margin: 0.5rem 0 0.25rem; }
    `,
  ];

  @property() text = '';
  @property() postId = '';
  @property() riskPointId = '';
  @state() private found: SimilarView | null = null;
  private timer?: ReturnType<typeof setTimeout>;
  private inFlight?: AbortController;
  private readonly i18n = new LocaleController(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.inFlight?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('text') && !changed.has('postId') && !changed.has('riskPointId')) return;
    clearTimeout(this.timer);
    if (this.text.trim().length < MIN_CHARS) {
      this.found = null;
      return;
    }
    this.timer = setTimeout(() => void this.lookUp(), DEBOUNCE_MS);
  }

  private async lookUp() {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const found = await lessonsApi.similar(
        {
          text: this.text.trim().slice(0, 2000),
          postId: Number(this.postId) || undefined,
          riskPointId: Number(this.riskPointId) || undefined,
        },
        controller.signal,
      );
      if (!controller.signal.aborted) this.found = found;
    } catch {
      // Suggestions are a help, never in the way: a failed look-up shows nothing.
    }
  }

  private group(title: string, forms: SimilarForm[], kind: string) {
    if (forms.length === 0) return nothing;
    return html`<h3>${title}</h3>
      <ol class="lessons" data-kind=${kind}>
        ${forms.map(
          (f) =>
            html`<li>${lessonCard(
              f,
              html`<span class="chip">${t(m.overlap, { share: formatPercent(f.overlap) })}</span>
              ${f.samePost ? html`<span class="chip">${t(m.samePost)}</span>` : nothing}`,
            )}</li>`,
        )}
      </ol>`;
  }

  override render() {
    const found = this.found;
    const any = found && (found.open.length > 0 || found.closed.length > 0);
    return html`<div aria-live="polite">
      ${
        any
          ? html`<section aria-labelledby="similar-title">
            <h2 id="similar-title">${t(m.title)}</h2>
            ${this.group(t(m.open), found.open, 'open')} ${this.group(t(m.closed), found.closed, 'closed')}
          </section>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'similar-forms': SimilarForms;
  }
}
