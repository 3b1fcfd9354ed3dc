import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SummaryView } from '../../api/reports.ts';
import type { Bar } from '../../components/bar-chart.ts';
import type { TrendPoint } from '../../components/trend-chart.ts';
import { common, grades } from '../../i18n/common.ts';
import { formatMonth, formatNumber, formatPercent, locale, t } from '../../i18n/i18n.ts';
import { cardLabels, causeCategoryLabels, sourceLabels } from '../forms/labels.ts';
import { dashboardMessages as m } from './messages.ts';

/**
 * The dashboard's figures as chart bars and table rows, shared by the dashboard and its monthly A4 sheet, so
 * both say the same thing in the same words.
 */

/** A rate as a percentage, "—" when nothing was counted. */
export const percent = (rate: number | null) => (rate === null ? '—' : formatPercent(rate));

const count = (key: string, label: string, value: number, tone?: string): Bar => ({
  key,
  label,
  value,
  tone,
  cells: [formatNumber(value)],
});

const GRADE_TONE: Record<string, string> = { A: 'a', B: 'b', C: 'c' };
const CARD_TONE: Record<string, string> = { none: 'grey', yellow: 'yellow', red: 'red' };

/** One bar chart of the dashboard: what it is called, its table's header, its bars, its scale. */
export interface BarSpec {
  key: 'grade' | 'card' | 'source' | 'cause' | 'coverage';
  caption: string;
  head: string[];
  bars: Bar[];
  /** A rate chart: bars out of 1 (100%), against the target. */
  rate?: boolean;
  note?: string;
}

/** The dashboard's bar charts, in the order shown: open forms by grade and card, sources, causes, coverage. */
export function barCharts(s: SummaryView): BarSpec[] {
  const counted = (first: string) => [first, t(m.count)];
  return [
    {
      key: 'grade',
      caption: t(m.openByGrade),
      head: counted(t(common.grade)),
      bars: (['A', 'B', 'C'] as const).map((g) =>
        count(g, t(grades[g] ?? m.open), s.open.byGrade[g], GRADE_TONE[g]),
      ),
    },
    {
      key: 'card',
      caption: t(m.openByCard),
      head: counted(t(m.card)),
      bars: (['red', 'yellow', 'none'] as const).map((c) =>
        count(c, t(cardLabels[c] ?? m.card), s.open.byCard[c], CARD_TONE[c]),
      ),
    },
    {
      key: 'source',
      caption: t(m.bySource),
      head: counted(t(m.source)),
      bars: s.bySource.map((b) => count(b.source, t(sourceLabels[b.source] ?? m.source), b.count)),
    },
    {
      key: 'cause',
      caption: t(m.byCause),
      head: counted(t(m.cause)),
      bars: s.byCause.map((b) => count(b.category, t(causeCategoryLabels[b.category] ?? m.cause), b.count)),
      note: t(m.byCauseNote),
    },
    {
      // The bar is the rate; the table also says how many were due and checked.
      key: 'coverage',
      caption: t(m.coverage, { month: s.coverage.period }),
      head: [t(common.grade), t(m.coverageRate), t(m.due), t(m.checked)],
      bars: s.coverage.byGrade.map((g) => ({
        key: g.grade,
        label: t(grades[g.grade] ?? m.coverageRate),
        value: g.rate,
        tone: g.rate !== null && g.rate >= 1 ? 'ok' : 'primary',
        cells: [percent(g.rate), formatNumber(g.due), formatNumber(g.checked)],
      })),
      rate: true,
    },
  ];
}

/** A month in a few characters for an axis: Sep, 9月 (the year under January and the first month). */
function shortMonth(month: string, first: boolean) {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  const name = new Intl.DateTimeFormat(locale(), { month: 'short' }).format(new Date(y, mo - 1, 1));
  return first || mo === 1 ? `${name} ${y}` : name;
}

export const trendPoints = (s: SummaryView): TrendPoint[] =>
  s.trend.map((p, i) => ({
    key: p.month,
    label: formatMonth(p.month),
    short: shortMonth(p.month, i === 0),
    bars: [p.filed, p.closed],
    rate: p.rate,
    cells: [formatNumber(p.filed), formatNumber(p.closed), formatNumber(p.onTime), percent(p.rate)],
  }));
export const trendHead = () => [t(m.month), t(m.filed), t(m.closed), t(m.onTime), t(m.rate)];

/**
 * Sets the printed page (`@page` cannot act inside a shadow root, so it goes into the document) while its
 * host is on screen.
 */
export class PrintedPage implements ReactiveController {
  private style?: HTMLStyleElement;
  constructor(
    host: ReactiveControllerHost,
    private readonly rule: string,
  ) {
    host.addController(this);
  }
  hostConnected(): void {
    this.style = document.createElement('style');
    this.style.textContent = `${this.rule} @media print { html, body { background: #fff !important; } }`;
    document.head.append(this.style);
  }
  hostDisconnected(): void {
    this.style?.remove();
  }
}
