/**
 * VMware Changed Block Tracking (vSphere 4 and later, DOMAIN.md).
 *
 * QueryChangedDiskAreas(snapshot, disk, offset, changeId) returns the areas
 * written since `changeId`; changeId "*" returns all allocated areas. A change
 * id is "<uuid>/<sequence>": the uuid part identifies the tracking instance, so
 * after a reset every older id is stale. VMware's KB notes that a power failure
 * or hard shutdown can reset CBT; we model both as resetting it, so the next
 * backup reads everything and its result says why.
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import type { TrackerCapabilities } from './change-areas.js';
import { EpochTracker } from './epoch-tracker.js';

export const VMWARE_CBT_CAPABILITIES: TrackerCapabilities = {
  kind: 'vmware-cbt',
  incremental: true,
  cumulativeSinceFull: false,
  resetBy: ['hard-power-off', 'power-failure'],
};

export class VmwareCbt extends EpochTracker<null> {
  constructor(disk: VirtualDisk) {
    super(disk, VMWARE_CBT_CAPABILITIES);
  }

  /** The disk's current change id, as recorded with a snapshot. */
  mark(): string {
    return this.issue((instance, sequence) => `${this.disk.name}#ctk${instance}/${sequence}`, null);
  }
}
