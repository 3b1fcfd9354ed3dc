import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PreferencesQuery } from '../../../../server/mail/schema.ts';
import { type MailTemplate, mailApi, type Preferences } from '../../api/mail.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { FormState } from '../../components/form-state.ts';
import { common, nav } from '../../i18n/common.ts';
import { defineMessages, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { templateDescriptions, templateLabels } from './labels.ts';
import { linkProblem, publicPageStyles } from './public.ts';

const m = defineMessages({
  forPerson: { 'zh-CN': '{name} 的邮件通知', en: 'Email for {name}' },
  intro: {
    'zh-CN': '选择您希望收到的邮件。中心规定必须接收的邮件不能关闭。',
    en: 'Choose the messages you want to get. The ones the centre requires cannot be turned off.',
  },
  messages: { 'zh-CN': '邮件类型', en: 'Messages' },
  required: { 'zh-CN': '中心规定必收', en: 'Required by the centre' },
  saved: { 'zh-CN': '已保存您的选择。', en: 'Your choices are saved.' },
  failed: { 'zh-CN': '无法打开邮件通知设置：', en: 'Cannot open the mail preferences: ' },
  incomplete: {
    'zh-CN': '此链接不完整。',
    en: 'This link is incomplete.',
  },
  again: {
    'zh-CN': '请从邮件中重新打开“选择接收哪些邮件”链接，或登录后在页面右上角打开“邮件通知设置”。',
    en: 'Open the “Choose which optional messages you receive” link from an email again, or sign in and open “Mail preferences” at the top of the page.',
  },
});

/**
 * Mail preferences: which messages a person gets. Opened from an email's link (its token names the person,
 * no sign-in needed) or by the signed-in person for themselves. Messages the centre makes mandatory are shown
 * ticked and cannot be changed; the others can be turned off and on again.
 */
@customElement('mail-preferences-page')
export class MailPreferencesPage extends LitElement {
  static override styles = [
    base,
    publicPageStyles,
    css`
      fieldset { border: none; padding: 0; margin: 0 0 1rem; }
      legend { font-weight: 600; margin-bottom: 0.5rem; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      li label { flex-direction: row; align-items: flex-start; gap: 0.75rem; color: var(--c-text); font-size: 1rem;
        border: 1px solid var(--c-border); border-radius: var(--radius); padding: 0.75rem 0.9rem; cursor: pointer; }
      li label:hover { background: var(--c-subtle); }
      li.mandatory label { cursor: default; background: var(--c-subtle); }
      input[type='checkbox'] { width: 1.25rem; height: 1.25rem; min-height: 0; margin: 0.15rem 0 0; flex: none; }
      .what { display: flex; flex-direction: column; gap: 0.15rem; }
      .what strong { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .what .muted { font-size: 0.9rem; }
      .chip.required { font-weight: 400; font-size: 0.8rem; }
      .actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
      .actions p { margin: 0; }
      .ok { color: var(--c-ok); font-weight: 600; }
    `,
  ];

  /** The token from an email's preferences link; empty for the signed-in person's own. */
  @property() token = '';
  /** The optional messages turned off, as the form now has them. */
  @state() private optOut: Set<MailTemplate> | null = null;
  @state() private status = '';
  private readonly form = new FormState(this, ['optOut']);
  private readonly i18n = new LocaleController(this);

  private readonly preferences = new Task(this, {
    task: async ([token]: [string]) => {
      // A link cut short in copying is said so here, rather than in the validator's words.
      if (token && !PreferencesQuery.safeParse({ token }).success) return null;
      const prefs = await mailApi.preferences(token || undefined);
      this.take(prefs);
      return prefs;
    },
    args: () => [this.token] as [string],
  });

  private take(prefs: Preferences) {
    this.optOut = new Set(prefs.templates.filter((x) => !x.enabled && !x.mandatory).map((x) => x.template));
  }

  private toggle(template: MailTemplate, on: boolean) {
    const next = new Set(this.optOut);
    if (on) next.delete(template);
    else next.add(template);
    this.optOut = next;
    this.status = '';
  }

  private async save(e: SubmitEvent, prefs: Preferences) {
    e.preventDefault();
    this.status = '';
    const optOut = prefs.templates
      .filter((x) => !x.mandatory && this.optOut?.has(x.template))
      .map((x) => x.template);
    await this.form.submit(async () => {
      const saved = await mailApi.savePreferences(optOut, this.token || undefined);
      this.take(saved);
      this.status = t(m.saved);
    });
  }

  private view(prefs: Preferences) {
    return html`<section class="card">
      <h1>${t(nav.mailPreferences)}</h1>
      <p><strong>${t(m.forPerson, { name: named(prefs.person) })}</strong></p>
      <p class="muted">${t(m.intro)}</p>
      <form novalidate @submit=${(e: SubmitEvent) => this.save(e, prefs)}>
        <fieldset>
          <legend>${t(m.messages)}</legend>
          <ul>${prefs.templates.map((x) => {
            const on = x.mandatory || !this.optOut?.has(x.template);
            return html`<li class=${x.mandatory ? 'mandatory' : 'optional'} data-template=${x.template}>
              <label>
                <input type="checkbox" name=${x.template} .checked=${on} ?disabled=${x.mandatory}
                  aria-describedby="desc-${x.template}"
                  @change=${(e: Event) => this.toggle(x.template, (e.target as HTMLInputElement).checked)} />
                <span class="what">
                  <strong>${enumLabel(templateLabels, x.template)}
                    ${x.mandatory ? html`<span class="chip required">${t(m.required)}</span>` : nothing}</strong>
                  <span class="muted" id="desc-${x.template}">${enumLabel(templateDescriptions, x.template)}</span>
                </span>
              </label>
            </li>`;
          })}</ul>
        </fieldset>
        ${this.form.message ? html`<p class="error" role="alert">${this.form.message}</p>` : nothing}
        ${this.form.errors.optOut ? html`<p class="error" role="alert">${this.form.errors.optOut}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.form.busy}>${t(common.save)}</button>
          <p role="status" aria-live="polite" class="ok">${this.status}</p>
        </div>
      </form>
    </section>`;
  }

  /** Why the preferences cannot be shown, and what to do instead. */
  private problem(reason: string) {
    return html`<section class="card">
      <h1>${t(nav.mailPreferences)}</h1>
      <div class="problem" role="alert">
        <p><strong>${t(m.failed)}</strong>${reason}</p>
        <p>${t(m.again)}</p>
      </div>
    </section>`;
  }

  override render() {
    return this.preferences.render({
      pending: () =>
        this.preferences.value
          ? this.view(this.preferences.value)
          : html`<p class="muted">${t(common.loading)}</p>`,
      error: (err) => this.problem(linkProblem(err)),
      complete: (prefs) => (prefs ? this.view(prefs) : this.problem(t(m.incomplete))),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mail-preferences-page': MailPreferencesPage;
  }
}
