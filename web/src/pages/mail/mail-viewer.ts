import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { defineMessages, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  parts: { 'zh-CN': '邮件的两种格式', en: 'The two parts of the message' },
  html: { 'zh-CN': '网页格式（HTML）', en: 'HTML' },
  text: { 'zh-CN': '纯文本', en: 'Plain text' },
  width: { 'zh-CN': '显示宽度', en: 'Width' },
  wide: { 'zh-CN': '电脑', en: 'Desktop' },
  narrow: { 'zh-CN': '手机', en: 'Phone' },
  frameTitle: { 'zh-CN': '邮件内容：{subject}', en: 'Message: {subject}' },
  linksNote: {
    'zh-CN': '邮件中的链接在新标签页中打开。',
    en: 'Links in the message open in a new tab.',
  },
});

type Part = 'html' | 'text';

/**
 * An email as its recipient sees it: the HTML part in a sandboxed frame (no scripts, no access to this page
 * or its origin; links open in a new tab, outside the sandbox) and the plain-text part, as tabs. The frame is
 * shown at a desktop or a phone's width, since the templates change layout between the two.
 */
@customElement('mail-viewer')
export class MailViewer extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      .bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end; gap: 0.5rem;
        border-bottom: 1px solid var(--c-border); }
      [role='tablist'] { display: flex; gap: 0.25rem; }
      [role='tab'] { border: none; border-bottom: 3px solid transparent; border-radius: 0; background: none;
        padding: 0.5rem 0.9rem; margin-bottom: -1px; color: var(--c-text); }
      [role='tab'][aria-selected='true'] { border-bottom-color: var(--c-primary); color: var(--c-primary); font-weight: 600; }
      .width { display: flex; gap: 0.25rem; align-items: center; font-size: 0.85rem; color: var(--c-muted); padding-bottom: 0.3rem; }
      .width button { min-height: 1.9rem; padding: 0.15rem 0.6rem; font-size: 0.85rem; }
      .width button[aria-pressed='true'] { background: #e8f0fe; border-color: var(--c-primary); color: var(--c-primary); font-weight: 600; }
      .panel { background: #e9ecf1; border: 1px solid var(--c-border); border-top: none; padding: 0.75rem;
        border-radius: 0 0 var(--radius) var(--radius); }
      iframe { display: block; width: 100%; height: min(75vh, 60rem); min-height: 26rem; border: 1px solid var(--c-border);
        background: #fff; margin: 0 auto; border-radius: 4px; }
      iframe.narrow { max-width: 390px; }
      pre { margin: 0; background: #fff; border: 1px solid var(--c-border); border-radius: 4px; padding: 1rem;
        white-space: pre-wrap; overflow-wrap: anywhere; font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.85rem; line-height: 1.55; max-height: min(75vh, 60rem); overflow: auto; }
      .links { margin: 0.4rem 0 0; font-size: 0.85rem; }
      @media (max-width: 700px) { .width { display: none; } .panel { padding: 0.4rem; } }
    `,
  ];

  /** The subject, naming the frame for screen readers. */
  @property() subject = '';
  /** The HTML part, shown in the sandboxed frame. */
  @property({ attribute: false }) html = '';
  @property({ attribute: false }) text = '';
  @state() private shown: Part = 'html';
  @state() private narrow = false;
  private readonly i18n = new LocaleController(this);

  /** The HTML with its links opening in a new tab: inside the sandbox they would open this app in the frame. */
  private document(): string {
    const target = '<base target="_blank">';
    return /<head[^>]*>/i.test(this.html)
      ? this.html.replace(/<head[^>]*>/i, (head) => `${head}${target}`)
      : `${target}${this.html}`;
  }

  private choose(part: Part, focus = false) {
    this.shown = part;
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#tab-${part}`)?.focus(),
      );
  }

  /** Arrow keys move between the tabs (the WAI-ARIA tabs pattern). */
  private onKey(e: KeyboardEvent) {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const next: Part =
        e.key === 'Home' ? 'html' : e.key === 'End' ? 'text' : this.shown === 'html' ? 'text' : 'html';
      this.choose(next, true);
    }
  }

  private tab(part: Part, label: string) {
    const selected = this.shown === part;
    return html`<button role="tab" id="tab-${part}" aria-controls="panel-${part}" aria-selected=${selected}
      tabindex=${selected ? 0 : -1} @click=${() => this.choose(part)}>${label}</button>`;
  }

  override render() {
    return html`
      <div class="bar">
        <div role="tablist" aria-label=${t(m.parts)} @keydown=${this.onKey}>
          ${this.tab('html', t(m.html))} ${this.tab('text', t(m.text))}
        </div>
        ${
          this.shown === 'html'
            ? html`<div class="width" role="group" aria-label=${t(m.width)}>
              ${t(m.width)}
              <button aria-pressed=${!this.narrow} @click=${() => (this.narrow = false)}>${t(m.wide)}</button>
              <button aria-pressed=${this.narrow} @click=${() => (this.narrow = true)}>${t(m.narrow)}</button>
            </div>`
            : ''
        }
      </div>
      <div class="panel" role="tabpanel" id="panel-html" aria-labelledby="tab-html" ?hidden=${this.shown !== 'html'}>
        <iframe sandbox="allow-popups allow-popups-to-escape-sandbox" class=${this.narrow ? 'narrow' : ''}
          title=${t(m.frameTitle, { subject: this.subject })} srcdoc=${this.document()}></iframe>
        <p class="links muted">${t(m.linksNote)}</p>
      </div>
      <div class="panel" role="tabpanel" id="panel-text" aria-labelledby="tab-text" tabindex="0" ?hidden=${this.shown !== 'text'}>
        <pre data-testid="mail-text">${this.text}</pre>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mail-viewer': MailViewer;
  }
}
