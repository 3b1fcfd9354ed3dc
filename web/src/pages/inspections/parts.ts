import { css, html, nothing } from 'lit';
import type { InspectionView } from '../../api/inspections.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { monthFilter } from '../../components/filters.ts';
import { pageTabStyles, pageTabs } from '../../components/tabs.ts';
import { common } from '../../i18n/common.ts';
import { formatDate, named, t } from '../../i18n/i18n.ts';
import { gradeChip, statusChip } from '../forms/parts.ts';
import { dueStatusLabels, kindLabels, methodLabels, resultLabels } from './labels.ts';
import { inspectionMessages as m } from './messages.ts';

/** The look of the inspection screens: their tabs, result and status chips, and the risk point cells. */
export const inspectionStyles = [
  pageTabStyles,
  css`
    .chip.result-pass, .chip.due-checked { background: #dafbe1; border-color: #1a7f37; color: #0f5323; }
    .chip.result-fail, .chip.due-overdue { background: #fde8e7; border-color: #b42318; color: #8a1c12; font-weight: 600; }
    .chip.due-due { background: #e3eefd; border-color: #1f6feb; color: #0a3f91; }
    .chip.sampled { background: #f1e8fd; border-color: #8250df; color: #512a97; }
    .chip.result-pass::before { content: '✓ '; }
    .chip.result-fail::before { content: '✗ '; }
    td.point { min-width: 14rem; max-width: 30rem; }
    td.unit { min-width: 9rem; }
    td.point .text { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    .code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; white-space: nowrap; }
    .nowrap { white-space: nowrap; }
    .toolbar { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; flex-wrap: wrap; }
    .toolbar p { margin: 0 0 0.5rem; max-width: 52rem; }
    .filters input[type='month'] { min-width: 10rem; }
    a.button.primary { background: var(--c-primary); border-color: var(--c-primary); color: var(--c-primary-text); }
  `,
];

export type InspectionTab = 'due' | 'rechecks' | 'checks' | 'coverage';

const TABS: { key: InspectionTab; path: string; label: keyof typeof m }[] = [
  { key: 'due', path: '/inspections', label: 'dueTab' },
  { key: 'rechecks', path: '/inspections/rechecks', label: 'rechecksTab' },
  { key: 'checks', path: '/inspections/checks', label: 'checksTab' },
  { key: 'coverage', path: '/inspections/coverage', label: 'coverageTab' },
];

/** The inspection pages' own navigation, the current one marked. */
export function inspectionTabs(current: InspectionTab) {
  const tabs = TABS.map((tab) => ({ path: tab.path, label: t(m[tab.label]) }));
  return pageTabs(t(m.sections), tabs, TABS.find((tab) => tab.key === current)?.path ?? '');
}

export function resultChip(result: string) {
  return html`<span class="chip result-${result}">${enumLabel(resultLabels, result)}</span>`;
}

export function dueStatusChip(status: string) {
  return html`<span class="chip due-${status}">${enumLabel(dueStatusLabels, status)}</span>`;
}

/** The month picker of an inspection page (YYYY-MM). */
export function monthField(value: string, onChange: (month: string) => void) {
  return monthFilter(t(m.month), value, onChange);
}

type PointRef = { id: number; code: string; grade: string; description: string };

/** A risk point in a few characters: its code (a link to its page, the description in its tooltip) and grade. */
export function pointRef(p: PointRef) {
  return html`<a class="code" href="/risk-points/${p.id}" title=${p.description}>${p.code}</a> ${gradeChip(p.grade)}`;
}

/** A record as a table cell: its code or number linked, its grade, and its text on two lines at most. */
export function recordCell(href: string, code: string, grade: string, text: string) {
  return html`<td class="point">
    <a class="code" href=${href}>${code}</a> ${gradeChip(grade)}
    <span class="text" title=${text}>${text}</span>
  </td>`;
}

/** A risk point as a table cell: its code (a link to its page), grade and description. */
export const pointCell = (p: PointRef) => recordCell(`/risk-points/${p.id}`, p.code, p.grade, p.description);

/** The header cells of a table of checks; `point` adds what was checked (on a page about many points). */
export function checkHead(point = true) {
  return html`<th scope="col">${t(m.checkedOn)}</th>
    ${point ? html`<th scope="col">${t(m.riskPoint)}</th><th scope="col" class="hide-narrow">${t(m.unitAndPost)}</th>` : nothing}
    <th scope="col">${t(m.method)}</th>
    <th scope="col">${t(m.result)}</th>
    <th scope="col" class="hide-narrow">${t(m.inspector)}</th>
    <th scope="col">${t(m.form)}</th>`;
}

/** One check as a table row: its date links to the check. */
export function checkRow(i: InspectionView, point = true) {
  const what = i.recheckOf
    ? html`<td class="point">${enumLabel(kindLabels, 'recheck')}
        <a class="code" href="/forms/${i.recheckOf.id}">${i.recheckOf.number}</a> ${statusChip(i.recheckOf.status)}</td>`
    : i.riskPoint
      ? pointCell(i.riskPoint)
      : html`<td></td>`;
  return html`<tr data-inspection=${i.id} data-result=${i.result}>
    <td class="nowrap"><a href="/inspections/${i.id}">${formatDate(i.checkedOn)}</a></td>
    ${point ? html`${what}<td class="hide-narrow unit">${named(i.unit)}<div class="muted">${named(i.post)}</div></td>` : nothing}
    <td class="nowrap">${enumLabel(methodLabels, i.method)}${i.kind === 'recheck' && !point ? html`<div class="muted">${enumLabel(kindLabels, i.kind)}</div>` : nothing}</td>
    <td>${resultChip(i.result)}</td>
    <td class="hide-narrow nowrap">${named(i.inspector)}</td>
    <td>${
      i.form
        ? html`<a class="code" href="/forms/${i.form.id}">${i.form.number}</a>`
        : i.recheckOf && i.result === 'fail'
          ? html`<a href="/forms/${i.recheckOf.id}">${t(m.reopened, { number: i.recheckOf.number })}</a>`
          : t(common.none)
    }</td>
  </tr>`;
}
