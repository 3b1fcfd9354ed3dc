import type { DeliveryVia } from '../../../../server/mail/schema.ts';
import { css, html } from 'lit';
import { enumLabel } from '../../components/enum-label.ts';
import { pageTabStyles, pageTabs } from '../../components/tabs.ts';
import { t } from '../../i18n/i18n.ts';
import { mailStatusLabels } from './labels.ts';
import { mailMessages as m } from './messages.ts';

/** The look of the mail screens: their tabs, the status chips and the note on how mail is delivered. */
export const mailStyles = [
  pageTabStyles,
  css`
    .chip.mail-pending { background: #e3eefd; border-color: #1f6feb; color: #0a3f91; }
    .chip.mail-sent { background: #dafbe1; border-color: #1a7f37; color: #0f5323; }
    .chip.mail-failed { background: #fde8e7; border-color: #b42318; color: #8a1c12; font-weight: 600; }
    .chip.mail-sent::before { content: '✓ '; }
    .chip.mail-failed::before { content: '✗ '; }
    .note { border: 1px solid; border-radius: var(--radius); padding: 0.6rem 0.9rem; margin: 0 0 1rem; max-width: 60rem; }
    .note.viewer { background: #fff8e1; border-color: #d4a72c; color: #3b2300; }
    .note.smtp { background: #e3eefd; border-color: #1f6feb; color: #0a3f91; }
    .code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.85rem; }
    .nowrap { white-space: nowrap; }
    .intro { max-width: 60rem; }
    .filters input[type='month'] { min-width: 10rem; }
    /* What a narrow screen shows inside a cell in place of a column it hides (.hide-narrow). */
    .narrow-only { display: none; font-size: 0.85rem; }
    @media (max-width: 700px) { .narrow-only { display: block; } }
  `,
];

const TABS = [
  { path: '/mail', label: m.outboxTab },
  { path: '/mail/previews', label: m.previewTab },
  { path: '/mail/digest', label: m.digestTab },
];

/** The mail pages' own navigation, the current one marked. */
export function mailTabs(current: '/mail' | '/mail/previews' | '/mail/digest') {
  return pageTabs(
    t(m.sections),
    TABS.map((tab) => ({ path: tab.path, label: t(tab.label) })),
    current,
  );
}

export function mailStatusChip(status: string) {
  return html`<span class="chip mail-${status}">${enumLabel(mailStatusLabels, status)}</span>`;
}

/** Where mail goes: a note that the built-in viewer stands in for an SMTP server, or that one is used. */
export function deliveryNote(delivery: DeliveryVia) {
  const note = { viewer: m.viewerNote, smtp: m.smtpNote, http: m.httpNote }[delivery];
  return html`<p class="note ${delivery}" data-delivery=${delivery}>${t(note)}</p>`;
}

/** An email address that wraps before its @ rather than anywhere in a narrow column. */
export function address(to: string) {
  const at = to.lastIndexOf('@');
  return at < 0 ? to : html`${to.slice(0, at)}<wbr />${to.slice(at)}`;
}

/** The month before this one on this device, YYYY-MM: the month a digest on the 1st reports. */
export function previousMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
