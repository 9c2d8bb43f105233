/**
 * Horizontal bar chart: one group per category, one bar per series in the
 * group (a single-series chart has one bar per group). A missing value (null)
 * is written `n/a` instead of a bar, so "cannot" never reads as "zero".
 */
import { max, scaleBand } from 'd3';
import { esc } from '../html.js';
import { px, type Unit } from '../format.js';
import { axisBand, axisBottom, niceScale } from './axis.js';
import { designAttr, frame, svgOpen, textWidth, clip } from './svg.js';

export interface Bar {
  series: string;
  value: number | null;
  color: string;
  design?: number;
  /** Tooltip text (exact value); defaults to `series: value`. */
  title?: string;
}

export interface BarGroup {
  label: string;
  bars: readonly Bar[];
}

export interface BarChartSpec {
  /** Accessible name of the chart. */
  label: string;
  groups: readonly BarGroup[];
  unit: Unit;
  /** Value axis title with its unit. */
  axisLabel: string;
  /** The text at the end of each bar. */
  valueText: (value: number) => string;
  width?: number;
  chart?: string;
}

const BAR_PX = 16;
const GROUP_GAP_PX = 8;

export function barChart(spec: BarChartSpec): string {
  const groups = spec.groups.map((g) => ({ label: g.label, bars: g.bars.map((b) => ({ ...b })) }));
  const perGroup = Math.max(1, ...groups.map((g) => g.bars.length));
  const left = Math.min(190, Math.max(60, ...groups.map((g) => textWidth(clip(g.label, 28)) + 12)));
  const groupPx = perGroup * BAR_PX + GROUP_GAP_PX;
  const f = frame(spec.width ?? 960, 14 + groups.length * groupPx + 40, { top: 8, right: 90, bottom: 40, left });
  const top = max(groups.flatMap((g) => g.bars.map((b) => b.value ?? 0))) ?? 0;
  const x = niceScale(0, top, spec.unit, [0, f.innerWidth]);
  const y = scaleBand<string>()
    .domain(groups.map((_, i) => String(i)))
    .range([0, f.innerHeight])
    .paddingInner(GROUP_GAP_PX / groupPx);
  const series = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.series)))];
  const out: string[] = [svgOpen(f, { chart: spec.chart ?? 'bars', series, label: spec.label })];
  out.push(axisBottom(x, f, { unit: spec.unit, label: spec.axisLabel }));
  out.push(axisBand(y, f, groups.map((g) => g.label)));
  out.push(`<g class="marks" transform="translate(${f.margin.left},${f.margin.top})">`);
  groups.forEach((g, gi) => {
    const y0 = y(String(gi)) ?? 0;
    const h = y.bandwidth() / Math.max(1, g.bars.length);
    g.bars.forEach((b, bi) => {
      const yy = y0 + bi * h;
      const shown = b.value === null ? 'n/a' : spec.valueText(b.value);
      const tip = esc(b.title ?? `${g.label}, ${b.series}: ${shown}`);
      if (b.value === null) {
        out.push(`<text class="value"${designAttr(b.design)} x="4" y="${px(yy + h / 2)}" dy="0.32em"><title>${tip}</title>n/a</text>`);
        return;
      }
      const w = Math.max(0, x(b.value));
      out.push(
        `<g${designAttr(b.design)} data-series-name="${esc(b.series)}"><rect x="0" y="${px(yy + 1)}" width="${px(w)}" height="${px(Math.max(1, h - 2))}" fill="${b.color}"><title>${tip}</title></rect>` +
          `<text class="value" x="${px(w + 4)}" y="${px(yy + h / 2)}" dy="0.32em">${esc(shown)}</text></g>`,
      );
    });
  });
  out.push('</g></svg>');
  return out.join('');
}
