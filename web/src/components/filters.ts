import { css, html } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { common } from '../i18n/common.ts';
import { defineMessages, formatNumber, type Message, t } from '../i18n/i18n.ts';
import { enumLabel } from './enum-label.ts';

const m = defineMessages({
  text: { 'zh-CN': '关键词', en: 'Text' },
});

/** The free-text filter of a list page; `hint` says what it searches (code, name…). */
export function textFilter(hint: string, value: string | undefined, onInput: (value: string) => void) {
  return html`<label>${t(m.text)}
    <input type="search" .value=${value ?? ''} placeholder=${hint}
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)} />
  </label>`;
}

/** A date filter of a list page (found from, decided until…). */
export function dateFilter(label: string, value: string | undefined, onChange: (value: string) => void) {
  return html`<label>${label}
    <input type="date" .value=${value ?? ''} @change=${(e: Event) => onChange((e.target as HTMLInputElement).value)} />
  </label>`;
}

/** A `<select>` filter over an enum: "All" (or `allLabel`), then each value by its label, in `options` order. */
export function enumFilter(
  label: string,
  options: Record<string, Message>,
  value: string | undefined,
  onChange: (value: string) => void,
  allLabel = t(common.all),
) {
  return html`<label>${label}
    <select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      <option value="">${allLabel}</option>
      ${Object.entries(options).map(([k, v]) => html`<option value=${k} ?selected=${value === k}>${t(v)}</option>`)}
    </select>
  </label>`;
}

/** A month picker (YYYY-MM); clearing it changes nothing, since a month is always shown. */
export function monthFilter(label: string, value: string, onChange: (month: string) => void) {
  return html`<label>${label}
    <input type="month" required .value=${value}
      @change=${(e: Event) => {
        const month = (e.target as HTMLInputElement).value;
        if (month) onChange(month);
      }} />
  </label>`;
}

/** The look of `chipFilter`: pill-shaped toggles, the chosen one outlined. */
export const chipFilterStyles = css`
  .chips { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.75rem 0; }
  .chips button { border-radius: 999px; }
  .chips button[aria-pressed='true'] { outline: 3px solid var(--c-text); outline-offset: 1px; font-weight: 600; }
`;

export interface ChipFilter {
  /** The group's accessible name ("Filter by grade"). */
  label: string;
  /** The filter's key; each chip carries `data-<key>` with its value, or `all`. */
  key: string;
  /** Each value's label, in chip order. */
  options: Record<string, Message>;
  /** The label of the first chip, which shows every record. */
  allLabel: string;
  /** How many records each value would show; null while they are counted (or when counting failed). */
  counts: Record<string, number> | null;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** Colours the chips by value: with `grade-`, the chip for A has the class `grade-A`. */
  classPrefix?: string;
}

/**
 * A one-of filter as a group of toggle chips (`aria-pressed`), "all" first, each with how many records
 * choosing it would show ("…" until counted). Include `chipFilterStyles` in the page's styles.
 */
export function chipFilter(f: ChipFilter) {
  const data = unsafeStatic(`data-${f.key}`);
  const counts = f.counts;
  const chip = (value: string | undefined) => {
    const count = value
      ? counts?.[value]
      : counts && Object.keys(f.options).reduce((sum, k) => sum + (counts[k] ?? 0), 0);
    return staticHtml`<button class=${value && f.classPrefix ? `chip ${f.classPrefix}${value}` : 'chip'}
      aria-pressed=${f.value === value || (!value && !f.value)} ${data}=${value ?? 'all'} @click=${() => f.onChange(value)}>
      ${value ? enumLabel(f.options, value) : f.allLabel}
      <span class="count">${count === undefined || count === null ? '…' : formatNumber(count)}</span>
    </button>`;
  };
  return html`<div class="chips" role="group" aria-label=${f.label}>
    ${chip(undefined)} ${Object.keys(f.options).map(chip)}
  </div>`;
}
