import { css, html } from 'lit';
import { EXPORT_FORMATS, ledgerApi } from '../api/ledger.ts';
import { defineMessages, t } from '../i18n/i18n.ts';

const m = defineMessages({
  export: { 'zh-CN': '导出', en: 'Export' },
  group: { 'zh-CN': '按当前筛选条件导出', en: 'Export what these filters select' },
  asFormat: {
    'zh-CN': '按当前筛选条件导出为 {format} 文件',
    en: 'Export what these filters select as {format}',
  },
});

/** The look of `exportLinks`: a label and its buttons on one line. */
export const exportLinksStyles = css`
  .exports { display: inline-flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
  .exports .label { color: var(--c-muted); font-size: 0.9rem; }
`;

/**
 * "Export: XLSX CSV", download links to a list's ledger (`/forms` → `/api/forms/export`) with the filters it
 * shows now: the browser streams the file, so a ledger of any length downloads without the page holding it.
 */
export function exportLinks(list: string, filters: Record<string, string | undefined>) {
  return html`<span class="exports" role="group" aria-label=${t(m.group)}>
    <span class="label" aria-hidden="true">${t(m.export)}</span>
    ${EXPORT_FORMATS.map(
      (format) => html`<a class="button" href=${ledgerApi.exportUrl(list, format, filters)} download
        data-format=${format} aria-label=${t(m.asFormat, { format: format.toUpperCase() })}>⤓ ${format.toUpperCase()}</a>`,
    )}
  </span>`;
}
