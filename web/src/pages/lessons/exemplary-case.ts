import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type LessonView, lessonsApi } from '../../api/lessons.ts';
import { errorMessage } from '../../components/error-message.ts';
import { defineMessages, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { lessonMessages } from './parts.ts';

const m = defineMessages({
  note: { 'zh-CN': '推荐理由', en: 'Why it is worth learning from' },
  mark: { 'zh-CN': '列为典型案例', en: 'Mark as exemplary case' },
  saveNote: { 'zh-CN': '保存推荐理由', en: 'Save the note' },
  unmark: { 'zh-CN': '移出典型案例', en: 'Remove from the case library' },
  library: { 'zh-CN': '查看典型案例库', en: 'Open the case library' },
});

/**
 * A closed form's place in the case library (典型案例): its note when it is one, and for a supervisor of its
 * unit (`canMark`) the controls to mark it, change the note or take it out.
 *
 * @fires case-changed - after marking, changing or removing, so the page can reload its timeline
 */
@customElement('exemplary-case')
export class ExemplaryCase extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      textarea { width: 100%; min-height: 4rem; }
      .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 0.5rem; }
    `,
  ];

  @property({ type: Number }) formId = 0;
  @property({ type: Boolean }) canMark = false;
  @state() private lesson: LessonView | null = null;
  @state() private note = '';
  @state() private error: unknown = null;
  @state() private busy = false;
  private readonly i18n = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('formId') && this.formId) void this.load();
  }

  private async load() {
    try {
      this.lesson = await lessonsApi.caseOf(this.formId);
      // A note being typed while the case loads is kept; a stored note is shown once there is one.
      this.note = this.lesson?.exemplary?.note ?? this.note;
    } catch (err) {
      this.error = err;
    }
  }

  private async run(work: () => Promise<unknown>) {
    this.busy = true;
    this.error = null;
    try {
      await work();
      await this.load();
      this.dispatchEvent(new CustomEvent('case-changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const x = this.lesson?.exemplary;
    if (!x && !this.canMark) return nothing;
    return html`<section class="card" aria-labelledby="s-case">
      <h2 id="s-case">${t(lessonMessages.exemplary)}</h2>
      ${x && !this.canMark ? html`<p>${x.note}</p>` : nothing}
      ${
        this.canMark
          ? html`<label>${t(m.note)}
              <textarea name="case-note" .value=${this.note}
                @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea></label>
            <div class="actions">
              <button class="primary" ?disabled=${this.busy || !this.note.trim()}
                @click=${() => this.run(() => lessonsApi.mark(this.formId, this.note))}>${x ? t(m.saveNote) : t(m.mark)}</button>
              ${x ? html`<button ?disabled=${this.busy} @click=${() => this.run(() => lessonsApi.unmark(this.formId))}>${t(m.unmark)}</button>` : nothing}
            </div>`
          : nothing
      }
      <p><a href="/cases">${t(m.library)}</a></p>
      ${this.error ? html`<p class="error" role="alert">${errorMessage(this.error)}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'exemplary-case': ExemplaryCase;
  }
}
