import { html } from 'lit';
import type { FormSummary } from '../../api/forms.ts';
import { common } from '../../i18n/common.ts';
import { formatDate, t } from '../../i18n/i18n.ts';
import { formMessages as m } from './messages.ts';
import { cardChip, gradeChip, nameOf, statusChip } from './parts.ts';

/** Which columns a table of forms shows. */
export interface FormColumns {
  grade?: boolean;
  /** The card in a column of its own (otherwise beside the deadline). */
  card?: boolean;
  unit?: boolean;
  foundOn?: boolean;
}

/** The header cells of a table of forms. */
export function formHead(c: FormColumns = {}) {
  return html`<th scope="col">${t(m.number)}</th>
    <th scope="col">${t(m.status)}</th>
    ${c.card ? html`<th scope="col">${t(m.card)}</th>` : ''}
    ${c.grade ? html`<th scope="col">${t(common.grade)}</th>` : ''}
    <th scope="col">${t(m.problem)}</th>
    <th scope="col" class="hide-narrow">${t(common.post)}</th>
    ${c.foundOn ? html`<th scope="col" class="hide-narrow">${t(m.foundOn)}</th>` : ''}
    <th scope="col">${t(m.deadline)}</th>`;
}

/** One form as a table row: its number links to the form page; the card sits by the deadline. */
export function formRow(f: FormSummary, c: FormColumns = {}) {
  return html`<tr data-form=${f.number}>
    <td><a class="number" href="/forms/${f.id}">${f.number}</a></td>
    <td>${statusChip(f.status)}</td>
    ${c.card ? html`<td>${cardChip(f.card)}</td>` : ''}
    ${c.grade ? html`<td>${gradeChip(f.grade)}</td>` : ''}
    <td class="problem"><span class="text" title=${f.problem}>${f.problem}</span></td>
    <td class="hide-narrow">${nameOf(f.post)}${c.unit ? html`<div class="muted">${nameOf(f.unit)}</div>` : ''}</td>
    ${c.foundOn ? html`<td class="hide-narrow">${formatDate(f.foundOn)}</td>` : ''}
    <td><span class="nowrap">${formatDate(f.deadline)}</span> ${c.card ? '' : cardChip(f.card)}</td>
  </tr>`;
}
