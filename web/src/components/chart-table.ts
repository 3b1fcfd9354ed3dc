import { css, html, LitElement, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineMessages, LocaleController, t } from '../i18n/i18n.ts';
import { base } from '../styles.ts';

const m = defineMessages({
  showTable: { 'zh-CN': '显示数据表', en: 'Show the data table' },
  hideTable: { 'zh-CN': '隐藏数据表', en: 'Hide the data table' },
});

/** One row of a chart's data table: its label (a row header) and its cells. */
export interface ChartRow {
  key: string;
  label: string;
  cells: string[];
}

/** Rows as a table: the row's label as its header, then its cells (numbers, right-aligned). */
export function chartTable(caption: string, head: string[], rows: ChartRow[]) {
  const [first, ...rest] = head;
  return html`<table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${first}</th>${rest.map((h) => html`<th scope="col" class="num">${h}</th>`)}</tr></thead>
    <tbody>${rows.map(
      (r) =>
        html`<tr data-key=${r.key}><th scope="row">${r.label}</th>${r.cells.map((c) => html`<td class="num">${c}</td>`)}</tr>`,
    )}</tbody>
  </table>`;
}

/**
 * What every chart shares: a figure whose SVG is a picture of a real `<table>` holding the same data. The
 * table is always in the page for screen readers; on screen it is folded away until asked for. Colours are
 * kept when printing, and every bar carries its value in text too, so the chart reads in black and white.
 */
export abstract class ChartElement extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      figure { margin: 0; }
      figcaption { font-weight: 600; margin-bottom: 0.4rem; }
      svg { display: block; width: 100%; height: auto; overflow: visible; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      svg text { font-family: inherit; fill: #1b1f24; }
      svg .axis { stroke: #8c959f; stroke-width: 1; }
      svg .grid { stroke: #d0d7de; stroke-width: 1; }
      svg .target { stroke: #1a7f37; stroke-width: 2; stroke-dasharray: 6 4; }
      svg .muted { fill: #57606a; }
      .tone-primary { fill: #0b57d0; }
      .tone-second { fill: #7aa7f0; }
      .tone-ok { fill: #1a7f37; }
      .tone-yellow { fill: #bf8700; }
      .tone-red { fill: #b42318; }
      .tone-grey { fill: #8c959f; }
      .tone-a { fill: #b42318; }
      .tone-b { fill: #9a6700; }
      .tone-c { fill: #1f6feb; }
      button.table-toggle { margin-top: 0.3rem; font-size: 0.85rem; min-height: 1.8rem; padding: 0.1rem 0.6rem; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      tbody th[scope='row'] { background: none; font-weight: 600; }
      @media print { button.table-toggle { display: none; } }
    `,
  ];

  /** The chart's name: its caption, and its table's. */
  @property() caption = '';
  /** The header of the data table: the row label's column first. */
  @property({ attribute: false }) head: string[] = [];
  @state() private tableShown = false;
  protected readonly i18n = new LocaleController(this);

  protected abstract rows(): ChartRow[];
  protected abstract picture(): TemplateResult;

  override render() {
    return html`<figure>
      <figcaption>${this.caption}</figcaption>
      ${this.picture()}
      <button class="table-toggle" aria-pressed=${this.tableShown} @click=${() => (this.tableShown = !this.tableShown)}>
        ${t(this.tableShown ? m.hideTable : m.showTable)}
      </button>
      <div class="table-wrap ${this.tableShown ? '' : 'visually-hidden'}" data-testid="chart-table">
        ${chartTable(this.caption, this.head, this.rows())}
      </div>
    </figure>`;
  }
}
