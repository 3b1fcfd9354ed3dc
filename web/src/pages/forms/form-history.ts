import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HistoryEvent } from '../../api/forms.ts';
import {
  actionSentence,
  actorName,
  eventChanges,
  type FieldChange,
  fieldChange,
  fieldChanges,
  fieldLabel,
  renderWords,
  type Words,
} from '../../components/change-words.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, formatDateTime, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { statusLabels } from './labels.ts';
import { formatSize, label } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '处理过程', en: 'Timeline' },
  empty: { 'zh-CN': '尚无记录。', en: 'Nothing recorded yet.' },
  filed: { 'zh-CN': '{actor} 登记了本表（{number}）', en: '{actor} filed the form ({number})' },
  drafted: {
    'zh-CN': '{actor} 将本表存为草稿（{number}）',
    en: '{actor} saved the form as a draft ({number})',
  },
  statusChanged: {
    'zh-CN': '{actor} 将状态由“{from}”改为“{to}”',
    en: '{actor} changed the status from “{from}” to “{to}”',
  },
  rootCauseRecorded: { 'zh-CN': '{actor} 填写了原因分析', en: '{actor} recorded the root cause' },
  rootCauseChanged: { 'zh-CN': '{actor} 修改了原因分析', en: '{actor} changed the root cause' },
  rootCauseCleared: { 'zh-CN': '{actor} 清除了原因分析', en: '{actor} cleared the root cause' },
  measuresChanged: { 'zh-CN': '{actor} 修改了整改措施', en: '{actor} changed the measures' },
  fieldsChanged: { 'zh-CN': '{actor} 修改了{fields}', en: '{actor} changed {fields}' },
  fieldSeparator: { 'zh-CN': '、', en: ', ' },
  commented: { 'zh-CN': '{actor} 发表了意见', en: '{actor} commented' },
  evidenceAdded: {
    'zh-CN': '{actor} 上传了佐证材料 {filename}（{size}，SHA-256 {sha}）',
    en: '{actor} added evidence {filename} ({size}, SHA-256 {sha})',
  },
});

type Rec = Record<string, unknown>;

const obj = (v: unknown): Rec => (v && typeof v === 'object' ? (v as Rec) : {});
const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** The changes' sentences, each followed by its items, as one flat list of lines. */
const lines = (changes: FieldChange[]): Words[] => changes.flatMap((c) => [c.sentence, ...c.items]);

/**
 * One audit event of a form in words: a headline saying who did what, and detail lines saying what changed
 * field by field (through the shared change words, so a field reads as it does on the audit log).
 */
export function describeEvent(e: HistoryEvent): { headline: string; details: Words[] } {
  const actor = actorName(e.actor);
  const before = obj(e.before);
  const after = obj(e.after);
  switch (e.action) {
    case 'form.filed':
    case 'form.drafted':
      return {
        headline: t(e.action === 'form.filed' ? m.filed : m.drafted, { actor, number: str(after.number) }),
        details: after.deadline ? [fieldChange('form', 'deadline', null, after.deadline, true).sentence] : [],
      };
    case 'form.transition':
      return {
        headline: t(m.statusChanged, {
          actor,
          from: label(statusLabels, str(before.status)),
          to: label(statusLabels, str(after.status)),
        }),
        details: lines(fieldChanges('form', e.before, e.after, ['status'])),
      };
    case 'form.updated': {
      const changes = fieldChanges('form', e.before, e.after);
      const parts: { headline: string; details: Words[] }[] = [];
      const cause = changes.find((c) => c.field === 'rootCause');
      if (cause) {
        parts.push({
          headline: t(
            after.rootCause === null
              ? m.rootCauseCleared
              : before.rootCause
                ? m.rootCauseChanged
                : m.rootCauseRecorded,
            { actor },
          ),
          details: cause.items,
        });
      }
      const measures = changes.find((c) => c.field === 'measures');
      if (measures) parts.push({ headline: t(m.measuresChanged, { actor }), details: measures.items });
      const fields = changes.filter((c) => c.field !== 'rootCause' && c.field !== 'measures');
      if (fields.length) {
        parts.push({
          headline: t(m.fieldsChanged, {
            actor,
            fields: fields.map((c) => fieldLabel('form', c.field)).join(t(m.fieldSeparator)),
          }),
          details: lines(fields),
        });
      }
      if (!parts.length) return { headline: t(m.fieldsChanged, { actor, fields: '' }), details: [] };
      return {
        headline: parts.map((l) => l.headline).join('；'),
        details: parts.flatMap((l) => l.details),
      };
    }
    case 'form.comment_added':
      return { headline: t(m.commented, { actor }), details: [[str(after.body)]] };
    case 'form.attachment_added':
      return {
        headline: t(m.evidenceAdded, {
          actor,
          filename: str(after.filename),
          size: formatSize(Number(after.size ?? 0)),
          sha: `${str(after.sha256).slice(0, 12)}…`,
        }),
        details: [],
      };
    default:
      return { headline: actionSentence(e), details: lines(eventChanges({ ...e, entityType: 'form' })) };
  }
}

/** The timeline of a form: every audited change, oldest first, in words, with its time. */
@customElement('form-history')
export class FormHistory extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      ol { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid var(--c-border); }
      li { position: relative; padding: 0 0 0.9rem 0.5rem; }
      li::before { content: ''; position: absolute; left: -1.45rem; top: 0.35rem; width: 0.7rem; height: 0.7rem;
        border-radius: 50%; background: #fff; border: 3px solid var(--c-primary); }
      time { display: block; color: var(--c-muted); font-size: 0.85rem; }
      .headline { margin: 0; }
      ul.details { margin: 0.2rem 0 0; padding-left: 1.1rem; color: var(--c-muted); font-size: 0.9rem; }
      ul.details li::before { display: none; }
      ul.details li { padding: 0; }
    `,
  ];

  @property({ attribute: false }) events: HistoryEvent[] | null = null;
  private readonly i18n = new LocaleController(this);

  override render(): TemplateResult {
    if (!this.events) return html`<p class="muted">${t(common.loading)}</p>`;
    if (!this.events.length) return html`<p class="muted">${t(m.empty)}</p>`;
    return html`<ol aria-label=${t(m.title)}>
      ${this.events.map((e) => {
        const { headline, details } = describeEvent(e);
        return html`<li data-action=${e.action}>
          <time datetime=${e.at}>${formatDateTime(e.at)}</time>
          <p class="headline">${headline}</p>
          ${details.length ? html`<ul class="details">${details.map((d) => html`<li>${renderWords(d)}</li>`)}</ul>` : nothing}
        </li>`;
      })}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'form-history': FormHistory;
  }
}
