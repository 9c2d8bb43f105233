/**
 * A matrix of short verdicts (an HTML table, so long names wrap and it
 * prints): rows by columns, each cell a text, a tone (good, warn, bad, none)
 * and a tooltip. Used for what each design can protect and restore, per
 * platform and application, at what consistency.
 */
import { attr, esc, namesAttr } from '../html.js';
import { designAttr } from './svg.js';

export type Tone = 'good' | 'warn' | 'bad' | 'none';

export interface MatrixCell {
  text: string;
  tone: Tone;
  title?: string;
}

export interface MatrixColumn {
  name: string;
  design?: number;
}

export interface MatrixSpec {
  label: string;
  /** What the row headers are (first column title). */
  rowHeader: string;
  columns: readonly MatrixColumn[];
  rows: readonly { name: string; cells: readonly MatrixCell[] }[];
}

export function matrixChart(spec: MatrixSpec): string {
  const head = spec.columns.map((c) => `<th${designAttr(c.design)}>${esc(c.name)}</th>`).join('');
  const body = spec.rows
    .map((r) => {
      const cells = r.cells
        .map((c, i) => `<td class="${c.tone}"${designAttr(spec.columns[i]?.design)}${attr('title', c.title)}>${esc(c.text)}</td>`)
        .join('');
      return `<tr><th class="text" scope="row">${esc(r.name)}</th>${cells}</tr>`;
    })
    .join('');
  return (
    `<div class="table-wrap"><table class="matrix"${attr('aria-label', spec.label)} data-chart="matrix"${namesAttr('data-series', spec.columns.map((c) => c.name))}>` +
    `<thead><tr><th class="text">${esc(spec.rowHeader)}</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`
  );
}
