import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { FormSummary } from '../../api/forms.ts';
import { exportLinks, exportLinksStyles } from '../../components/export-links.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { enumFilter, textFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, grades } from '../../i18n/common.ts';
import { defineMessages, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { formHead, formRow } from './form-table.ts';
import { sourceLabels, statusLabels, warningCardLabels } from './labels.ts';
import { formMessages as fm } from './messages.ts';
import { formChipStyles } from './parts.ts';

const m = defineMessages({
  title: { 'zh-CN': '改进记录', en: 'Forms' },
  intro: {
    'zh-CN': '您可查看的全部持续改进记录表，最新登记的在前。',
    en: 'Every improvement form you may see, newest first.',
  },
  textHint: { 'zh-CN': '编号或问题描述', en: 'Number or problem' },
  from: { 'zh-CN': '发现日期（起）', en: 'Found from' },
  to: { 'zh-CN': '发现日期（止）', en: 'Found until' },
  mine: { 'zh-CN': '只看我的', en: 'Only mine' },
  anyCard: { 'zh-CN': '全部', en: 'Any' },
});

const FILTER_KEYS = [
  'status',
  'grade',
  'card',
  'unitId',
  'postId',
  // Not offered as a control: links from a risk point or the dashboard's recurring problems carry it.
  'riskPointId',
  'source',
  'from',
  'to',
  'q',
  'mine',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The forms list (改进记录): filters kept in the address bar, newest first, "load more" by keyset cursor. */
@customElement('forms-page')
export class FormsPage extends LitElement {
  static override styles = [
    base,
    formChipStyles,
    exportLinksStyles,
    css`
      .toolbar { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; flex-wrap: wrap; }
      .toolbar .actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
      .filters label.check { flex-direction: row; align-items: center; gap: 0.4rem; min-width: auto; flex: 0 0 auto; min-height: 2.25rem; }
      .filters input[type='date'] { min-width: 9rem; }
    `,
  ];

  private readonly list = new FilteredList<FormSummary, FilterKey>(this, '/forms', FILTER_KEYS);
  private readonly i18n = new LocaleController(this);

  private date(key: 'from' | 'to', text: string) {
    return html`<label>${text}
      <input type="date" .value=${this.list.filters[key] ?? ''}
        @change=${(e: Event) => this.list.set(key, (e.target as HTMLInputElement).value)} />
    </label>`;
  }

  override render() {
    const f = this.list.filters;
    return html`
      <div class="toolbar">
        <div>
          <h1>${t(m.title)}</h1>
          <p class="muted">${t(m.intro)}</p>
        </div>
        <div class="actions">
          ${exportLinks('/forms', f)}
          <a class="button primary" href="/forms/new">＋ ${t(fm.fileForm)}</a>
        </div>
      </div>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${textFilter(t(m.textHint), f.q, (v) => this.list.set('q', v, 300))}
        ${enumFilter(t(fm.status), statusLabels, f.status, (v) => this.list.set('status', v))}
        ${enumFilter(t(fm.card), warningCardLabels, f.card, (v) => this.list.set('card', v), t(m.anyCard))}
        ${enumFilter(t(common.grade), grades, f.grade, (v) => this.list.set('grade', v))}
        ${enumFilter(t(fm.source), sourceLabels, f.source, (v) => this.list.set('source', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        <ref-select label=${t(common.post)} path="/posts" .value=${f.postId ?? ''} .query=${f.unitId ? { unitId: f.unitId } : {}}
          @change=${(e: CustomEvent<string>) => this.list.set('postId', e.detail)}></ref-select>
        ${this.date('from', t(m.from))}
        ${this.date('to', t(m.to))}
        <label class="check"><input type="checkbox" .checked=${f.mine === 'true'}
          @change=${(e: Event) => this.list.set('mine', (e.target as HTMLInputElement).checked ? 'true' : '')} />${t(m.mine)}</label>
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      ${listTable(
        this.list,
        t(m.title),
        formHead({ card: true, grade: true, unit: true, foundOn: true }),
        (x) => formRow(x, { card: true, grade: true, unit: true, foundOn: true }),
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'forms-page': FormsPage;
  }
}
