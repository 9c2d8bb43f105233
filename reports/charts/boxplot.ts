/**
 * Distributions across seeds, one horizontal row per category: a whisker
 * from min to max, a box over the median's confidence interval, a tick at the
 * median, and one dot per seed (at most `maxDots`, the rest summarised).
 */
import { max as d3max, min as d3min, scaleBand } from 'd3';
import { esc } from '../html.js';
import { px, type Unit } from '../format.js';
import { axisBand, axisBottom, niceScale } from './axis.js';
import { designAttr, frame, svgOpen, textWidth, clip } from './svg.js';

export interface BoxStats {
  n: number;
  min: number;
  ciLow: number;
  median: number;
  ciHigh: number;
  max: number;
}

export interface BoxRow {
  label: string;
  color: string;
  design?: number;
  stats: BoxStats;
  points?: readonly number[];
}

export interface BoxplotSpec {
  label: string;
  rows: readonly BoxRow[];
  unit: Unit;
  axisLabel: string;
  valueText: (v: number) => string;
  maxDots?: number;
  width?: number;
  /**
   * Start the axis at zero (default false: span the data, so the spread across
   * seeds shows; the box plot encodes position, not length, so no baseline is needed).
   */
  fromZero?: boolean;
}

const ROW_PX = 22;

export function boxplotChart(spec: BoxplotSpec): string {
  const rows = spec.rows.map((r) => ({ ...r, stats: { ...r.stats }, points: (r.points ?? []).slice(0, spec.maxDots ?? 60) }));
  const left = Math.min(220, Math.max(60, ...rows.map((r) => textWidth(clip(r.label, 32)) + 12)));
  const f = frame(spec.width ?? 960, rows.length * ROW_PX + 52, { top: 8, right: 24, bottom: 42, left });
  const least = d3min(rows, (r) => r.stats.min) ?? 0;
  const lo = spec.fromZero === true ? Math.min(0, least) : least;
  const hi = d3max(rows, (r) => r.stats.max) ?? 1;
  const x = niceScale(lo, hi, spec.unit, [0, f.innerWidth]);
  const y = scaleBand<string>()
    .domain(rows.map((_, i) => String(i)))
    .range([0, f.innerHeight])
    .padding(0.25);
  const out: string[] = [svgOpen(f, { chart: 'boxplot', series: rows.map((r) => r.label), label: spec.label })];
  out.push(axisBottom(x, f, { unit: spec.unit, label: spec.axisLabel }));
  out.push(axisBand(y, f, rows.map((r) => r.label), 32));
  out.push(`<g class="marks" transform="translate(${f.margin.left},${f.margin.top})">`);
  rows.forEach((r, i) => {
    const s = r.stats;
    const y0 = y(String(i)) ?? 0;
    const h = y.bandwidth();
    const mid = px(y0 + h / 2);
    const t = spec.valueText;
    const tip = `${r.label}: median ${t(s.median)} (interval ${t(s.ciLow)} to ${t(s.ciHigh)}), min ${t(s.min)}, max ${t(s.max)}, n=${s.n}`;
    out.push(`<g${designAttr(r.design)} data-series-name="${esc(r.label)}"><title>${esc(tip)}</title>`);
    out.push(`<line x1="${px(x(s.min))}" y1="${mid}" x2="${px(x(s.max))}" y2="${mid}" stroke="${r.color}"/>`);
    out.push(`<rect x="${px(x(s.ciLow))}" y="${px(y0)}" width="${px(Math.max(1, x(s.ciHigh) - x(s.ciLow)))}" height="${px(h)}" fill="${r.color}" fill-opacity="0.3" stroke="${r.color}"/>`);
    out.push(`<line x1="${px(x(s.median))}" y1="${px(y0)}" x2="${px(x(s.median))}" y2="${px(y0 + h)}" stroke="${r.color}" stroke-width="2.5"/>`);
    for (const p of r.points) out.push(`<circle cx="${px(x(p))}" cy="${mid}" r="2" fill="${r.color}" fill-opacity="0.7"/>`);
    out.push('</g>');
  });
  out.push('</g></svg>');
  return out.join('');
}
