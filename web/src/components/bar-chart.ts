import { html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ChartElement, type ChartRow } from './chart-table.ts';

/** One bar: its label, its value (null: nothing to show, no bar) and its table cells (the value first). */
export interface Bar extends ChartRow {
  value: number | null;
  /** A colour: primary, second, ok, yellow, red, grey, a, b or c (grades). */
  tone?: string;
}

const WIDTH = 420;
const LABEL = 170;
const VALUE = 60;
const ROW = 26;

/**
 * A horizontal bar chart in SVG, a bar a row with its label and value, optionally against a target (a dashed
 * line), followed by its data table.
 */
@customElement('bar-chart')
export class BarChart extends ChartElement {
  @property({ attribute: false }) bars: Bar[] = [];
  /** The value a full bar stands for; the largest value when not given. */
  @property({ type: Number }) max = 0;
  /** Where the target line stands (on the same scale), if any. */
  @property({ type: Number }) target: number | null = null;

  protected rows(): ChartRow[] {
    return this.bars;
  }

  protected picture() {
    const top = Math.max(this.max, ...this.bars.map((b) => b.value ?? 0), 0);
    const span = WIDTH - LABEL - VALUE;
    const x = (v: number) => LABEL + (top === 0 ? 0 : (v / top) * span);
    const height = this.bars.length * ROW + 6;
    return html`<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label=${this.caption} preserveAspectRatio="xMinYMin meet">
      <line class="axis" x1=${LABEL} y1="0" x2=${LABEL} y2=${height}></line>
      ${this.bars.map((b, i) => {
        const y = i * ROW + 4;
        return svg`<g data-bar=${b.key}>
          <text x=${LABEL - 8} y=${y + 14} text-anchor="end" font-size="12">${b.label}</text>
          ${b.value === null ? '' : svg`<rect class="tone-${b.tone ?? 'primary'}" x=${LABEL} y=${y + 2} width=${Math.max(0, x(b.value) - LABEL)} height=${ROW - 10} rx="2"></rect>`}
          <text x=${(b.value === null ? LABEL : x(b.value)) + 6} y=${y + 14} font-size="12">${b.cells[0] ?? ''}</text>
        </g>`;
      })}
      ${this.target === null || top === 0 ? '' : svg`<line class="target" x1=${x(this.target)} y1="0" x2=${x(this.target)} y2=${height}></line>`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bar-chart': BarChart;
  }
}
