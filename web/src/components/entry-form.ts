import { css, html, type TemplateResult } from 'lit';
import { type FieldErrors, fieldError } from './form-errors.ts';

/**
 * The look of a page that takes one record in a minute (file a form, record a check): fieldsets one under the
 * other, rows of fields that wrap on a narrow screen, one-of choices as pill-shaped radios, required marks.
 */
export const entryFormStyles = css`
  form { display: flex; flex-direction: column; gap: 1rem; max-width: 60rem; }
  fieldset { border: 1px solid var(--c-border); border-radius: var(--radius); padding: 0.75rem 1rem 1rem; margin: 0; background: #fff;
    display: flex; flex-direction: column; gap: 0.75rem; min-width: 0; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  fieldset.inner { border: none; padding: 0; margin: 0; background: none; gap: 0.4rem; }
  fieldset.inner legend { padding: 0; font-weight: normal; color: var(--c-muted); font-size: 0.9rem; }
  .row { display: flex; flex-wrap: wrap; gap: 1rem; }
  .row > * { flex: 1 1 14rem; }
  textarea { width: 100%; min-height: 6rem; resize: vertical; }
  .req { color: var(--c-danger); }
  .choices { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .choices label { flex-direction: row; align-items: center; gap: 0.4rem; border: 1px solid var(--c-border); border-radius: 999px;
    padding: 0.35rem 0.8rem; color: var(--c-text); background: var(--c-subtle); cursor: pointer; min-height: 2.5rem; }
  .choices label:has(input:checked) { background: #e8f0fe; border-color: var(--c-primary); font-weight: 600; }
  .field-error { font-size: 0.85rem; }
  .hint { font-size: 0.85rem; color: var(--c-muted); }
  .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: center; }
  .actions button { min-height: 2.75rem; }
`;

/** The red star after a required field's label (screen readers hear "required" from the input instead). */
export const requiredMark = html`<span class="req" aria-hidden="true">*</span>`;

export interface ChoiceGroup {
  /** The radios' name, also the field key of its error (`err-<name>`). */
  name: string;
  legend: string;
  /** Each value with its label, in the order offered. */
  options: [value: string, label: string | TemplateResult][];
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  required?: boolean;
}

/** A one-of field as pill-shaped radios (each label carries its value as a class), its error beneath. */
export function choiceGroup(c: ChoiceGroup) {
  return html`<fieldset class="inner" aria-describedby="err-${c.name}">
    <legend>${c.legend} ${c.required ? requiredMark : ''}</legend>
    <div class="choices">
      ${c.options.map(
        ([value, label]) => html`<label class=${value}><input type="radio" name=${c.name} value=${value}
          .checked=${c.value === value} @change=${() => c.onChange(value)} />${label}</label>`,
      )}
    </div>
    ${fieldError(c.errors, c.name, `err-${c.name}`)}
  </fieldset>`;
}
