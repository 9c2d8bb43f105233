/**
 * Where the browser test gets its reports from: the reports `vmbsim run`
 * writes for canonical scenarios (cli-reports.ts), and reports rendered from
 * synthetic results files (test/support/report-fixtures.ts) for what the
 * canonical scenarios do not reach: names with markup, a sweep, and 1,000 VMs
 * over 30 days.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '../../reports/index.js';
import { syntheticRun, syntheticSweep } from '../support/report-fixtures.js';
import { canonicalReports } from './cli-reports.js';

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
  /** Rendered in-process from synthetic results, not written by `vmbsim run`. */
  synthetic?: boolean;
}

export type ReportSource = (dir: string) => Promise<ReportCase[]>;

/** Every run report draws these; the restore charts only when the scenario asks for restore drills. */
const BASE_CHARTS = ['summary', 'bars', 'window-nights', 'impact-latency-machines', 'impact-delivered-machines', 'impact-latency-hosts', 'impact-delivered-hosts', 'gantt', 'concurrency', 'heatmap', 'storage-days', 'matrix'];
const RUN_CHARTS = [...BASE_CHARTS, 'restore-times', 'instant-recovery'];

/**
 * The canonical scenarios the browser opens, with what their drills make
 * the report draw: default asks for every restore kind, cdp-rpo for a full
 * VM and a point-in-time restore (no instant recovery), proxy-vs-agent for none;
 * tape-vs-disk, which writes to tape, draws the tape speeds too.
 */
const CANONICAL = [
  { name: 'default', charts: RUN_CHARTS },
  { name: 'proxy-vs-agent', charts: BASE_CHARTS },
  { name: 'cdp-rpo', charts: [...BASE_CHARTS, 'restore-times'] },
  { name: 'tape-vs-disk', charts: [...BASE_CHARTS, 'tape-speed', 'tape-table'] },
];

/** The reports of `vmbsim run` on the canonical scenarios, then the synthetic ones. */
export const allReports: ReportSource = async (dir) => [...(await canonicalReports(dir, CANONICAL)), ...(await fixtureReports(dir))];

export const fixtureReports: ReportSource = async (dir) => {
  const hostile = syntheticRun({ hostile: true, vms: 12, days: 2 });
  const large = syntheticRun({ vms: 1000, days: 30, designs: 4 });
  const write = (name: string, html: string) => {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return file;
  };
  const t0 = performance.now();
  const largeHtml = renderReport(large);
  console.log(`report-browser large: rendered in ${(performance.now() - t0).toFixed(0)} ms (1,000 VMs, 30 days, 4 designs)`);
  return [
    { name: 'hostile', synthetic: true, file: write('hostile', renderReport(hostile)), charts: RUN_CHARTS, hostileText: 'vm/<img src=x onerror=alert(1)>' },
    { name: 'sweep', synthetic: true, file: write('sweep', renderReport(syntheticSweep({}))), charts: ['boxplot', 'effect'] },
    // The scale case: 1,000 VMs for 30 days, to time the first paint of a large page.
    {
      name: 'large',
      synthetic: true,
      file: write('large', largeHtml),
      charts: RUN_CHARTS,
      series: { 'impact-latency-machines': large.designs.map((d) => d.series.impact.machines.map((m) => m.name)) },
    },
  ];
};
