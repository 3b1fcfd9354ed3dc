import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HistoryEvent } from '../../api/forms.ts';
import { common } from '../../i18n/common.ts';
import {
  defineMessages,
  formatDate,
  formatDateTime,
  LocaleController,
  type Message,
  named,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import {
  causeCategoryLabels,
  outcomeLabels,
  sourceLabels,
  statusLabels,
  verificationMethodLabels,
  verificationResultLabels,
} from './labels.ts';
import { formMessages as fm } from './messages.ts';
import { formatSize, label } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '处理过程', en: 'Timeline' },
  empty: { 'zh-CN': '尚无记录。', en: 'Nothing recorded yet.' },
  system: { 'zh-CN': '系统', en: 'The system' },
  filed: { 'zh-CN': '{actor} 登记了本表（{number}）', en: '{actor} filed the form ({number})' },
  drafted: {
    'zh-CN': '{actor} 将本表存为草稿（{number}）',
    en: '{actor} saved the form as a draft ({number})',
  },
  statusChanged: {
    'zh-CN': '{actor} 将状态由“{from}”改为“{to}”',
    en: '{actor} changed the status from “{from}” to “{to}”',
  },
  reason: { 'zh-CN': '原因：{text}', en: 'Reason: {text}' },
  verification: {
    'zh-CN': '验证：{method}，{result}。{notes}',
    en: 'Verification: {method}, {result}. {notes}',
  },
  accountability: { 'zh-CN': '追责：{outcome}。{notes}', en: 'Accountability: {outcome}. {notes}' },
  deadlineSet: { 'zh-CN': '整改期限：{date}', en: 'Deadline: {date}' },
  rootCauseRecorded: { 'zh-CN': '{actor} 填写了原因分析', en: '{actor} recorded the root cause' },
  rootCauseChanged: { 'zh-CN': '{actor} 修改了原因分析', en: '{actor} changed the root cause' },
  rootCauseCleared: { 'zh-CN': '{actor} 清除了原因分析', en: '{actor} cleared the root cause' },
  measuresChanged: { 'zh-CN': '{actor} 修改了整改措施', en: '{actor} changed the measures' },
  measureAdded: { 'zh-CN': '新增：{text}', en: 'Added: {text}' },
  measureRemoved: { 'zh-CN': '删除：{text}', en: 'Removed: {text}' },
  measureDone: { 'zh-CN': '已完成：{text}（{date}）', en: 'Done: {text} ({date})' },
  measureReopened: { 'zh-CN': '改为未完成：{text}', en: 'Marked not done: {text}' },
  measureEdited: { 'zh-CN': '修改：{text}', en: 'Changed: {text}' },
  fieldsChanged: { 'zh-CN': '{actor} 修改了{fields}', en: '{actor} changed {fields}' },
  fieldChange: { 'zh-CN': '{field}：{before} → {after}', en: '{field}: {before} → {after}' },
  commented: { 'zh-CN': '{actor} 发表了意见', en: '{actor} commented' },
  evidenceAdded: {
    'zh-CN': '{actor} 上传了佐证材料 {filename}（{size}，SHA-256 {sha}）',
    en: '{actor} added evidence {filename} ({size}, SHA-256 {sha})',
  },
  other: { 'zh-CN': '{actor}：{action}', en: '{actor}: {action}' },
  why: { 'zh-CN': '为什么 {n}：{text}', en: 'Why {n}: {text}' },
  labelled: { 'zh-CN': '{label}：{value}', en: '{label}: {value}' },
});

type Rec = Record<string, unknown>;
interface MeasureLike {
  id?: number;
  kind?: string;
  text?: string;
  dueOn?: string;
  doneOn?: string | null;
}

const obj = (v: unknown): Rec => (v && typeof v === 'object' ? (v as Rec) : {});
const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

const FIELD_LABELS: Record<string, Message> = {
  problem: fm.problem,
  occurredOn: fm.occurredOn,
  foundOn: fm.foundOn,
  source: fm.source,
  postId: fm.post,
  approvalItemId: common.approvalItem,
  stage: common.stage,
  riskPointId: fm.riskPoint,
  responsibilityPointId: fm.responsibilityPoint,
  standardId: fm.standard,
  grade: common.grade,
  deadline: fm.deadline,
};

/** A field's value for people: dates formatted, enums labelled. */
function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t(common.none);
  if (field === 'source') return label(sourceLabels, str(value));
  if (['occurredOn', 'foundOn', 'deadline'].includes(field)) return formatDate(str(value));
  return str(value);
}

