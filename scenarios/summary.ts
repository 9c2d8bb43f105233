/** A design's headline figures, flat (DesignSummary in results-file.ts), from its full result. */
import type { DesignResult } from '../strategies/results.js';
import type { DesignSummary, SummaryMetric } from './results-file.js';

/** The metrics of a summary, in file order (the order sweeps aggregate and tables print them). */
export const SUMMARY_METRICS: readonly SummaryMetric[] = [
  'backupWindowMeanSec',
  'readThroughputBytesPerSec',
  'latencyInflationP95DuringBackup',
  'ioDeliveredRatioDuringBackup',
  'bytesRead',
  'bytesSent',
  'bytesStored',
  'dedupeRatio',
  'rpoMaxGapSec',
  'restoreVmServiceSecMean',
  'instantRecoveryServiceSecMean',
  'fileRestoreCompleteSecMean',
  'hostCpuCycles',
  'guestCpuCycles',
  'unprotectedMachines',
  'failedJobs',
];

/** The mean service (or completion) time of a restore kind; null when none was done. */
function restoreMean(r: DesignResult, kind: string, field: 'serviceSec' | 'completeSec'): number | null {
  const k = r.restores.find((x) => x.kind === kind);
  return k === undefined || k.done === 0 ? null : k[field].mean;
}

export function designSummary(r: DesignResult): DesignSummary {
  return {
    design: r.design,
    family: r.family,
    backupWindowMeanSec: r.window.durationSec.mean,
    readThroughputBytesPerSec: r.window.readThroughputBytesPerSec,
    latencyInflationP95DuringBackup: r.impact.duringBackup.latencyInflationP95,
    ioDeliveredRatioDuringBackup: r.impact.duringBackup.ioDeliveredRatio,
    bytesRead: r.bytes.read,
    bytesSent: r.bytes.sent,
    bytesStored: r.bytes.stored,
    dedupeRatio: r.dedupeRatio,
    rpoMaxGapSec: r.recoveryPoints.rpoMaxGapSec,
    restoreVmServiceSecMean: restoreMean(r, 'vm', 'serviceSec'),
    instantRecoveryServiceSecMean: restoreMean(r, 'instant-recovery', 'serviceSec'),
    fileRestoreCompleteSecMean: restoreMean(r, 'file', 'completeSec'),
    hostCpuCycles: r.cpuCycles.host,
    guestCpuCycles: r.cpuCycles.guest,
    unprotectedMachines: r.unprotected.length,
    failedJobs: r.jobs.failed,
  };
}
