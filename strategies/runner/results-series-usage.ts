/**
 * Utilisation series for charts: the busiest resources of the flow network
 * (datastores, NICs, CPUs, links, targets...), as mean load / capacity per
 * bucket, from the network's usage log. Only the resources with the highest
 * instantaneous peaks are resampled, so a large estate costs little here.
 */
import type { FlowNetwork, Resource } from '../../sim/flow/network.js';
import { SERIES_LIMITS, type ResourceKind, type UtilisationRow } from '../results-series.js';
import { byName, chartValue, chartValues, resample, topByScore, type SeriesGrid } from './series-buckets.js';

/** Candidates resampled per row kept: instantaneous peaks rank close to bucket peaks, not exactly. */
const CANDIDATES_PER_ROW = 4;
const KIND_ORDER: readonly ResourceKind[] = ['datastore', 'nic', 'link', 'cpu', 'proxy', 'target', 'tape', 'other'];

/** The kind of a resource, from its path (`datastore/san-gold/iops`, `host/esx-01/nic`). */
export function resourceKind(name: string): ResourceKind {
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (first.startsWith('tape') || last.startsWith('tape') || last.startsWith('drive')) return 'tape';
  if (last === 'nic') return 'nic';
  if (last === 'cpu' || last === 'vcpu') return 'cpu';
  if (first === 'network' || last.endsWith('link') || last === 'uplink') return 'link';
  if (first === 'datastore' || (first === 'physical' && (last === 'bandwidth' || last === 'iops'))) return 'datastore';
  if (first === 'target') return 'target';
  if (first === 'proxy') return 'proxy';
  return 'other';
}

function isMachineResource(name: string): boolean {
  return name.startsWith('vm/');
}

/*
 * The callbacks here are module-level functions, not arrows made per call:
 * V8 drops an arrow's optimized code when the arrow dies, so an arrow made
 * per call is optimized again in every run.
 */

export function utilisationSeries(flows: FlowNetwork, grid: SeriesGrid): UtilisationRow[] {
  flows.settle();
  // Shared infrastructure first: a machine's own vCPU is production's business (the impact series), and
  // a thousand of them would crowd out the datastores and links backup contends on.
  const infrastructure: Resource[] = [];
  const machines: Resource[] = [];
  for (const r of flows.resources) {
    if (!(peakUtil(r) > 0)) continue;
    if (isMachineResource(r.name)) machines.push(r);
    else infrastructure.push(r);
  }
  const candidates = topByScore(infrastructure, peakUtil, resourceName, SERIES_LIMITS.utilisation * CANDIDATES_PER_ROW);
  const room = SERIES_LIMITS.utilisation - Math.min(SERIES_LIMITS.utilisation, infrastructure.length);
  candidates.push(...topByScore(machines, peakUtil, resourceName, room * CANDIDATES_PER_ROW));
  const rows = candidates.map((r) => utilisationRow(r, grid));
  const kept = [
    ...topByScore(rows.filter((r) => !isMachineResource(r.resource)), rowPeak, rowResource, SERIES_LIMITS.utilisation),
    ...topByScore(rows.filter((r) => isMachineResource(r.resource)), rowPeak, rowResource, room),
  ];
  return kept.sort(rowOrder);
}

/** The highest instantaneous load of a resource over its capacity; 0 for one without a finite capacity. */
function peakUtil(r: Resource): number {
  const cap = r.capacity;
  return cap > 0 && Number.isFinite(cap) ? r.recorder.peakLoad / cap : 0;
}

function resourceName(r: Resource): string {
  return r.name;
}

/** A resource's mean utilisation per bucket of the grid, clamped to [0, 1], and its peak. */
function utilisationRow(r: Resource, grid: SeriesGrid): UtilisationRow {
  const s = r.recorder.series(grid.endSec);
  const means = resample(s.meanUtilisation, s.bucketSec, grid);
  for (let i = 0; i < means.length; i++) means[i] = Math.min(1, Math.max(0, means[i]!));
  const values = chartValues(means);
  let peak = 0;
  for (const v of values) peak = Math.max(peak, v);
  return { resource: r.name, kind: resourceKind(r.name), peak: chartValue(peak), values };
}

function rowPeak(r: UtilisationRow): number {
  return r.peak;
}

function rowResource(r: UtilisationRow): string {
  return r.resource;
}

/** Rows by resource kind (KIND_ORDER), then name. */
function rowOrder(a: UtilisationRow, b: UtilisationRow): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byName(a.resource, b.resource);
}
