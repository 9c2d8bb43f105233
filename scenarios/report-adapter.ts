/**
 * The HTML report of results files (reports/, `renderReport`). Kept behind
 * this small adapter so the CLI loads the report code only for the commands
 * that write a report.
 */
import type { RunResultsFile, SweepResultsFile } from './results-file.js';

export type ReportInput = RunResultsFile | SweepResultsFile | RunResultsFile[];

type Renderer = (input: ReportInput) => string;

let renderer: Renderer | null = null;

/** Loads the renderer once (call before renderReportHtml). */
export async function loadReportRenderer(): Promise<void> {
  if (renderer !== null) return;
  const { renderReport } = await import('../reports/index.js');
  renderer = renderReport;
}

export function renderReportHtml(input: ReportInput): string {
  if (renderer === null) throw new Error('renderReportHtml called before loadReportRenderer');
  return renderer(input);
}
