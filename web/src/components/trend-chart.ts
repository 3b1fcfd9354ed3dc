import { html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ChartElement, type ChartRow } from './chart-table.ts';

/** One month of the trend: counts as bars, a rate (0–1, null when nothing closed) as a line. */
export interface TrendPoint extends ChartRow {
  /** A short label for the axis (Sep, 9月). */
  short: string;
  bars: [number, number];
  rate: number | null;
}

const W = 640;
const H = 230;
const LEFT = 40;
const RIGHT = 44;
const TOP = 12;
const BOTTOM = 36;

/**
 * Month by month: two bars a month (e.g. filed and closed, on the left scale) and a rate line (on the right
 * scale, 0–100%) against a target, with a legend; followed by its data table.
 */
@customElement('trend-chart')
export class TrendChart extends ChartElement {
  @property({ attribute: false }) points: TrendPoint[] = [];
  /** The names of the two bars and of the line, for the legend. */
  @property({ attribute: false }) legend: [string, string, string] = ['', '', ''];
  /** The rate's target (1 = 100%). */
  @property({ type: Number }) target = 1;

  protected rows(): ChartRow[] {
    return this.points;
  }

  protected picture() {
    const n = Math.max(1, this.points.length);
    const top = Math.max(1, ...this.points.flatMap((p) => p.bars));
    const plotW = W - LEFT - RIGHT;
    const plotH = H - TOP - BOTTOM;
    const slot = plotW / n;
    const barW = Math.min(18, slot / 3);
    const y = (v: number) => TOP + plotH - (v / top) * plotH;
    const yRate = (r: number) => TOP + plotH - r * plotH;
    const cx = (i: number) => LEFT + slot * i + slot / 2;
    // Every month's label while they fit; else every second, third… one.
    const every = Math.ceil(n / 12);
    const line = this.points
      .map((p, i) => (p.rate === null ? null : `${cx(i)},${yRate(p.rate)}`))
      .filter((v) => v !== null);
    const [first, second, third] = this.legend;
    return html`<svg viewBox="0 0 ${W} ${H + 22}" role="img" aria-label=${this.caption}>
      <line class="grid" x1=${LEFT} y1=${TOP} x2=${W - RIGHT} y2=${TOP}></line>
      <line class="target" x1=${LEFT} y1=${yRate(this.target)} x2=${W - RIGHT} y2=${yRate(this.target)}></line>
      <line class="axis" x1=${LEFT} y1=${TOP + plotH} x2=${W - RIGHT} y2=${TOP + plotH}></line>
      <text x=${LEFT - 6} y=${TOP + 4} text-anchor="end" font-size="11" class="muted">${top}</text>
      <text x=${LEFT - 6} y=${TOP + plotH} text-anchor="end" font-size="11" class="muted">0</text>
      <text x=${W - RIGHT + 6} y=${TOP + 4} font-size="11" class="muted">100%</text>
      <text x=${W - RIGHT + 6} y=${TOP + plotH} font-size="11" class="muted">0%</text>
      ${this.points.map(
        (p, i) => svg`<g data-month=${p.key}>
          <rect class="tone-primary" x=${cx(i) - barW - 1} y=${y(p.bars[0])} width=${barW} height=${TOP + plotH - y(p.bars[0])}></rect>
          <rect class="tone-second" x=${cx(i) + 1} y=${y(p.bars[1])} width=${barW} height=${TOP + plotH - y(p.bars[1])}></rect>
          ${i % every === 0 ? svg`<text x=${cx(i)} y=${TOP + plotH + 16} text-anchor="middle" font-size="11">${p.short}</text>` : ''}
        </g>`,
      )}
      ${line.length > 1 ? svg`<polyline points=${line.join(' ')} fill="none" stroke="#1a7f37" stroke-width="2.5"></polyline>` : ''}
      ${this.points.map((p, i) => (p.rate === null ? '' : svg`<circle cx=${cx(i)} cy=${yRate(p.rate)} r="3.5" class="tone-ok"></circle>`))}
      <g transform="translate(${LEFT}, ${H + 8})" font-size="12">
        <rect class="tone-primary" x="0" y="-9" width="12" height="10"></rect><text x="16" y="0">${first}</text>
        <rect class="tone-second" x="150" y="-9" width="12" height="10"></rect><text x="166" y="0">${second}</text>
        <line x1="300" y1="-4" x2="316" y2="-4" stroke="#1a7f37" stroke-width="2.5"></line><text x="320" y="0">${third}</text>
      </g>
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trend-chart': TrendChart;
  }
}
