/**
 * Turning what a job did into its records: the snapshot's life from the
 * platform's own accounting, the consistency from the guest model's verdict.
 */
import type { GuestVerdict } from '../../sim/guest/guest.js';
import type { DeleteSnapshotResult, VmSnapshot } from '../../sim/platform/vm-snapshot.js';
import type { ConsistencyLabel, SnapshotRecord } from '../recorder.js';

/** The snapshot's life, summed over its disks (extra I/O includes consolidation merges). */
export function snapshotRecord(snapshot: VmSnapshot, deleted: DeleteSnapshotResult): SnapshotRecord {
  let extraIoBytes = 0;
  let consolidationSec = 0;
  let lost = false;
  let deletedSec = snapshot.createdAtSec;
  for (const a of deleted.accounts) {
    extraIoBytes += a.extraIoBytes;
    consolidationSec += a.consolidation?.durationSec ?? 0;
    lost ||= a.status === 'lost';
    deletedSec = Math.max(deletedSec, a.endedAtSec ?? deletedSec);
  }
  return { kind: snapshot.kind, createdSec: snapshot.createdAtSec, deletedSec, extraIoBytes, consolidationSec, stunSec: deleted.stunSec, lost };
}

/** The recorder's label for the guest model's verdict on an image. */
export function consistencyLabel(verdict: GuestVerdict): ConsistencyLabel {
  if (verdict.overall === 'application-consistent') return 'application-consistent';
  if (verdict.overall === 'crash-consistent-recoverable') return 'crash-consistent';
  return 'damaged';
}