/** What changed among the measures, one line each. */
function measureChanges(before: unknown, after: unknown): string[] {
  const old = (Array.isArray(before) ? before : []) as MeasureLike[];
  const now = (Array.isArray(after) ? after : []) as MeasureLike[];
  const lines: string[] = [];
  const kept = new Set<number>();
  for (const n of now) {
    const o = n.id === undefined ? undefined : old.find((x) => x.id === n.id);
    const text = str(n.text);
    if (!o) {
      lines.push(t(m.measureAdded, { text }));
      continue;
    }
    kept.add(o.id as number);
    if (n.doneOn && !o.doneOn) lines.push(t(m.measureDone, { text, date: formatDate(n.doneOn) }));
    else if (!n.doneOn && o.doneOn) lines.push(t(m.measureReopened, { text }));
    else if (n.text !== o.text || n.kind !== o.kind || n.dueOn !== o.dueOn || n.doneOn !== o.doneOn)
      lines.push(t(m.measureEdited, { text }));
  }
  for (const o of old)
    if (o.id !== undefined && !kept.has(o.id)) lines.push(t(m.measureRemoved, { text: str(o.text) }));
  return lines;
}

/** One audit event in words: a headline and detail lines. */
export function describeEvent(e: HistoryEvent): { headline: string; details: string[] } {
  const actor = e.actor ? named(e.actor) : t(m.system);
  const before = obj(e.before);
  const after = obj(e.after);
  switch (e.action) {
    case 'form.filed':
    case 'form.drafted':
      return {
        headline: t(e.action === 'form.filed' ? m.filed : m.drafted, { actor, number: str(after.number) }),
        details: after.deadline ? [t(m.deadlineSet, { date: formatDate(str(after.deadline)) })] : [],
      };
    case 'form.transition': {
      const details: string[] = [];
      if (after.reason) details.push(t(m.reason, { text: str(after.reason) }));
      const v = obj(after.verification);
      if (after.verification)
        details.push(
          t(m.verification, {
            method: label(verificationMethodLabels, str(v.method)),
            result: label(verificationResultLabels, str(v.result)),
            notes: str(v.notes),
          }).trim(),
        );
      const a = obj(after.accountability);
      if (after.accountability)
        details.push(
          t(m.accountability, { outcome: label(outcomeLabels, str(a.outcome)), notes: str(a.notes) }).trim(),
        );
      if (after.deadline) details.push(t(m.deadlineSet, { date: formatDate(str(after.deadline)) }));
      return {
        headline: t(m.statusChanged, {
          actor,
          from: label(statusLabels, str(before.status)),
          to: label(statusLabels, str(after.status)),
        }),
        details,
      };
    }
    case 'form.updated': {
      const lines: { headline: string; details: string[] }[] = [];
      if ('rootCause' in after) {
        const cause = obj(after.rootCause);
        const whys = Array.isArray(cause.whys) ? (cause.whys as unknown[]).map(str) : [];
        lines.push({
          headline: t(
            after.rootCause === null
              ? m.rootCauseCleared
              : before.rootCause
                ? m.rootCauseChanged
                : m.rootCauseRecorded,
            { actor },
          ),
          details: after.rootCause
            ? [
                t(m.labelled, {
                  label: t(fm.causeCategory),
                  value: label(causeCategoryLabels, str(cause.category)),
                }),
                ...whys.map((w, i) => t(m.why, { n: i + 1, text: w })),
              ]
            : [],
        });
      }
      if ('measures' in after) {
        lines.push({
          headline: t(m.measuresChanged, { actor }),
          details: measureChanges(before.measures, after.measures),
        });
      }
      const fields = Object.keys(after).filter((k) => k !== 'rootCause' && k !== 'measures');
      if (fields.length) {
        lines.push({
          headline: t(m.fieldsChanged, {
            actor,
            fields: fields.map((f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f] as Message) : f)).join('、'),
          }),
          details: fields.map((f) =>
            t(m.fieldChange, {
              field: FIELD_LABELS[f] ? t(FIELD_LABELS[f] as Message) : f,
              before: fieldValue(f, before[f]),
              after: fieldValue(f, after[f]),
            }),
          ),
        });
      }
      const first = lines[0];
      if (!first) return { headline: t(m.fieldsChanged, { actor, fields: '' }), details: [] };
      return {
        headline: lines.map((l) => l.headline).join('；'),
        details: lines.flatMap((l) => l.details),
      };
    }
    case 'form.comment_added':
      return { headline: t(m.commented, { actor }), details: [str(after.body)] };
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
      return { headline: t(m.other, { actor, action: e.action }), details: [] };
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
          ${details.length ? html`<ul class="details">${details.map((d) => html`<li>${d}</li>`)}</ul>` : nothing}
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
