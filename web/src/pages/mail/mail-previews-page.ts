import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type MailPreview, mailApi } from '../../api/mail.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, type Locale, LocaleController, locale, t } from '../../i18n/i18n.ts';
import { setQuery } from '../../router.ts';
import { base } from '../../styles.ts';
import { localeLabels, templateDescriptions, templateLabels } from './labels.ts';
import './mail-viewer.ts';
import { mailMessages as mm } from './messages.ts';
import { mailStyles, mailTabs } from './parts.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '系统发送的每一种邮件，中英文各一份，用示例数据生成，与收件人收到的完全相同。收件人按本人设置的语言收到其中一种。',
    en: 'Every kind of message the app sends, in Chinese and in English, made from sample data exactly as a recipient gets it. Each recipient gets the language they chose.',
  },
  templates: { 'zh-CN': '邮件类型', en: 'Kinds of message' },
  showIn: { 'zh-CN': '{name}：{language}', en: '{name} in {language}' },
  shown: { 'zh-CN': '{name} · {language}', en: '{name} · {language}' },
});

const LOCALES: Locale[] = ['zh-CN', 'en'];

/**
 * Preview (admins): every template rendered in both languages with sample data, in the same viewer as the
 * outbox. The one shown is kept in the address bar (`?template=digest&locale=en`).
 */
@customElement('mail-previews-page')
export class MailPreviewsPage extends LitElement {
  static override styles = [
    base,
    mailStyles,
    css`
      .split { display: grid; grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr); gap: 1.25rem; align-items: start; }
      ul.templates { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      ul.templates li { background: var(--c-bg); border: 1px solid var(--c-border); border-radius: var(--radius); padding: 0.6rem 0.75rem; }
      ul.templates li.current { border-color: var(--c-primary); box-shadow: inset 4px 0 0 var(--c-primary); }
      ul.templates strong { display: block; }
      ul.templates p { margin: 0.2rem 0 0.4rem; font-size: 0.85rem; }
      .langs { display: flex; gap: 0.4rem; }
      .langs button { min-height: 2rem; padding: 0.2rem 0.7rem; font-size: 0.9rem; }
      .langs button[aria-pressed='true'] { background: var(--c-primary); border-color: var(--c-primary); color: var(--c-primary-text); }
      .shown h2 { margin: 0 0 0.2rem; overflow-wrap: anywhere; }
      .shown .which { margin: 0 0 0.75rem; }
      @media (max-width: 1000px) { .split { grid-template-columns: 1fr; } }
      @media (max-width: 700px) {
        ul.templates li { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: 0.5rem; }
      }
    `,
  ];

  @state() private template = '';
  @state() private language: Locale = locale();
  private readonly i18n = new LocaleController(this);
  private readonly previews = new Task(this, { task: () => mailApi.previews(), args: () => [] });

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(location.search);
    this.template = query.get('template') ?? '';
    const lang = query.get('locale');
    if (lang === 'en' || lang === 'zh-CN') this.language = lang;
  }

  private async show(template: string, lang: Locale) {
    this.template = template;
    this.language = lang;
    setQuery({ template, locale: lang });
    // Stacked on a narrow screen, the message is below the list: bring it into view.
    if (matchMedia('(max-width: 1000px)').matches) {
      await this.updateComplete;
      this.renderRoot.querySelector('.shown')?.scrollIntoView({ block: 'start' });
    }
  }

  private view(items: MailPreview[]) {
    const templates = [...new Set(items.map((i) => i.template))];
    const template = templates.includes(this.template as MailPreview['template'])
      ? this.template
      : (templates[0] ?? '');
    const shown = items.find((i) => i.template === template && i.locale === this.language);
    return html`<div class="split">
      <ul class="templates" aria-label=${t(m.templates)}>
        ${templates.map((name) => {
          const label = enumLabel(templateLabels, name);
          return html`<li class=${name === template ? 'current' : ''} data-template=${name}>
            <strong>${label}</strong>
            <p class="muted hide-narrow">${enumLabel(templateDescriptions, name)}</p>
            <div class="langs">
              ${LOCALES.map((lang) => {
                const language = enumLabel(localeLabels, lang);
                return html`<button data-locale=${lang} aria-pressed=${name === template && lang === this.language}
                  aria-label=${t(m.showIn, { name: label, language })} @click=${() => this.show(name, lang)}>${language}</button>`;
              })}
            </div>
          </li>`;
        })}
      </ul>
      ${
        shown
          ? html`<section class="shown" aria-labelledby="shown-subject" data-template=${shown.template} data-locale=${shown.locale}>
            <h2 id="shown-subject">${shown.subject}</h2>
            <p class="which muted">${t(m.shown, { name: enumLabel(templateLabels, shown.template), language: enumLabel(localeLabels, shown.locale) })}</p>
            <mail-viewer subject=${shown.subject} .html=${shown.html} .text=${shown.text}></mail-viewer>
          </section>`
          : nothing
      }
    </div>`;
  }

  override render() {
    return html`
      <h1>${t(mm.title)}</h1>
      ${mailTabs('/mail/previews')}
      <p class="muted intro">${t(m.intro)}</p>
      ${this.previews.render({
        pending: () => html`<p class="muted">${t(common.loading)}</p>`,
        error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
        complete: (items) => this.view(items),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mail-previews-page': MailPreviewsPage;
  }
}
