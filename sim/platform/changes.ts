/**
 * "What changed on this disk since that backup?" through the platform.
 *
 * Platforms with change tracking answer from their tracker (VMware CBT,
 * Hyper-V RCT or a retained shadow copy, XenServer CBT or cumulative
 * incrementals; sim/tracking/). When the tracker cannot say (CBT reset by a
 * hard power-off, an unknown id, a lost shadow copy) or the platform keeps no
 * tracking at all (VCB, Hyper-V 2008 R2 by default, a physical server), an
 * incremental request becomes `full-instead-of-incremental`, with the reason
 * and every allocated chunk to read, so the backup goes on and the results
 * show why it read everything. A tracker whose reference a new snapshot
 * replaces (a retained VSS shadow copy) is asked before the replacement, and
 * its answer held for the replaced id (held-changes.ts). `*` asks for a full
 * and lists all allocated chunks.
 */
import { fail } from '../engine/errors.js';
import type { ChangedAreas } from '../tracking/change-areas.js';
import type { PlatformCapabilities } from './capabilities.js';
import type { PlatformVm } from './machine.js';
import type { FullInsteadOfIncremental } from './outcomes.js';

export type ChangesResult = { kind: 'changes'; areas: Extract<ChangedAreas, { kind: 'changed' | 'all-allocated' }> } | FullInsteadOfIncremental;

export function queryVmChanges(caps: PlatformCapabilities, vm: PlatformVm, diskIndex: number, since: string): ChangesResult {
  const disk = vm.guest.disks[diskIndex];
  if (disk === undefined) fail(`${vm.path} has no disk ${diskIndex}`);
  const tracker = vm.trackers[diskIndex];
  if (tracker === undefined) {
    const chunks = disk.nonZeroChunks();
    const readBytes = chunks.length * disk.chunkSizeBytes;
    if (since === '*') return { kind: 'changes', areas: { kind: 'all-allocated', chunks, readBytes } };
    return {
      kind: 'full-instead-of-incremental',
      asked: since,
      reason: 'no-change-tracking',
      detail: `${caps.description} keeps no change tracking for ${disk.name}: every backup reads all allocated chunks`,
      chunks,
      readBytes,
    };
  }
  // A reference a later snapshot replaced answers as of that snapshot's instant (held-changes.ts).
  const areas = vm.heldChanges[diskIndex]?.answer(since) ?? tracker.queryChangedAreas(since);
  if (areas.kind === 'full-required') {
    const { asked, reason, detail, chunks, readBytes } = areas;
    return { kind: 'full-instead-of-incremental', asked, reason, detail, chunks, readBytes };
  }
  return { kind: 'changes', areas };
}
