/**
 * What every chart shares: the plot frame (margins, size), the opening <svg>
 * tag with its data attributes (data-chart, data-series: the browser test and
 * readers of the HTML find a chart and its series by them), the design
 * palette, and the HTML legend.
 */
import { schemeTableau10 } from 'd3';
import { attr, esc, namesAttr } from '../html.js';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The plotting area inside an SVG of `width` x `height`. */
export interface Frame {
  width: number;
  height: number;
  margin: Margins;
  innerWidth: number;
  innerHeight: number;
}

export function frame(width: number, height: number, margin: Margins): Frame {
  return { width, height, margin, innerWidth: width - margin.left - margin.right, innerHeight: height - margin.top - margin.bottom };
}

/** The colour of the design at `index` in scenario order (Tableau 10, cycling). */
export function designColor(index: number): string {
  return schemeTableau10[index % schemeTableau10.length]!;
}

export interface SvgHead {
  chart: string;
  series: readonly string[];
  label: string;
}

/** `<svg ...><title>label</title>` for a frame; close with `</svg>`. */
export function svgOpen(f: Frame, head: SvgHead): string {
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img"` +
    `${attr('aria-label', head.label)}${attr('data-chart', head.chart)}${namesAttr('data-series', head.series)}>` +
    `<title>${esc(head.label)}</title>`
  );
}

/** `data-design="i"` for elements a design toggle hides; empty when the element belongs to no design. */
export function designAttr(design: number | undefined): string {
  return design === undefined ? '' : ` data-design="${design}"`;
}

export interface LegendItem {
  name: string;
  color: string;
  design?: number;
  /** 'line' draws a stroke swatch, 'dash' a dashed one, 'box' (default) a filled square. */
  mark?: 'box' | 'line' | 'dash' | 'band';
}

function swatch(item: LegendItem): string {
  const c = item.color;
  switch (item.mark ?? 'box') {
    case 'line':
      return `<svg width="16" height="10" aria-hidden="true"><line x1="0" y1="5" x2="16" y2="5" stroke="${c}" stroke-width="2"/></svg>`;
    case 'dash':
      return `<svg width="16" height="10" aria-hidden="true"><line x1="0" y1="5" x2="16" y2="5" stroke="${c}" stroke-width="2" stroke-dasharray="4 2"/></svg>`;
    case 'band':
      return `<svg width="16" height="10" aria-hidden="true"><rect width="16" height="10" fill="${c}" fill-opacity="0.25"/></svg>`;
    default:
      return `<span class="swatch" style="background:${c}"></span>`;
  }
}

/** An HTML legend (it wraps, and prints, with the figure). */
export function legend(items: readonly LegendItem[]): string {
  if (items.length === 0) return '';
  return `<ul class="legend">${items.map((i) => `<li${designAttr(i.design)}>${swatch(i)}${esc(i.name)}</li>`).join('')}</ul>`;
}

/** Shortens a label for an axis; the full name stays in the element's <title>. */
export function clip(label: string, maxChars: number): string {
  return label.length <= maxChars ? label : `${label.slice(0, Math.max(1, maxChars - 1))}…`;
}

/** A rough text width for a margin (no layout engine at build time). */
export function textWidth(label: string, pxPerChar = 6.2): number {
  return Math.ceil(label.length * pxPerChar);
}

/** `kind name`, unless the name already starts with `kind/` (resource paths such as `host/esx-01/nic`). */
export function kindLabel(kind: string, name: string): string {
  return name.startsWith(`${kind}/`) ? name : `${kind} ${name}`;
}
