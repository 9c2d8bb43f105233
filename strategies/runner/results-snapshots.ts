/** Snapshot and restore figures for the results, from job and restore records. */
import type { RestoreRecord, SnapshotRecord } from '../recorder.js';
import type { RestoreKindFigures, SnapshotFigures } from '../results.js';
import { meanMax } from './results-jobs.js';

export function snapshotFigures(records: readonly SnapshotRecord[]): SnapshotFigures {
  let extraIoBytes = 0;
  let stunSecMax = 0;
  let lost = 0;
  for (const s of records) {
    extraIoBytes += s.extraIoBytes;
    stunSecMax = Math.max(stunSecMax, s.stunSec);
    if (s.lost) lost++;
  }
  return {
    count: records.length,
    lifetimeSec: meanMax(records.map((s) => s.deletedSec - s.createdSec)),
    extraIoBytes,
    consolidationSec: meanMax(records.map((s) => s.consolidationSec)),
    stunSecMax,
    lost,
  };
}

/** Restores grouped by kind, kinds in order of first appearance. */
export function restoreFigures(restores: readonly RestoreRecord[]): RestoreKindFigures[] {
  const byKind = new Map<string, RestoreRecord[]>();
  for (const r of restores) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  return [...byKind].map(([kind, list]) => {
    const done = list.filter((r) => r.outcome.state === 'done');
    return {
      kind,
      count: list.length,
      done: done.length,
      failed: list.filter((r) => r.outcome.state === 'failed').length,
      unsupported: list.filter((r) => r.outcome.state === 'unsupported').length,
      serviceSec: meanMax(done.map((r) => r.serviceSec - r.requestedSec)),
      completeSec: meanMax(done.map((r) => r.completeSec - r.requestedSec)),
      ...runFromBackup(done),
    };
  });
}

/** Pooled over the done restores that ran a VM from its backup; nothing when none did. */
function runFromBackup(done: readonly RestoreRecord[]): Pick<RestoreKindFigures, 'runFromBackup'> {
  const ran = done.flatMap((r) => (r.running === undefined ? [] : [r.running]));
  if (ran.length === 0) return {};
  const demanded = ran.reduce((s, r) => s + r.ioDemandedBytes, 0);
  const delivered = ran.reduce((s, r) => s + r.ioDeliveredBytes, 0);
  return { runFromBackup: { ranSec: meanMax(ran.map((r) => r.ranSec)), ioDeliveredRatio: demanded > 0 ? delivered / demanded : 1 } };
}
