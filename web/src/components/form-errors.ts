import { html, nothing } from 'lit';
import { ApiError } from '../api/client.ts';
import { defineMessages, formatDate, type Message, t } from '../i18n/i18n.ts';
import { errorMessage } from './error-message.ts';

const m = defineMessages({
  required: { 'zh-CN': '必填', en: 'Required' },
  minChars: { 'zh-CN': '至少 {n} 个字符', en: 'At least {n} characters' },
  maxChars: { 'zh-CN': '最多 {n} 个字符', en: 'At most {n} characters' },
  minNumber: { 'zh-CN': '不能小于 {n}', en: 'Must be at least {n}' },
  maxNumber: { 'zh-CN': '不能大于 {n}', en: 'Must be at most {n}' },
  minItems: { 'zh-CN': '至少选择 {n} 项', en: 'Choose at least {n}' },
  maxItems: { 'zh-CN': '最多选择 {n} 项', en: 'Choose at most {n}' },
  email: { 'zh-CN': '请输入有效的电子邮箱地址', en: 'Enter an email address' },
  date: { 'zh-CN': '请输入日期（年-月-日）', en: 'Enter a date (YYYY-MM-DD)' },
  number: { 'zh-CN': '请输入整数', en: 'Enter a whole number' },
  choice: { 'zh-CN': '请从列表中选择', en: 'Choose one of the options' },
  summary: { 'zh-CN': '请修改以下内容：', en: 'Please correct the following:' },
  exists: { 'zh-CN': '已存在相同的记录', en: 'Already exists' },
  missingRef: {
    'zh-CN': '引用的记录不存在或正在使用',
    en: 'Refers to a record that does not exist or is in use',
  },
  notAllowed: { 'zh-CN': '不允许的值', en: 'Value not allowed' },
  unknownField: { 'zh-CN': '不认识的字段', en: 'Unknown field' },
  mustBeAfter: { 'zh-CN': '须晚于 {date}', en: 'Must be after {date}' },
  onOrAfter: { 'zh-CN': '不得早于 {date}', en: 'Must be on or after {date}' },
});

/** The server's field messages (English) in the reader's language, where the wording is known. */
function serverMessage(text: string): string {
  const fixed: Record<string, Message> = {
    required: m.required,
    'already exists': m.exists,
    'refers to a record that does not exist or is in use': m.missingRef,
    'value not allowed': m.notAllowed,
    'unknown field': m.unknownField,
    'must be an email address': m.email,
    'must be a date YYYY-MM-DD': m.date,
  };
  const known = fixed[text];
  if (known) return t(known);
  const chars = /^must be at (least|most) (\d+) characters$/.exec(text);
  if (chars) return t(chars[1] === 'least' ? m.minChars : m.maxChars, { n: chars[2] ?? '' });
  const after = /^must be (on or )?after (\d{4}-\d{2}-\d{2})$/.exec(text);
  if (after) return t(after[1] ? m.onOrAfter : m.mustBeAfter, { date: formatDate(after[2]) });
  return text;
}

/** Field path (first segment, e.g. `email`) → a sentence for the reader. */
export type FieldErrors = Record<string, string>;

/** The parts of a zod issue this module reads (zod 4's issue union fits it). */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  expected?: string;
  input?: unknown;
}

/** A zod issue in the reader's language (zod's own messages are English). */
export function issueMessage(issue: Issue): string {
  const n = Number(issue.minimum ?? issue.maximum ?? 0);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return n <= 1 ? t(m.required) : t(m.minChars, { n });
      if (issue.origin === 'array' || issue.origin === 'set') return t(m.minItems, { n });
      return t(m.minNumber, { n });
    case 'too_big':
      if (issue.origin === 'string') return t(m.maxChars, { n });
      if (issue.origin === 'array' || issue.origin === 'set') return t(m.maxItems, { n });
      return t(m.maxNumber, { n });
    case 'invalid_format':
      if (issue.format === 'email') return t(m.email);
      if (issue.format === 'date') return t(m.date);
      return issue.message;
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return t(m.required);
      if (issue.expected === 'number' || issue.expected === 'int') return t(m.number);
      return issue.message;
    case 'invalid_value':
      return t(m.choice);
    default:
      return issue.message;
  }
}

/** A field key: the path's first segment (`roles.0` → `roles`), or all of it (`deadlineDays.A`) with `fullPath`. */
function fieldKey(path: readonly PropertyKey[] | string, fullPath: boolean): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  return (fullPath ? parts.join('.') : parts[0]) || '(root)';
}

/** Client-side validation issues by field (the first issue of each field wins). */
export function zodFieldErrors(issues: readonly Issue[], options: { fullPath?: boolean } = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = fieldKey(issue.path, options.fullPath ?? false);
    out[key] ??= issueMessage(issue);
  }
  return out;
}

/**
 * A failed write as field errors (from the problem's `errors[]`) plus a sentence for the form as a whole.
 * Unknown fields (e.g. `If-Match`) stay in the sentence.
 */
export function apiFormErrors(
  err: unknown,
  knownFields: readonly string[],
  options: { fullPath?: boolean } = {},
): { fields: FieldErrors; message: string } {
  const fields: FieldErrors = {};
  if (!(err instanceof ApiError)) return { fields, message: errorMessage(err) };
  const rest: string[] = [];
  for (const e of err.problem.errors ?? []) {
    const key = fieldKey(e.path, options.fullPath ?? false);
    if (knownFields.includes(key)) fields[key] ??= serverMessage(e.message);
    else rest.push(`${e.path}: ${serverMessage(e.message)}`);
  }
  // A refusal (403) or conflict (409) says why in the server's own words, already in the reader's language.
  const refused = (err.status === 403 || err.status === 409) && !!err.problem.detail;
  const status = !refused && [0, 401, 403, 404, 412].includes(err.status);
  const headline = status ? errorMessage(err) : (err.problem.detail ?? err.problem.title);
  if (rest.length) return { fields, message: `${headline} (${rest.join('; ')})` };
  // When every complaint of a bad request sits on a field, the list of fields says it all.
  return { fields, message: Object.keys(fields).length && !status && !refused ? '' : headline };
}

/** The message under one field, linked to its input by `id` (use it in aria-describedby). */
export function fieldError(errors: FieldErrors, field: string, id: string) {
  const text = errors[field];
  return text ? html`<span class="error field-error" id=${id}>${text}</span>` : nothing;
}

/** A list of every field error with its field's label, announced when it appears. */
export function errorSummary(errors: FieldErrors, labels: Record<string, string>, message = '') {
  const entries = Object.entries(errors);
  if (!entries.length && !message) return nothing;
  return html`<div class="error" role="alert">
    ${message ? html`<p>${message}</p>` : ''}
    ${
      entries.length
        ? html`<p>${t(m.summary)}</p>
          <ul>${entries.map(([k, v]) => html`<li>${labels[k] ?? k}: ${v}</li>`)}</ul>`
        : ''
    }
  </div>`;
}
