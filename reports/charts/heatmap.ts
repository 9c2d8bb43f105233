/**
 * Utilisation heatmap: one row per resource, time across, colour by
 * utilisation in ten 10% steps. Columns are reduced to at most `maxCols`
 * (each keeps its buckets' max, so saturation is never averaged away), and
 * adjacent cells of one colour are drawn as one rectangle: the drawing grows
 * with how much the picture changes, not with the run length.
 */
import { interpolateYlOrRd, scaleLinear } from 'd3';
import { esc } from '../html.js';
import { clock, percent, px } from '../format.js';
import { axisTime } from './axis.js';
import { clip, frame, kindLabel, svgOpen, type LegendItem } from './svg.js';
import { downsample } from './lines.js';

export interface HeatRow {
  name: string;
  kind: string;
  /** Utilisation 0..1 per bucket. */
  values: readonly number[];
}

export interface HeatmapSpec {
  label: string;
  rows: readonly HeatRow[];
  bucketSec: number;
  endSec: number;
  maxCols?: number;
  width?: number;
}

export const HEAT_LEVELS = 10;
const ROW_PX = 14;

/** The colour step (0..9) of a utilisation. */
export function heatLevel(u: number): number {
  return Math.max(0, Math.min(HEAT_LEVELS - 1, Math.floor(u * HEAT_LEVELS)));
}

export function heatColor(level: number): string {
  return level === 0 ? '#f6f8fa' : interpolateYlOrRd((level + 0.5) / HEAT_LEVELS);
}

/** The colour scale as legend items: `0–10%` ... `90–100%`. */
export function heatLegend(): LegendItem[] {
  return Array.from({ length: HEAT_LEVELS }, (_, l) => ({ name: `${l * 10}–${l * 10 + 10}%`, color: heatColor(l) }));
}

/** Runs of equal colour in a row: [first column, column count, level, max value]. */
export function runsOf(values: readonly number[]): [number, number, number, number][] {
  const runs: [number, number, number, number][] = [];
  values.forEach((v, i) => {
    const level = heatLevel(v);
    const last = runs[runs.length - 1];
    if (last !== undefined && last[2] === level && last[0] + last[1] === i) {
      last[1]++;
      last[3] = Math.max(last[3], v);
    } else runs.push([i, 1, level, v]);
  });
  return runs;
}

export function heatmapChart(spec: HeatmapSpec): string {
  const longest = Math.max(1, ...spec.rows.map((r) => r.values.length));
  const factor = Math.ceil(longest / (spec.maxCols ?? 180));
  const colSec = spec.bucketSec * factor;
  const f = frame(spec.width ?? 960, spec.rows.length * ROW_PX + 52, { top: 8, right: 16, bottom: 44, left: 170 });
  const x = scaleLinear().domain([0, spec.endSec]).range([0, f.innerWidth]);
  const out: string[] = [svgOpen(f, { chart: 'heatmap', series: spec.rows.map((r) => r.name), label: spec.label })];
  out.push(axisTime(x, f));
  out.push(`<g class="marks" transform="translate(${f.margin.left},${f.margin.top})">`);
  spec.rows.forEach((r, ri) => {
    const y = ri * ROW_PX;
    const cols = downsample(r.values, factor, 'max', false);
    out.push(`<g class="heat-row" data-resource="${esc(r.name)}">`);
    out.push(`<text x="-6" y="${px(y + ROW_PX / 2)}" dy="0.32em" text-anchor="end"><title>${esc(kindLabel(r.kind, r.name))}</title>${esc(clip(kindLabel(r.kind, r.name), 28))}</text>`);
    out.push(`<rect x="0" y="${px(y)}" width="${px(f.innerWidth)}" height="${ROW_PX - 1}" fill="${heatColor(0)}"/>`);
    for (const [c0, n, level, peak] of runsOf(cols)) {
      if (level === 0) continue;
      const t0 = c0 * colSec;
      const t1 = Math.min(spec.endSec, (c0 + n) * colSec);
      const tip = `${r.name}: ${clock(t0)} to ${clock(t1)}, ${level * 10}–${level * 10 + 10}% (max ${percent(peak)})`;
      out.push(`<rect x="${px(x(t0))}" y="${px(y)}" width="${px(Math.max(0.5, x(t1) - x(t0)))}" height="${ROW_PX - 1}" fill="${heatColor(level)}"><title>${esc(tip)}</title></rect>`);
    }
    out.push('</g>');
  });
  out.push('</g></svg>');
  return out.join('');
}
