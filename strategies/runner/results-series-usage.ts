/**
 * Utilisation series for charts: the busiest resources of the flow network
 * (datastores, NICs, CPUs, links, targets...), as mean load / capacity per
 * bucket, from the network's usage log. Only the resources with the highest
 * instantaneous peaks are resampled, so a large estate costs little here.
 */
import type { FlowNetwork } from '../../sim/flow/network.js';
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

export function utilisationSeries(flows: FlowNetwork, grid: SeriesGrid): UtilisationRow[] {
  flows.settle();
  const peakUtil = (r: (typeof flows.resources)[number]): number => {
    const cap = r.capacity;
    return cap > 0 && Number.isFinite(cap) ? r.recorder.peakLoad / cap : 0;
  };
  // Shared infrastructure first: a machine's own vCPU is production's business (the impact series), and
  // a thousand of them would crowd out the datastores and links backup contends on.
  const busy = flows.resources.filter((r) => peakUtil(r) > 0);
  const infrastructure = busy.filter((r) => !isMachineResource(r.name));
  const candidates = topByScore(infrastructure, peakUtil, (r) => r.name, SERIES_LIMITS.utilisation * CANDIDATES_PER_ROW);
  const room = SERIES_LIMITS.utilisation - Math.min(SERIES_LIMITS.utilisation, infrastructure.length);
  candidates.push(...topByScore(busy.filter((r) => isMachineResource(r.name)), peakUtil, (r) => r.name, room * CANDIDATES_PER_ROW));
  const rows = candidates.map((r) => {
    const s = r.recorder.series(grid.endSec);
    const values = chartValues(resample(s.meanUtilisation, s.bucketSec, grid).map((u) => Math.min(1, Math.max(0, u))));
    return { resource: r.name, kind: resourceKind(r.name), peak: chartValue(values.reduce((m, v) => Math.max(m, v), 0)), values };
  });
  const kept = [
    ...topByScore(rows.filter((r) => !isMachineResource(r.resource)), (r) => r.peak, (r) => r.resource, SERIES_LIMITS.utilisation),
    ...topByScore(rows.filter((r) => isMachineResource(r.resource)), (r) => r.peak, (r) => r.resource, room),
  ];
  return kept.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byName(a.resource, b.resource),
  );
}
