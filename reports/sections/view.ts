/**
 * What the sections draw from: each design of a run with its colour and its
 * toggle index (unique over the whole report), plus the figure wrapper every
 * chart sits in (title, computed one-line reading, legend, chart, notes).
 */
import { esc } from '../html.js';
import { designColor, legend, type LegendItem } from '../charts/svg.js';
import type { DesignResult, RunResultsFile } from '../input-types.js';

export interface DesignView {
  /** Toggle index, unique in the report (data-design). */
  index: number;
  name: string;
  color: string;
  r: DesignResult;
}

export interface RunView {
  file: RunResultsFile;
  /** A heading prefix when the report holds several runs, else ''. */
  label: string;
  /** Prefix for element ids, unique per run. */
  id: string;
  designs: DesignView[];
  endSec: number;
}

export function runView(file: RunResultsFile, firstIndex: number, label: string, id: string): RunView {
  const designs = file.designs.map((r, i) => ({ index: firstIndex + i, name: r.design, color: designColor(firstIndex + i), r }));
  const endSec = Math.max(file.days * 86_400, ...file.designs.map((d) => d.endSec));
  return { file, label, id, designs, endSec };
}

export function designLegend(designs: readonly DesignView[]): LegendItem[] {
  return designs.map((d) => ({ name: d.name, color: d.color, design: d.index }));
}

export interface FigureSpec {
  title: string;
  reading: string;
  chart: string;
  legend?: readonly LegendItem[];
  notes?: readonly string[];
  design?: number;
}

export function figure(f: FigureSpec): string {
  const notes = (f.notes ?? []).map((n) => `<p class="note">${esc(n)}</p>`).join('');
  const tag = f.design === undefined ? '' : ` data-design="${f.design}"`;
  return `<figure${tag}><figcaption>${esc(f.title)}</figcaption><p class="reading">${esc(f.reading)}</p>${legend(f.legend ?? [])}${f.chart}${notes}</figure>`;
}

export function section(id: string, title: string, body: string, intro = ''): string {
  const p = intro === '' ? '' : `<p class="note">${esc(intro)}</p>`;
  return `<section id="${esc(id)}"><h2>${esc(title)}</h2>${p}${body}</section>`;
}
