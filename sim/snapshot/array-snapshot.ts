/**
 * Hardware (array) snapshots: the storage array preserves the point in time
 * in its own metadata, so the host sees no extra I/O per write and no merge on
 * delete; creating and deleting are control operations of about a second
 * (ARRAY_SNAPSHOT_CREATE_SEC / _DELETE_SEC, illustrative). DOMAIN.md: they
 * beat software snapshots in performance and scalability, but only storage
 * whose array supports them can have one; anywhere else the answer is an
 * explicit `unsupported` outcome.
 */
import type { ProcessBody } from '../engine/process.js';
import type { VirtualDisk } from '../disk/virtual-disk.js';
import type { Simulation } from '../engine/simulation.js';
import { DiskSnapshot, type Clock, type SnapshotDeletion } from './disk-snapshot.js';
import { unsupported, type Unsupported } from './outcomes.js';
import { supportsHardwareSnapshots, type StorageIo } from './storage-io.js';

export class ArraySnapshot extends DiskSnapshot {
  /** Use `createArraySnapshot`, which checks that the array supports it. */
  private constructor(id: string, disk: VirtualDisk, io: StorageIo, clock: Clock) {
    super(id, 'array', disk, io, clock);
  }

  /** @internal */
  static take(id: string, disk: VirtualDisk, io: StorageIo, clock: Clock): ArraySnapshot {
    return new ArraySnapshot(id, disk, io, clock);
  }

  *delete(sim: Simulation): ProcessBody<SnapshotDeletion> {
    yield this.traits.deleteSec;
    this.end('deleted');
    return { kind: 'deleted', id: this.id, deletedAtSec: sim.now, consolidation: null };
  }
}

/** An array snapshot of the disk at the current instant, or `unsupported` when its storage cannot take one. */
export function createArraySnapshot(id: string, disk: VirtualDisk, io: StorageIo, clock: Clock): ArraySnapshot | Unsupported {
  if (!supportsHardwareSnapshots(io.storage)) {
    return unsupported('hardware-snapshot', `${io.path} is not on an array that takes hardware snapshots`);
  }
  return ArraySnapshot.take(id, disk, io, clock);
}
