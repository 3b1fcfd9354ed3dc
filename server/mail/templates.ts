import compiled from '../../emails/compiled.json' with { type: 'json' };
import type { Locale } from '../db/types.ts';
import { compile, escapeHtml, type Fill, oneLine } from './engine.ts';

/** The messages Rectify sends, one compiled template each (emails/<name>.mjml and .txt). */
export const TEMPLATES = [
  'form-filed',
  'verification-requested',
  'form-status',
  'reminder',
  'digest',
  'digest-reminder',
  'talk-flag',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

type Compiled = Record<string, Record<string, { subject: string; html: string; text: string }>>;
const fills = new Map<string, { subject: Fill; html: Fill; text: Fill }>();

/** A template's three parts, parsed on first use and kept for the life of the process. */
function parts(name: TemplateName, locale: Locale) {
  const key = `${name}:${locale}`;
  let f = fills.get(key);
  if (!f) {
    const source = (compiled as Compiled)[name]?.[locale];
    if (!source) throw new Error(`no compiled email template ${key}: run npm run build`);
    f = {
      subject: compile(source.subject, oneLine),
      html: compile(source.html, escapeHtml),
      text: compile(source.text, (t) => t),
    };
    fills.set(key, f);
  }
  return f;
}

/** Only the subject line (what the outbox lists). */
export function renderSubject(name: TemplateName, locale: Locale, data: object): string {
  return parts(name, locale).subject(data);
}

/** One message for one recipient: every value is escaped for where it lands. */
export function renderMail(name: TemplateName, locale: Locale, data: object): Rendered {
  const f = parts(name, locale);
  return { subject: f.subject(data), html: f.html(data), text: f.text(data) };
}
