/**
 * Production impact over time, per design: latency inflation and delivered /
 * demanded I/O for the most affected machines and for the most affected hosts
 * (the results keep the top 8 of each), the fleet's p50-p95 band, and the
 * time backup jobs ran shaded behind.
 */
import { schemeTableau10 } from 'd3';
import { esc } from '../html.js';
import { lineChart, type Overlay } from '../charts/lines.js';
import { clock, percent, ratio, type Unit } from '../format.js';
import type { DesignResult, ImpactRow } from '../input-types.js';
import { figure, section, type DesignView, type RunView } from './view.js';

const TIMES: Unit = { label: '×', divisor: 1 };
const SHARE: Unit = { label: '%', divisor: 0.01 };
const MAX_OVERLAYS = 240;

/** When backup jobs ran: the union of the job bars, or the nightly windows when there are too many pieces. */
export function busyIntervals(r: DesignResult): Overlay[] {
  const bars = r.series.jobs.map((j) => [j.startSec, j.endSec] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of bars) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const pieces = merged.length > 0 && merged.length <= MAX_OVERLAYS ? merged : r.windows.map((w) => [w.startSec, w.endSec] as [number, number]);
  return pieces.slice(0, MAX_OVERLAYS).map(([s, e]) => ({ startSec: s, endSec: e, label: `backup jobs running ${clock(s)} to ${clock(e)}` }));
}

function peak(values: readonly number[]): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

function trough(values: readonly number[]): number | null {
  let m: number | null = null;
  for (const v of values) if (v > 0 && (m === null || v < m)) m = v;
  return m;
}

const rowColor = (i: number) => schemeTableau10[i % schemeTableau10.length]!;

/** ` N of the M <whose> drawn have the same curve...` when lines would hide each other; else ''. */
export function coincideNote(rows: readonly ImpactRow[], pick: (r: ImpactRow) => readonly number[], whose: string): string {
  const first = rows[0];
  if (first === undefined) return '';
  const same = rows.filter((r) => pick(r).length === pick(first).length && pick(r).every((v, i) => v === pick(first)[i])).length;
  return same > 1 ? ` ${same} of the ${rows.length} ${whose} drawn have the same curve, so their lines coincide.` : '';
}

function rowsChart(d: DesignView, rows: readonly ImpactRow[], what: 'latency' | 'delivered', whose: string, run: RunView): string {
  const s = d.r.series;
  const latency = what === 'latency';
  return lineChart({
    label: `${d.name}: ${latency ? 'latency inflation' : 'delivered / demanded I/O'} of the most affected ${whose}`,
    chart: latency ? `impact-latency-${whose}` : `impact-delivered-${whose}`,
    bucketSec: s.bucketSec,
    endSec: run.endSec,
    series: rows.map((r, i) => ({ name: r.name, color: rowColor(i), values: latency ? r.latencyInflation : r.deliveredRatio })),
    bands: latency && whose === 'machines' && s.impact.fleet.p95.length > 0 ? [{ name: 'fleet p50 to p95', color: '#8c959f', low: s.impact.fleet.p50, high: s.impact.fleet.p95 }] : [],
    overlays: busyIntervals(d.r),
    unit: latency ? TIMES : SHARE,
    axisLabel: latency ? 'latency / zero-load latency (×)' : 'delivered / demanded I/O (%)',
    valueText: latency ? ratio : percent,
    zeroIsGap: true,
    reduce: latency ? 'max' : 'min',
    yMin: latency ? 1 : 0,
    height: 220,
  });
}

function designImpact(d: DesignView, run: RunView): string {
  const { machines, hosts, fleet } = d.r.series.impact;
  const worst = machines[0];
  const fleetPeak = peak(fleet.p95);
  const legendOf = (rows: readonly ImpactRow[]) => rows.map((r, i) => ({ name: r.name, color: rowColor(i), mark: 'line' as const }));
  const shade = { name: 'backup jobs running', color: '#8c959f' };
  const latencyReading =
    worst === undefined
      ? `${d.name}: no machine impact was recorded.`
      : `Under ${d.name}, ${worst.name} is the most affected machine: latency inflation peaks at ${ratio(peak(worst.latencyInflation))}; the fleet's p95 peaks at ${ratio(fleetPeak)}.` +
        coincideNote(machines, (r) => r.latencyInflation, 'machines');
  const deliveredReading = (rows: readonly ImpactRow[], whose: string) => {
    const low = rows.map((m) => ({ m: m.name, v: trough(m.deliveredRatio) })).filter((x) => x.v !== null).sort((a, b) => a.v! - b.v!)[0];
    if (low === undefined) return `${d.name}: no delivered-I/O figures were recorded for ${whose}.`;
    if (low.v! >= 1) return `Under ${d.name}, every one of the ${whose} drawn got all the I/O it demanded (100.0%) throughout.`;
    return `Under ${d.name}, delivered I/O falls lowest on ${low.m}: ${percent(low.v)} of demand.`;
  };
  const worstHost = hosts[0];
  const hostReading =
    worstHost === undefined
      ? `${d.name}: no host impact was recorded.`
      : `Under ${d.name}, host ${worstHost.name} is the most affected: latency inflation peaks at ${ratio(peak(worstHost.latencyInflation))}.` + coincideNote(hosts, (r) => r.latencyInflation, 'hosts');
  return [
    `<h3 data-design="${d.index}">${esc(d.name)}</h3>`,
    figure({ design: d.index, title: `${d.name}: latency inflation, most affected machines`, reading: latencyReading, chart: rowsChart(d, machines, 'latency', 'machines', run), legend: [...legendOf(machines), { ...shade, name: 'fleet p50 to p95', mark: 'band' }, { ...shade, mark: 'band' }] }),
    figure({ design: d.index, title: `${d.name}: delivered / demanded I/O, most affected machines`, reading: deliveredReading(machines, 'machines'), chart: rowsChart(d, machines, 'delivered', 'machines', run), legend: [...legendOf(machines), { ...shade, mark: 'band' }] }),
    figure({ design: d.index, title: `${d.name}: latency inflation, most affected hosts`, reading: hostReading, chart: rowsChart(d, hosts, 'latency', 'hosts', run), legend: [...legendOf(hosts), { ...shade, mark: 'band' }] }),
    figure({ design: d.index, title: `${d.name}: delivered / demanded I/O, most affected hosts`, reading: deliveredReading(hosts, 'hosts'), chart: rowsChart(d, hosts, 'delivered', 'hosts', run), legend: [...legendOf(hosts), { ...shade, mark: 'band' }] }),
  ].join('');
}

export function impactSection(run: RunView): string {
  const body = run.designs.map((d) => designImpact(d, run)).join('');
  return section(
    `${run.id}-impact`,
    `${run.label}Production impact over time`,
    body,
    'Latency inflation is an M/M/1 estimate per stage of each application I/O path (R = S / (1 - rho), rho clamped to 0.99). Lines show the worst value in each plotted interval; grey bands show when backup jobs ran.',
  );
}
