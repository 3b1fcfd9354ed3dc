import { css, html, nothing } from 'lit';
import type { FormSummary } from '../../api/forms.ts';
import { enumLabel } from '../../components/enum-label.ts';
import type { FieldErrors } from '../../components/form-errors.ts';
import { type Message, named, t } from '../../i18n/i18n.ts';
import { cardLabels, statusLabels } from './labels.ts';
import { formMessages } from './messages.ts';

/** Colours of the status, card and grade chips of the form screens (AA contrast, never colour alone). */
export const formChipStyles = css`
  .chip.status-draft { background: #f6f8fa; border-color: #8c959f; color: #424a53; border-style: dashed; }
  .chip.status-open { background: #e3eefd; border-color: #1f6feb; color: #0a3f91; }
  .chip.status-in_progress { background: #fff3cd; border-color: #9a6700; color: #6b4700; }
  .chip.status-verifying { background: #f1e8fd; border-color: #8250df; color: #512a97; }
  .chip.status-closed { background: #dafbe1; border-color: #1a7f37; color: #0f5323; }
  .chip.status-cancelled { background: #f6f8fa; border-color: #8c959f; color: #57606a; text-decoration: line-through; }
  .chip.card-yellow { background: #ffd33d; border-color: #9a6700; color: #3b2300; font-weight: 600; }
  .chip.card-red { background: #b42318; border-color: #8a1c12; color: #fff; font-weight: 600; }
  .chip.card-yellow::before, .chip.card-red::before { content: ''; display: inline-block; width: 0.55em; height: 0.75em;
    margin-right: 0.3em; border: 1px solid currentColor; border-radius: 1px; vertical-align: -0.05em; background: currentColor; opacity: 0.6; }
  .nowrap { white-space: nowrap; }
  .number { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; white-space: nowrap; }
  td.problem { max-width: 28rem; }
  td.problem .text { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  a.button.primary { background: var(--c-primary); border-color: var(--c-primary); color: var(--c-primary-text); }
`;

export function statusChip(status: string) {
  return html`<span class="chip status-${status}">${enumLabel(statusLabels, status)}</span>`;
}

/** The warning card of a form (黄牌 / 红牌), nothing when it has none. */
export function cardChip(card: string) {
  if (card !== 'yellow' && card !== 'red') return nothing;
  return html`<span class="chip card-${card}">${enumLabel(cardLabels, card)}</span>`;
}

export function gradeChip(grade: string) {
  return html`<span class="chip grade-${grade}">${grade}</span>`;
}

/** A record's name in the reader's language. */
export const nameOf = (r: { name: string; nameEn?: string | null } | null | undefined) => named(r);

/** Overdue first, then near the deadline, then by deadline; finished forms last, newest first. */
export function byUrgency(a: FormSummary, b: FormSummary): number {
  const done = (f: FormSummary) => (f.status === 'closed' || f.status === 'cancelled' ? 1 : 0);
  const card = (f: FormSummary) => (f.card === 'red' ? 0 : f.card === 'yellow' ? 1 : 2);
  return (
    done(a) - done(b) ||
    (done(a) ? b.number.localeCompare(a.number) : 0) ||
    card(a) - card(b) ||
    a.deadline.localeCompare(b.deadline) ||
    a.number.localeCompare(b.number)
  );
}

/** `t()` of a label record, with the raw value when the label is missing. */
export const label = (labels: Record<string, Message>, value: string | null | undefined) =>
  value ? enumLabel(labels, value) : '';

/** Bytes for people: 2.4 MB, 830 KB. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The shared schemas' own (English) refinement messages in the reader's language. */
export function localiseErrors(errors: FieldErrors): FieldErrors {
  const known: Record<string, Message> = {
    'must not be in the future': formMessages.notInFuture,
    'must not be before occurredOn': formMessages.notBeforeOccurred,
    'give at least one why': formMessages.atLeastOneWhy,
    'at most five whys': formMessages.atMostFiveWhys,
  };
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k, known[v] ? t(known[v] as Message) : v]),
  );
}
