/**
 * Hyper-V Resilient Change Tracking (Windows Server 2016 and later).
 *
 * Tracking lives inside the VHDX; a backup creates a reference point, and the
 * next backup asks what changed since it. Reference points carry the
 * consistency level of the snapshot they were taken with (application or
 * crash), and the answer repeats it so the backup knows what its base was.
 * RCT keeps a modified-region table on disk precisely so tracking survives a
 * power failure, so power events do not reset it here (a manual reset does).
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import type { ChangedAreas, MarkOptions, ReferenceConsistency, TrackerCapabilities } from './change-areas.js';
import type { IssuedPoint } from './epoch-log.js';
import { EpochTracker } from './epoch-tracker.js';

export const HYPERV_RCT_CAPABILITIES: TrackerCapabilities = {
  kind: 'hyperv-rct',
  incremental: true,
  cumulativeSinceFull: false,
  resetBy: [],
};

export class HyperVRct extends EpochTracker<ReferenceConsistency> {
  constructor(disk: VirtualDisk) {
    super(disk, HYPERV_RCT_CAPABILITIES);
  }

  /** Creates a reference point with its consistency level (default 'crash'). */
  mark(options: MarkOptions = {}): string {
    return this.issue((instance, sequence) => `${this.disk.name}:rct${instance}:ref${sequence}`, options.consistency ?? 'crash');
  }

  protected override answer(asked: string, point: IssuedPoint<ReferenceConsistency>): ChangedAreas {
    const base = super.answer(asked, point);
    return base.kind === 'changed' ? { ...base, consistency: point.meta } : base;
  }
}
