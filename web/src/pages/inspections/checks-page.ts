import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { InspectionView } from '../../api/inspections.ts';
import { exportLinks, exportLinksStyles } from '../../components/export-links.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { enumFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common } from '../../i18n/common.ts';
import { defineMessages, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { formChipStyles } from '../forms/parts.ts';
import { kindLabels, methodLabels, resultLabels } from './labels.ts';
import { inspectionMessages as im } from './messages.ts';
import { checkHead, checkRow, inspectionStyles, inspectionTabs, monthField } from './parts.ts';

const m = defineMessages({
  intro: {
    'zh-CN': '您可查看的检查记录，最新的在前。',
    en: 'The checks you may see, newest first.',
  },
});

const FILTER_KEYS = ['period', 'unitId', 'result', 'method', 'kind'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Checks recorded (检查记录): every check the person may see, filtered, newest first. */
@customElement('checks-page')
export class ChecksPage extends LitElement {
  static override styles = [base, formChipStyles, inspectionStyles, exportLinksStyles];

  private readonly list = new FilteredList<InspectionView, FilterKey>(this, '/inspections', FILTER_KEYS);
  private readonly i18n = new LocaleController(this);

  override render() {
    const f = this.list.filters;
    return html`
      <h1>${t(im.title)}</h1>
      ${inspectionTabs('checks')}
      <p class="muted">${t(m.intro)}</p>
      <div class="filters" role="search" aria-label=${t(common.filters)}>
        ${monthField(f.period ?? '', (v) => this.list.set('period', v))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        ${enumFilter(t(im.result), resultLabels, f.result, (v) => this.list.set('result', v))}
        ${enumFilter(t(im.method), methodLabels, f.method, (v) => this.list.set('method', v))}
        ${enumFilter(t(im.kind), kindLabels, f.kind, (v) => this.list.set('kind', v))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
        ${exportLinks('/inspections', f)}
      </div>
      ${listTable(this.list, t(im.checksTab), checkHead(), (i) => checkRow(i))}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'checks-page': ChecksPage;
  }
}
