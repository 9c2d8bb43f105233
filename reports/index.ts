/**
 * results -> report.html. `renderReport` turns a run results file, a sweep
 * results file or several run results files into one self-contained HTML
 * page: inline CSS, static SVG charts drawn here with d3-scale and d3-shape,
 * one small inline script for toggles and sorting, no network requests.
 * Same input, same bytes: no clock, no randomness, fixed locale and precision.
 */
import { designColor } from './charts/svg.js';
import { esc, page, type DesignToggle } from './html.js';
import type { ReportInput, RunResultsFile, SweepResultsFile } from './input-types.js';
import { runBody } from './sections/run.js';
import { summaryTable } from './sections/summary.js';
import { sweepBody, sweepDesigns } from './sections/sweep.js';
import { runView, section, type RunView } from './sections/view.js';

export type { ReportInput, RunResultsFile, SweepResultsFile } from './input-types.js';

function isSweep(input: ReportInput): input is SweepResultsFile {
  return !Array.isArray(input) && (input as RunResultsFile | SweepResultsFile).kind === 'sweep';
}

function toggles(runs: readonly RunView[]): DesignToggle[] {
  return runs.flatMap((r) => r.designs.map((d) => ({ index: d.index, name: runs.length > 1 ? `${r.label}${d.name}` : d.name, color: d.color })));
}

function renderRuns(files: readonly RunResultsFile[]): string {
  if (files.length === 0) throw new Error('renderReport: no results files given');
  let next = 0;
  const several = files.length > 1;
  const runs = files.map((f, i) => {
    const v = runView(f, next, several ? `Run ${i + 1}: ` : '', several ? `run${i + 1}` : 'run');
    next += f.designs.length;
    return v;
  });
  if (!several) {
    const run = runs[0]!;
    return page({ title: run.file.scenario.title || run.file.scenario.name, subtitle: 'vmbsim backup design comparison', designs: toggles(runs), body: runBody(run) });
  }
  const all = runs.flatMap((r) => r.designs.map((d) => ({ d, label: `${r.label}${d.name}` })));
  const labels = new Map(all.map((x) => [x.d, x.label]));
  const compare = section('compare', 'All runs side by side', summaryTable(all.map((x) => x.d), (d) => labels.get(d) ?? d.name));
  const body = [compare, ...runs.map((r) => `<article id="${r.id}"><h2>${escTitle(r)}</h2>${runBody(r)}</article>`)].join('\n');
  return page({ title: `${runs.length} runs compared`, subtitle: 'vmbsim backup design comparison', designs: toggles(runs), body: contentsAll(runs) + body });
}

function escTitle(r: RunView): string {
  return esc(`${r.label}${r.file.scenario.title || r.file.scenario.name} (seed ${String(r.file.seed)})`);
}

function contentsAll(runs: readonly RunView[]): string {
  return `<nav class="toc"><p><a href="#compare">All runs side by side</a> · ${runs.map((r) => `<a href="#${r.id}">${escTitle(r)}</a>`).join(' · ')}</p></nav>`;
}

function renderSweep(file: SweepResultsFile): string {
  const designs = sweepDesigns(file).map((name, index) => ({ index, name, color: designColor(index) }));
  return page({ title: file.scenario.title || file.scenario.name, subtitle: 'vmbsim sweep across seeds and parameters', designs, body: sweepBody(file) });
}

/** The report for one run, one sweep, or several runs compared. */
export function renderReport(input: ReportInput): string {
  if (isSweep(input)) return renderSweep(input);
  return renderRuns(Array.isArray(input) ? (input as readonly RunResultsFile[]) : [input as RunResultsFile]);
}
