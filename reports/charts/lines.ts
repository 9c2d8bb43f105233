/**
 * Time-series line chart over simulated time: lines per series, optional
 * shaded bands (a quantile range) and shaded overlay intervals behind them
 * (the backup jobs running). Long series are reduced to at most `maxPoints`
 * buckets by taking each group's max (or min), so peaks (or troughs) survive
 * and the drawing stays small whatever the run length.
 */
import { area, line, max as d3max, min as d3min, scaleLinear } from 'd3';
import { esc } from '../html.js';
import { clock, px, type Unit } from '../format.js';
import { axisLeft, axisTime, niceScale } from './axis.js';
import { designAttr, frame, svgOpen } from './svg.js';

export interface LineSeries {
  name: string;
  color: string;
  design?: number;
  values: readonly number[];
  dash?: boolean;
}

export interface Band {
  name: string;
  color: string;
  design?: number;
  low: readonly number[];
  high: readonly number[];
}

export interface Overlay {
  startSec: number;
  endSec: number;
  label: string;
  design?: number;
}

export interface LineChartSpec {
  label: string;
  bucketSec: number;
  endSec: number;
  series: readonly LineSeries[];
  bands?: readonly Band[];
  overlays?: readonly Overlay[];
  unit: Unit;
  axisLabel: string;
  valueText: (v: number) => string;
  /** Zero means "not observed": draw a gap there instead of a drop to 0. */
  zeroIsGap?: boolean;
  /** Keep each reduced bucket's max (default) or min. */
  reduce?: 'max' | 'min';
  yMin?: number;
  maxPoints?: number;
  width?: number;
  height?: number;
  chart?: string;
}

/** Groups of `factor` buckets reduced to one (max or min of the observed values; 0 when none). */
export function downsample(values: readonly number[], factor: number, reduce: 'max' | 'min', zeroIsGap: boolean): number[] {
  if (factor <= 1) return values.slice();
  const out: number[] = [];
  for (let i = 0; i < values.length; i += factor) {
    let acc: number | null = null;
    for (let j = i; j < Math.min(values.length, i + factor); j++) {
      const v = values[j]!;
      if (zeroIsGap && v === 0) continue;
      acc = acc === null ? v : reduce === 'max' ? Math.max(acc, v) : Math.min(acc, v);
    }
    out.push(acc ?? 0);
  }
  return out;
}

function peakText(values: readonly number[], bucketSec: number, text: (v: number) => string, zeroIsGap: boolean): string {
  let best = -1;
  let sum = 0;
  let n = 0;
  values.forEach((v, i) => {
    if (zeroIsGap && v === 0) return;
    sum += v;
    n++;
    if (best < 0 || v > values[best]!) best = i;
  });
  if (best < 0) return 'not observed';
  return `peak ${text(values[best]!)} at ${clock(best * bucketSec)}, mean ${text(sum / n)}`;
}

export function lineChart(spec: LineChartSpec): string {
  const longest = Math.max(1, ...spec.series.map((s) => s.values.length), ...(spec.bands ?? []).map((b) => b.high.length));
  const factor = Math.ceil(longest / (spec.maxPoints ?? 480));
  const bw = spec.bucketSec * factor;
  const gap = spec.zeroIsGap ?? false;
  const reduce = spec.reduce ?? 'max';
  const series = spec.series.map((s) => ({ ...s, reduced: downsample(s.values, factor, reduce, gap) }));
  const bands = (spec.bands ?? []).map((b) => ({ ...b, lo: downsample(b.low, factor, 'min', gap), hi: downsample(b.high, factor, 'max', gap) }));
  const f = frame(spec.width ?? 960, spec.height ?? 240, { top: 10, right: 16, bottom: 40, left: 64 });
  const all = [...series.flatMap((s) => s.reduced), ...bands.flatMap((b) => b.hi)].filter((v) => !gap || v > 0);
  const hi = d3max(all) ?? 1;
  const lo = spec.yMin ?? Math.min(0, d3min(all) ?? 0);
  const x = scaleLinear().domain([0, spec.endSec]).range([0, f.innerWidth]);
  const y = niceScale(lo, hi, spec.unit, [f.innerHeight, 0]);
  const xAt = (i: number) => x(Math.min(spec.endSec, (i + 0.5) * bw));
  const out: string[] = [svgOpen(f, { chart: spec.chart ?? 'lines', series: spec.series.map((s) => s.name), label: spec.label })];
  out.push(axisLeft(y, f, { unit: spec.unit, label: spec.axisLabel }));
  out.push(axisTime(x, f));
  out.push(`<g class="marks" transform="translate(${f.margin.left},${f.margin.top})">`);
  for (const o of spec.overlays ?? []) {
    const x0 = x(Math.max(0, o.startSec));
    const x1 = x(Math.min(spec.endSec, o.endSec));
    out.push(`<rect class="overlay"${designAttr(o.design)} x="${px(x0)}" y="0" width="${px(Math.max(0.5, x1 - x0))}" height="${px(f.innerHeight)}" fill="#8c959f" fill-opacity="0.14"><title>${esc(o.label)}</title></rect>`);
  }
  for (const b of bands) {
    const d = area<number>()
      .x((_, i) => xAt(i))
      .y0((_, i) => y(b.lo[i] ?? 0))
      .y1((v) => y(v))
      .defined((v, i) => !gap || (v > 0 && (b.lo[i] ?? 0) > 0))
      .digits(1)(b.hi);
    out.push(`<path class="band"${designAttr(b.design)} d="${d ?? ''}" fill="${b.color}" fill-opacity="0.2" stroke="none"><title>${esc(`${b.name}: ${peakText(b.high, spec.bucketSec, spec.valueText, gap)}`)}</title></path>`);
  }
  for (const s of series) {
    const d = line<number>()
      .x((_, i) => xAt(i))
      .y((v) => y(v))
      .defined((v) => !gap || v > 0)
      .digits(1)(s.reduced);
    const dash = s.dash === true ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<path class="line"${designAttr(s.design)} data-series-name="${esc(s.name)}" d="${d ?? ''}" fill="none" stroke="${s.color}" stroke-width="1.6"${dash}><title>${esc(`${s.name}: ${peakText(s.values, spec.bucketSec, spec.valueText, gap)}`)}</title></path>`,
    );
  }
  out.push('</g></svg>');
  return out.join('');
}
