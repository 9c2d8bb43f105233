/**
 * No change tracking: Hyper-V 2008 R2 without a retained shadow copy (and any
 * platform that keeps none). Every backup reads the whole allocated disk; an
 * incremental request is answered `full-required` with reason
 * `no-change-tracking`, so results show that the incremental became a full.
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import { allAllocated, fullRequired } from './answers.js';
import type { ChangeTracker, ChangedAreas, TrackerCapabilities } from './change-areas.js';

export const FULL_READ_CAPABILITIES: TrackerCapabilities = {
  kind: 'hyperv-full-read',
  incremental: false,
  cumulativeSinceFull: false,
  resetBy: [],
};

export class FullReadTracker implements ChangeTracker {
  readonly capabilities = FULL_READ_CAPABILITIES;
  readonly stateByteLength = 0;
  private sequence = 0;

  constructor(readonly disk: VirtualDisk) {}

  mark(): string {
    return `${this.disk.name}/backup-${++this.sequence}`;
  }

  queryChangedAreas(since: string): ChangedAreas {
    if (since === '*') return allAllocated(this.disk);
    return fullRequired(this.disk, since, 'no-change-tracking', `${this.disk.name}: the platform keeps no change tracking`);
  }

  powerEvent(): void {}

  detach(): void {}
}
