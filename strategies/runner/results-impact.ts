/**
 * Production impact for the results, from the impact monitor (DESIGN.md
 * decision 5). The monitor keeps exact totals and per-machine bucketed
 * series; the figures for "during backup" come from the series, each bucket
 * weighted by how much of it the backup windows cover, so they are exact up
 * to the bucket width (`bucketSec`, reported with them). Overall figures use
 * the same method, so the two compare like with like.
 */
import type { ImpactMonitor } from '../../sim/workload/impact-monitor.js';
import { TimeHistogram } from '../../sim/workload/time-histogram.js';
import type { BackupWindow, ImpactFigures, ImpactResults } from '../results.js';

interface Span {
  startSec: number;
  endSec: number;
}

class Pool {
  readonly hist = new TimeHistogram();
  weightSec = 0;
  ioDemanded = 0;
  ioDelivered = 0;
  cpuDemanded = 0;
  cpuDelivered = 0;

  figures(): ImpactFigures {
    const h = this.hist;
    return {
      observedMachineSec: this.weightSec,
      ioDemandedBytes: this.ioDemanded,
      ioDeliveredBytes: this.ioDelivered,
      ioDeliveredRatio: this.ioDemanded > 0 ? this.ioDelivered / this.ioDemanded : 1,
      cpuDeliveredRatio: this.cpuDemanded > 0 ? this.cpuDelivered / this.cpuDemanded : 1,
      latencyInflationMean: h.totalSec > 0 ? h.mean : 1,
      latencyInflationP95: h.totalSec > 0 ? h.quantile(0.95) : 1,
    };
  }
}

export function impactResults(impact: ImpactMonitor, windows: readonly BackupWindow[], endSec: number): ImpactResults {
  const machines = impact.report();
  const spans = mergeSpans(windows);
  const overall = new Pool();
  const during = new Pool();
  let bucketSec = 0;
  for (const m of machines) {
    const s = impact.series(m.machine);
    bucketSec = s.bucketSec;
    for (let b = 0; b < s.latencyInflation.length; b++) {
      const from = b * s.bucketSec;
      const to = Math.min(endSec, from + s.bucketSec);
      // A bucket the monitor did not observe reads 0 (an observed inflation is >= 1).
      if (!(to > from) || !(s.latencyInflation[b]! > 0)) continue;
      const sample = [s.demandedIoBytesPerSec[b]!, s.deliveredIoBytesPerSec[b]!, s.demandedCpuCyclesPerSec[b]!, s.deliveredCpuCyclesPerSec[b]!, s.latencyInflation[b]!] as const;
      add(overall, sample, to - from);
      const covered = overlapSec(spans, from, to);
      if (covered > 0) add(during, sample, covered);
    }
  }
  return {
    bucketSec,
    overall: overall.figures(),
    duringBackup: during.figures(),
    hosts: impact.hostReport().map((h) => ({
      host: h.host,
      latencyInflationP95: h.latencyInflation.p95,
      latencyInflationMax: h.latencyInflation.max,
      cpuUtilisationMean: h.cpuUtilisation.mean,
      cpuUtilisationPeak: h.cpuUtilisation.peak,
    })),
    worstMachineLatencyInflationP95: machines.reduce((worst, m) => Math.max(worst, m.latencyInflation.p95), 1),
  };
}

function add(pool: Pool, s: readonly [number, number, number, number, number], weightSec: number): void {
  pool.weightSec += weightSec;
  pool.ioDemanded += s[0] * weightSec;
  pool.ioDelivered += s[1] * weightSec;
  pool.cpuDemanded += s[2] * weightSec;
  pool.cpuDelivered += s[3] * weightSec;
  pool.hist.add(Math.max(1, s[4]), weightSec);
}

/** Windows as disjoint spans in time order (overlapping windows, e.g. continuous streams, merge). */
function mergeSpans(windows: readonly BackupWindow[]): Span[] {
  const sorted = [...windows].sort((a, b) => a.startSec - b.startSec);
  const out: Span[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && w.startSec <= last.endSec) last.endSec = Math.max(last.endSec, w.endSec);
    else out.push({ startSec: w.startSec, endSec: w.endSec });
  }
  return out;
}

function overlapSec(spans: readonly Span[], from: number, to: number): number {
  let sum = 0;
  for (const s of spans) {
    if (s.startSec >= to) break;
    sum += Math.max(0, Math.min(to, s.endSec) - Math.max(from, s.startSec));
  }
  return sum;
}
