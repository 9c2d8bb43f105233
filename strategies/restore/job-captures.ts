/**
 * Guest captures from the run's own job records: a backup job that made a
 * restore point keeps the guest's in-memory state of the point's instant in
 * its record (`JobRecord.capture`), so verification and application-item
 * restores can judge the point's images with the guest's own
 * classification (point-verdict.ts) without a test probe.
 *
 * A capture given in the restore context (a test's probe) wins; then the
 * design's own `captureAt` (agent, CDP bookmarks); then the job records.
 */
import type { GuestCapture } from '../../sim/guest/guest.js';
import type { BackupRecorder } from '../recorder.js';
import type { PointCaptures } from './context.js';

interface DesignWithCaptures {
  captureAt(machinePath: string, pointSec: number): GuestCapture | undefined;
}

function hasCaptures(design: object): design is DesignWithCaptures {
  return typeof (design as Partial<DesignWithCaptures>).captureAt === 'function';
}

/** Captures kept by the run's job records, looked up by machine and point time. */
export function jobCaptures(recorder: BackupRecorder): PointCaptures {
  return {
    captureAt(machinePath, pointSec) {
      const jobs = recorder.jobs;
      for (let i = jobs.length - 1; i >= 0; i--) {
        const j = jobs[i]!;
        if (j.machine === machinePath && j.capture !== undefined && (j.pointSec ?? j.startSec) === pointSec) return j.capture;
      }
      return undefined;
    },
  };
}

/** The captures restores use: the context's, else the design's, else the job records'. */
export function capturesFor(given: PointCaptures | undefined, design: object, recorder: BackupRecorder): PointCaptures {
  if (given !== undefined) return given;
  const fromRecords = jobCaptures(recorder);
  if (!hasCaptures(design)) return fromRecords;
  return { captureAt: (machine, sec) => design.captureAt(machine, sec) ?? fromRecords.captureAt(machine, sec) };
}
