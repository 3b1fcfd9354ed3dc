import { css, html, nothing } from 'lit';
import type { LessonView, SimilarForm } from '../../api/lessons.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { defineMessages, formatDate, named, t } from '../../i18n/i18n.ts';
import { causeCategoryLabels, measureKindLabels } from '../forms/labels.ts';
import { statusChip } from '../forms/parts.ts';

export const lessonMessages = defineMessages({
  rootCause: { 'zh-CN': '根本原因', en: 'Root cause' },
  measures: { 'zh-CN': '整改措施', en: 'Measures' },
  exemplary: { 'zh-CN': '典型案例', en: 'Exemplary case' },
  markedBy: { 'zh-CN': '{name} 于 {date} 选定', en: 'Chosen by {name} on {date}' },
  foundOn: { 'zh-CN': '发现于 {date}', en: 'Found {date}' },
});
const m = lessonMessages;

/** The look of a lesson card: the form's number and problem, then what was learned. */
export const lessonStyles = css`
  ol.lessons { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: 0.75rem; }
  article.lesson { background: #fff; border: 1px solid var(--c-border); border-radius: 6px; padding: 0.75rem 1rem; }
  article.lesson header { display: flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; }
  article.lesson .problem { margin: 0.35rem 0; font-weight: 600; }
  article.lesson h3 { font-size: 0.9rem; margin: 0.5rem 0 0.2rem; color: var(--c-muted); }
  article.lesson ol, article.lesson ul { margin: 0; padding-left: 1.25rem; }
  article.lesson .exemplary { border-left: 4px solid #1a7f37; padding-left: 0.6rem; margin-top: 0.5rem; }
`;

type Lesson = Pick<
  LessonView,
  'id' | 'number' | 'status' | 'problem' | 'foundOn' | 'post' | 'unit' | 'rootCause' | 'measures'
> & { exemplary?: LessonView['exemplary'] };

/** A closed (or open) form as a lesson: problem, root cause (5 whys), measures, and the exemplary note. */
export function lessonCard(lesson: Lesson | SimilarForm, extra: unknown = nothing) {
  const x = 'exemplary' in lesson ? lesson.exemplary : null;
  return html`<article class="lesson" data-form=${lesson.number}>
    <header>
      <a class="number" href="/forms/${lesson.id}">${lesson.number}</a>
      ${statusChip(lesson.status)}
      <span class="muted">${named(lesson.unit)} · ${named(lesson.post)} · ${t(m.foundOn, { date: formatDate(lesson.foundOn) })}</span>
      ${extra}
    </header>
    <p class="problem">${lesson.problem}</p>
    ${
      lesson.rootCause
        ? html`<h3>${t(m.rootCause)} · ${enumLabel(causeCategoryLabels, lesson.rootCause.category)}</h3>
          <ol>${lesson.rootCause.whys.map((why) => html`<li>${why}</li>`)}</ol>`
        : nothing
    }
    ${
      lesson.measures.length > 0
        ? html`<h3>${t(m.measures)}</h3>
          <ul>${lesson.measures.map((mm) => html`<li>${enumLabel(measureKindLabels, mm.kind)}：${mm.text}</li>`)}</ul>`
        : nothing
    }
    ${
      x
        ? html`<div class="exemplary"><strong>${t(m.exemplary)}</strong> ${x.note}
          <div class="muted">${t(m.markedBy, { name: named(x.markedBy), date: formatDate(x.markedAt.slice(0, 10)) })}</div></div>`
        : nothing
    }
  </article>`;
}
