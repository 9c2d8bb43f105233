/**
 * Impact series for charts: the worst machines and hosts per bucket, and a
 * quantile band over the whole fleet, from the impact monitor's per-machine
 * bucket means (resampled onto the series grid).
 */
import type { ImpactMonitor } from '../../sim/workload/impact-monitor.js';
import { SERIES_LIMITS, type DesignSeries, type ImpactRow } from '../results-series.js';
import { chartValues, resample, sortedQuantile, topByScore, type SeriesGrid } from './series-buckets.js';

interface MachineSeries {
  name: string;
  host: string | null;
  p95: number;
  demanded: number[];
  delivered: number[];
  inflation: number[];
}

/*
 * Loops and module-level callbacks, not arrows made per call: V8 drops an
 * arrow's optimized code when the arrow dies, so an arrow made per call is
 * optimized again in every run.
 */

export function impactSeries(impact: ImpactMonitor, grid: SeriesGrid): DesignSeries['impact'] {
  const machines: MachineSeries[] = [];
  for (const m of impact.report()) {
    const s = impact.series(m.machine);
    const inflation = resample(s.latencyInflation, s.bucketSec, grid, true);
    machines.push({
      name: m.machine,
      host: m.host,
      p95: m.latencyInflation.p95,
      demanded: resample(observedOnly(s.demandedIoBytesPerSec, s.latencyInflation), s.bucketSec, grid),
      delivered: resample(observedOnly(s.deliveredIoBytesPerSec, s.latencyInflation), s.bucketSec, grid),
      inflation,
    });
  }
  const topMachines = topByScore(machines, seriesP95, seriesName, SERIES_LIMITS.impactMachines).map((m) => row(m.name, [m]));
  const hosts: HostSeries[] = [];
  for (const h of impact.hostReport()) hosts.push({ name: `host/${h.host}`, p95: h.latencyInflation.p95, members: membersOf(machines, h.host) });
  const topHosts = topByScore(hosts, seriesP95, seriesName, SERIES_LIMITS.impactHosts).map((h) => row(h.name, h.members));
  return { machines: topMachines, hosts: topHosts, fleet: fleetBand(machines, grid.count) };
}

interface HostSeries {
  name: string;
  p95: number;
  members: MachineSeries[];
}

/**
 * Demand only counts where the machine was observed (its inflation is above
 * 0), so ratios compare like with like: the other buckets read 0.
 */
function observedOnly(values: readonly number[], inflation: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) out.push(inflation[i]! > 0 ? values[i]! : 0);
  return out;
}

function membersOf(machines: readonly MachineSeries[], host: string): MachineSeries[] {
  const out: MachineSeries[] = [];
  for (const m of machines) if (m.host === host) out.push(m);
  return out;
}

function seriesP95(x: { p95: number }): number {
  return x.p95;
}

function seriesName(x: { name: string }): string {
  return x.name;
}

/** A row pooled over some machines: delivered / demanded I/O, and the mean inflation of those observed. */
function row(name: string, members: readonly MachineSeries[]): ImpactRow {
  const n = members[0]?.inflation.length ?? 0;
  const deliveredRatio: number[] = [];
  const latencyInflation: number[] = [];
  for (let b = 0; b < n; b++) {
    let demanded = 0;
    let delivered = 0;
    let inflationSum = 0;
    let observed = 0;
    for (const m of members) {
      if (!(m.inflation[b]! > 0)) continue;
      observed++;
      inflationSum += m.inflation[b]!;
      demanded += m.demanded[b]!;
      delivered += m.delivered[b]!;
    }
    latencyInflation.push(observed > 0 ? inflationSum / observed : 0);
    deliveredRatio.push(observed === 0 ? 0 : demanded > 0 ? Math.min(1, delivered / demanded) : 1);
  }
  return { name, deliveredRatio: chartValues(deliveredRatio), latencyInflation: chartValues(latencyInflation) };
}

function fleetBand(machines: readonly MachineSeries[], count: number): DesignSeries['impact']['fleet'] {
  const p50: number[] = [];
  const p95: number[] = [];
  const max: number[] = [];
  const column: number[] = [];
  for (let b = 0; b < count; b++) {
    column.length = 0;
    for (const m of machines) if (m.inflation[b]! > 0) column.push(m.inflation[b]!);
    column.sort(ascending);
    p50.push(sortedQuantile(column, 0.5));
    p95.push(sortedQuantile(column, 0.95));
    max.push(column.length > 0 ? column[column.length - 1]! : 0);
  }
  return { p50: chartValues(p50), p95: chartValues(p95), max: chartValues(max) };
}

function ascending(x: number, y: number): number {
  return x - y;
}
