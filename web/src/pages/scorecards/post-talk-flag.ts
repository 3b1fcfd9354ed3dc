import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { scorecardsApi } from '../../api/scorecards.ts';
import { formatMonth, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { scorecardMessages as m, scorecardStyles } from './parts.ts';

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * The formal-talk flag (约谈) of a post, shown on its page when it was ever in the bottom band two months
 * running: the months, linked to the scorecard behind the latest. Nothing when the reader may not see the
 * post's scores.
 */
@customElement('post-talk-flag')
export class PostTalkFlag extends LitElement {
  static override styles = [base, scorecardStyles];

  @property({ type: Number }) postId = 0;
  private readonly i18n = new LocaleController(this);
  private readonly flags = new Task(this, {
    task: async ([id]) => (await scorecardsApi.post(thisMonth(), id).catch(() => null))?.talkFlags ?? [],
    args: () => [this.postId] as const,
  });

  override render() {
    const months = this.flags.value ?? [];
    if (months.length === 0) return nothing;
    return html`<p data-testid="talk-flag">
      <a class="chip flag" href="/scorecards/${months[0]}/posts/${this.postId}" title=${t(m.flaggedNote)}>${t(m.flagged)}</a>
      ${t(m.talkMonths, { months: months.map(formatMonth).join('、') })}
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'post-talk-flag': PostTalkFlag;
  }
}
