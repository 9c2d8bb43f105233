/**
 * Axes as SVG strings: a left value axis with grid lines, a bottom value axis,
 * a bottom simulated-time axis (ticks on whole minutes, hours or days) and a
 * left category axis. Every axis carries its unit in its label.
 */
import { scaleLinear, type ScaleBand, type ScaleLinear } from 'd3';
import { esc } from '../html.js';
import { clock, px, tickFormatter, type Unit } from '../format.js';
import { clip, type Frame } from './svg.js';

export interface ValueAxisOptions {
  unit: Unit;
  /** The axis title, with its unit, e.g. `backup window (h)`. */
  label: string;
  ticks?: number;
  grid?: boolean;
}

function tickStepOf(values: number[]): number {
  return values.length > 1 ? values[1]! - values[0]! : Math.abs(values[0] ?? 1) || 1;
}

/** Tick values on round numbers of the unit (hours, GB), in base units. */
export function unitTicks(scale: ScaleLinear<number, number>, unit: Unit, count: number): number[] {
  const [a, b] = scale.domain() as [number, number];
  return scaleLinear()
    .domain([a / unit.divisor, b / unit.divisor])
    .ticks(count)
    .map((t) => t * unit.divisor);
}

/** A linear scale from lo..hi (base units) to range, its domain made nice in the display unit. */
export function niceScale(lo: number, hi: number, unit: Unit, range: [number, number]): ScaleLinear<number, number> {
  const top = hi > lo ? hi : lo + unit.divisor;
  const [a, b] = scaleLinear()
    .domain([lo / unit.divisor, top / unit.divisor])
    .nice()
    .domain() as [number, number];
  return scaleLinear()
    .domain([a * unit.divisor, b * unit.divisor])
    .range(range);
}

/** A vertical value axis at the frame's left edge, with horizontal grid lines. */
export function axisLeft(y: ScaleLinear<number, number>, f: Frame, o: ValueAxisOptions): string {
  const ticks = unitTicks(y, o.unit, o.ticks ?? 5);
  const label = tickFormatter(tickStepOf(ticks), o.unit);
  const out: string[] = [`<g class="axis axis-y" transform="translate(${f.margin.left},${f.margin.top})">`];
  out.push(`<line x1="0" y1="0" x2="0" y2="${px(f.innerHeight)}"/>`);
  for (const t of ticks) {
    const yy = px(y(t));
    if (o.grid !== false) out.push(`<g class="grid"><line x1="0" y1="${yy}" x2="${px(f.innerWidth)}" y2="${yy}"/></g>`);
    out.push(`<line x1="-4" y1="${yy}" x2="0" y2="${yy}"/><text x="-6" y="${yy}" dy="0.32em" text-anchor="end">${esc(label(t))}</text>`);
  }
  out.push(`<text class="axis-label" transform="rotate(-90)" x="${px(-f.innerHeight / 2)}" y="${px(-f.margin.left + 12)}" text-anchor="middle">${esc(o.label)}</text>`);
  out.push('</g>');
  return out.join('');
}

/** A horizontal value axis at the bottom of the plot, with vertical grid lines. */
export function axisBottom(x: ScaleLinear<number, number>, f: Frame, o: ValueAxisOptions): string {
  const ticks = unitTicks(x, o.unit, o.ticks ?? 5);
  const label = tickFormatter(tickStepOf(ticks), o.unit);
  const out: string[] = [`<g class="axis axis-x" transform="translate(${f.margin.left},${f.margin.top + f.innerHeight})">`];
  out.push(`<line x1="0" y1="0" x2="${px(f.innerWidth)}" y2="0"/>`);
  for (const t of ticks) {
    const xx = px(x(t));
    if (o.grid !== false) out.push(`<g class="grid"><line x1="${xx}" y1="${px(-f.innerHeight)}" x2="${xx}" y2="0"/></g>`);
    out.push(`<line x1="${xx}" y1="0" x2="${xx}" y2="4"/><text x="${xx}" y="15" text-anchor="middle">${esc(label(t))}</text>`);
  }
  out.push(`<text class="axis-label" x="${px(f.innerWidth / 2)}" y="30" text-anchor="middle">${esc(o.label)}</text>`);
  out.push('</g>');
  return out.join('');
}

const TIME_STEPS_SEC = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 432_000, 604_800, 1_209_600];

/** Tick times on a whole step (minutes to weeks), at most `maxTicks` of them. */
export function timeTicks(startSec: number, endSec: number, maxTicks: number): { ticks: number[]; stepSec: number } {
  const span = Math.max(1, endSec - startSec);
  const stepSec = TIME_STEPS_SEC.find((s) => span / s <= maxTicks) ?? TIME_STEPS_SEC[TIME_STEPS_SEC.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(startSec / stepSec) * stepSec; t <= endSec; t += stepSec) ticks.push(t);
  return { ticks, stepSec };
}

/** A simulated-time axis: `1d 06:00` labels (as a scenario writes times), or `1d` when the ticks are whole days. */
export function axisTime(x: ScaleLinear<number, number>, f: Frame, maxTicks = 8): string {
  const [t0, t1] = x.domain() as [number, number];
  const { ticks, stepSec } = timeTicks(t0, t1, maxTicks);
  const name = (t: number) => (stepSec % 86_400 === 0 ? `${Math.floor(t / 86_400)}d` : clock(t));
  const out: string[] = [`<g class="axis axis-x" transform="translate(${f.margin.left},${f.margin.top + f.innerHeight})">`];
  out.push(`<line x1="0" y1="0" x2="${px(f.innerWidth)}" y2="0"/>`);
  for (const t of ticks) {
    const xx = px(x(t));
    out.push(`<line x1="${xx}" y1="0" x2="${xx}" y2="4"/><text x="${xx}" y="15" text-anchor="middle">${esc(name(t))}</text>`);
  }
  out.push(`<text class="axis-label" x="${px(f.innerWidth / 2)}" y="30" text-anchor="middle">simulated time (day from 0, hh:mm)</text>`);
  out.push('</g>');
  return out.join('');
}

/** Category labels down the left edge, centred on each band; long names are clipped (full name in a tooltip). */
export function axisBand(y: ScaleBand<string>, f: Frame, labels: readonly string[], maxChars = 28): string {
  const out: string[] = [`<g class="axis axis-band" transform="translate(${f.margin.left},${f.margin.top})">`];
  for (const [i, l] of labels.entries()) {
    const yy = px((y(String(i)) ?? 0) + y.bandwidth() / 2);
    out.push(`<text x="-6" y="${yy}" dy="0.32em" text-anchor="end"><title>${esc(l)}</title>${esc(clip(l, maxChars))}</text>`);
  }
  out.push('</g>');
  return out.join('');
}
