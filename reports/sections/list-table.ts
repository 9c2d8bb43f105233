/**
 * A list table: one row per item of a design (a fault, a drill restore, a
 * kind of job note), the design's name first, each row tagged with its
 * design so the design toggles hide it. The lists of faults, drill restores
 * and job notes share this shape.
 */
import { esc, namesAttr } from '../html.js';
import type { DesignView } from './view.js';

export interface ListCell {
  text: string;
  /** The cell's class: 'text', 'label', 'why', a tone ('good', 'bad', 'none'), or '' for a figure. */
  cls: string;
  /** Shown on hover. */
  title?: string;
}

export function listRow(d: DesignView, cells: readonly ListCell[]): string {
  const tds = cells.map((c) => `<td${c.cls === '' ? '' : ` class="${c.cls}"`}${c.title === undefined ? '' : ` title="${esc(c.title)}"`}>${esc(c.text)}</td>`);
  return `<tr data-design="${d.index}"><th class="text" scope="row">${esc(d.name)}</th>${tds.join('')}</tr>`;
}

export interface ListTableSpec {
  /** The table's class and its `data-chart` name. */
  cls: string;
  chart: string;
  label: string;
  /** Column headers, the design's first. */
  columns: readonly string[];
  /** Designs with rows, for `data-series`. */
  names: readonly string[];
  rows: readonly string[];
}

export function listTable(t: ListTableSpec): string {
  const head = t.columns.map((c) => `<th class="text">${esc(c)}</th>`).join('');
  return `<div class="table-wrap"><table class="${t.cls}" aria-label="${esc(t.label)}" data-chart="${t.chart}"${namesAttr('data-series', t.names)}><thead><tr>${head}</tr></thead><tbody>${t.rows.join('')}</tbody></table></div>`;
}
