/**
 * XenServer changed block tracking (7.3 and later).
 *
 * With CBT enabled on a VDI, each snapshot carries tracking metadata and
 * VDI.list_changed_blocks(from, to) returns the blocks written between two
 * snapshots. Here `mark` names the snapshot taken for a backup and a query
 * answers from that snapshot to now, which equals list_changed_blocks(from,
 * latest) when asked at the latest snapshot. Citrix documents no reset on
 * power loss; we assume none (a manual reset is available).
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import type { TrackerCapabilities } from './change-areas.js';
import { EpochTracker } from './epoch-tracker.js';

export const XEN_CBT_CAPABILITIES: TrackerCapabilities = {
  kind: 'xen-cbt',
  incremental: true,
  cumulativeSinceFull: false,
  resetBy: [],
};

export class XenCbt extends EpochTracker<null> {
  constructor(disk: VirtualDisk) {
    super(disk, XEN_CBT_CAPABILITIES);
  }

  mark(): string {
    return this.issue((instance, sequence) => `${this.disk.name}@cbt${instance}-snapshot-${sequence}`, null);
  }
}
