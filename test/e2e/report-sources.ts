/**
 * Where the browser test gets its reports from. Today: reports rendered from
 * synthetic results files (test/support/report-fixtures.ts). The CLI can
 * replace `reportCases` with one that runs `vmbsim run` on the canonical
 * scenarios and reads the report files it writes; the test only needs the
 * cases below.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '../../reports/index.js';
import { syntheticRun, syntheticSweep } from '../support/report-fixtures.js';

export interface ReportCase {
  name: string;
  /** Absolute path of the report file on disk. */
  file: string;
  /** data-chart kinds that must be present, each drawn non-empty. */
  charts: string[];
  /** For some chart kinds, the data-series every instance must have, in page order. */
  series?: Record<string, string[][]>;
  /** A scenario name with markup in it that must render as text. */
  hostileText?: string;
}

export type ReportSource = (dir: string) => Promise<ReportCase[]>;

const RUN_CHARTS = ['summary', 'bars', 'window-nights', 'impact-latency-machines', 'impact-delivered-machines', 'impact-latency-hosts', 'gantt', 'concurrency', 'heatmap', 'storage-days', 'restore-times', 'instant-recovery', 'matrix'];

export const fixtureReports: ReportSource = async (dir) => {
  const run = syntheticRun({ vms: 48, days: 7 });
  const hostile = syntheticRun({ hostile: true, vms: 12, days: 2 });
  const write = (name: string, html: string) => {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return file;
  };
  return [
    {
      name: 'run',
      file: write('run', renderReport(run)),
      charts: RUN_CHARTS,
      series: { 'impact-latency-machines': run.designs.map((d) => d.series.impact.machines.map((m) => m.name)) },
    },
    { name: 'hostile', file: write('hostile', renderReport(hostile)), charts: RUN_CHARTS, hostileText: 'vm/<img src=x onerror=alert(1)>' },
    { name: 'sweep', file: write('sweep', renderReport(syntheticSweep({}))), charts: ['boxplot', 'effect'] },
    // The scale case: 1,000 VMs for 30 days, to time the first paint of a large page.
    { name: 'large', file: write('large', renderReport(syntheticRun({ vms: 1000, days: 30, designs: 4 }))), charts: RUN_CHARTS },
  ];
};
