import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../../api/client.ts';
import { type SessionPerson, sessionApi } from '../../api/session.ts';
import { errorMessage } from '../../components/error-message.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, LocaleController, locale, setLocale, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  title: { 'zh-CN': '登录', en: 'Sign in' },
  email: { 'zh-CN': '电子邮箱', en: 'Email' },
  password: { 'zh-CN': '密码', en: 'Password' },
  submit: { 'zh-CN': '登录', en: 'Sign in' },
  wrong: { 'zh-CN': '邮箱或密码不正确。', en: 'The email or password is not correct.' },
  tooMany: {
    'zh-CN': '失败次数过多，请 {minutes} 分钟后再试。',
    en: 'Too many failed attempts. Try again in {minutes} minute(s).',
  },
  intro: {
    'zh-CN': '发现一个问题，填写一张表，完成一项改进。',
    en: 'Find one problem, fill one form, make one improvement.',
  },
});

export interface SignedIn {
  person: SessionPerson;
  languageChosen: boolean;
}

/**
 * The sign-in page.
 * @fires signed-in - detail: the signed-in person, and whether they picked a language on this page
 */
@customElement('sign-in-page')
export class SignInPage extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: grid; place-items: center; min-height: 100vh; background: #eef2f7; padding: 1rem; }
      form { width: min(26rem, 100%); display: grid; gap: 1rem; }
      header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
      .brand { color: var(--c-muted); margin: 0; }
    `,
  ];
  @state() private error = '';
  @state() private busy = false;
  /** Whether the person picked a language here, which then becomes their remembered choice. */
  private languageChosen = false;
  private readonly i18n = new LocaleController(this);

  private switchLanguage() {
    this.languageChosen = true;
    setLocale(locale() === 'en' ? 'zh-CN' : 'en');
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const session = await sessionApi.signIn(String(data.get('email')), String(data.get('password')));
      this.dispatchEvent(
        new CustomEvent<SignedIn>('signed-in', {
          detail: { person: session.person, languageChosen: this.languageChosen },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.error = t(m.wrong);
      else if (err instanceof ApiError && err.status === 429) {
        const minutes = Math.ceil(Number(/(\d+)/.exec(err.problem.detail ?? '')?.[1] ?? 15));
        this.error = t(m.tooMany, { minutes });
      } else this.error = errorMessage(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<main>
      <form class="card" @submit=${this.submit} novalidate>
        <header>
          <div>
            <p class="brand">${t(common.centre)}</p>
            <h1>${t(common.appName)}</h1>
          </div>
          <button type="button" class="link" lang=${locale() === 'en' ? 'zh-CN' : 'en'} aria-label=${t(common.switchLanguageLabel)}
            @click=${this.switchLanguage}>${t(common.switchLanguage)}</button>
        </header>
        <p class="muted">${t(m.intro)}</p>
        <h2>${t(m.title)}</h2>
        <label>${t(m.email)}<input name="email" type="email" autocomplete="username" required autofocus /></label>
        <label>${t(m.password)}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t(m.submit)}</button>
      </form>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-page': SignInPage;
  }
}
