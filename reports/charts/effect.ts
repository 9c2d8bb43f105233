/**
 * Parameter effect: a metric's median (with its confidence interval as an
 * error bar) against the values of one swept parameter, one line per series.
 * The parameter's values are categories in sweep order, evenly spaced.
 */
import { line, max as d3max, min as d3min, scalePoint } from 'd3';
import { esc } from '../html.js';
import { px, type Unit } from '../format.js';
import { axisLeft, niceScale } from './axis.js';
import { clip, designAttr, frame, svgOpen } from './svg.js';

export interface EffectPoint {
  median: number;
  ciLow: number;
  ciHigh: number;
  n: number;
}

export interface EffectSeries {
  name: string;
  color: string;
  design?: number;
  /** One per parameter value; null where the grid has no value. */
  points: readonly (EffectPoint | null)[];
}

export interface EffectSpec {
  label: string;
  parameter: string;
  values: readonly string[];
  series: readonly EffectSeries[];
  unit: Unit;
  axisLabel: string;
  valueText: (v: number) => string;
  width?: number;
}

export function effectChart(spec: EffectSpec): string {
  const f = frame(spec.width ?? 960, 240, { top: 10, right: 24, bottom: 40, left: 64 });
  const x = scalePoint<string>()
    .domain(spec.values.map((_, i) => String(i)))
    .range([0, f.innerWidth])
    .padding(0.5);
  const pts = spec.series.flatMap((s) => s.points.filter((p): p is EffectPoint => p !== null));
  const lo = Math.min(0, d3min(pts, (p) => p.ciLow) ?? 0);
  const hi = d3max(pts, (p) => p.ciHigh) ?? 1;
  const y = niceScale(lo, hi, spec.unit, [f.innerHeight, 0]);
  const out: string[] = [svgOpen(f, { chart: 'effect', series: spec.series.map((s) => s.name), label: spec.label })];
  out.push(axisLeft(y, f, { unit: spec.unit, label: spec.axisLabel }));
  out.push(`<g class="axis axis-x" transform="translate(${f.margin.left},${f.margin.top + f.innerHeight})"><line x1="0" y1="0" x2="${px(f.innerWidth)}" y2="0"/>`);
  spec.values.forEach((v, i) => out.push(`<text x="${px(x(String(i)) ?? 0)}" y="15" text-anchor="middle"><title>${esc(v)}</title>${esc(clip(v, 16))}</text>`));
  out.push(`<text class="axis-label" x="${px(f.innerWidth / 2)}" y="30" text-anchor="middle">${esc(clip(spec.parameter, 90))}</text></g>`);
  out.push(`<g class="marks" transform="translate(${f.margin.left},${f.margin.top})">`);
  for (const s of spec.series) {
    const d = line<EffectPoint | null>()
      .defined((p) => p !== null)
      .x((_, i) => x(String(i)) ?? 0)
      .y((p) => y(p!.median))
      .digits(1)(s.points.slice());
    out.push(`<g${designAttr(s.design)} data-series-name="${esc(s.name)}"><path d="${d ?? ''}" fill="none" stroke="${s.color}" stroke-width="1.6"/>`);
    s.points.forEach((p, i) => {
      if (p === null) return;
      const xx = px(x(String(i)) ?? 0);
      const tip = `${s.name}, ${spec.parameter} = ${spec.values[i]}: median ${spec.valueText(p.median)} (interval ${spec.valueText(p.ciLow)} to ${spec.valueText(p.ciHigh)}, n=${p.n})`;
      out.push(`<line x1="${xx}" y1="${px(y(p.ciLow))}" x2="${xx}" y2="${px(y(p.ciHigh))}" stroke="${s.color}"/><circle cx="${xx}" cy="${px(y(p.median))}" r="3.5" fill="${s.color}"><title>${esc(tip)}</title></circle>`);
    });
    out.push('</g>');
  }
  out.push('</g></svg>');
  return out.join('');
}
