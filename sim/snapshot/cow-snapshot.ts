/**
 * Copy-on-write shadow copies (the VSS software provider, DOMAIN.md).
 *
 * Just before a chunk of the original volume is overwritten for the first
 * time after the snapshot, the provider reads the old chunk and writes it to
 * the diff area: the guest's write then costs 3 I/O instead of 1 (storage
 * vendor literature, DOMAIN.md). Later writes to the same chunk cost 1. The
 * two extra I/O per first write accrue in the ledger and become flows on the
 * storage route (extra-io.ts), so a copy-on-write snapshot slows the guest's
 * datastore exactly while the guest writes new chunks.
 *
 * The diff area is bounded: default and minimum 320 MB (Microsoft's minimum
 * for the system provider, DOMAIN.md). A first write that finds no room for
 * its old chunk makes Windows drop the shadow copy: the snapshot is `lost`
 * (an outcome the results show) and costs nothing more.
 */
import { ConfigError, requirePositive } from '../engine/errors.js';
import type { ProcessBody } from '../engine/process.js';
import type { VirtualDisk } from '../disk/virtual-disk.js';
import { MIN_DIFF_AREA_BYTES } from '../tracking/vss-shadow-copy.js';
import type { Simulation } from '../engine/simulation.js';
import { DiskSnapshot, type Clock, type SnapshotDeletion } from './disk-snapshot.js';
import { extraIoPerFirstWrite } from './snapshot-kinds.js';
import type { StorageIo } from './storage-io.js';

/** Default diff area: the 320 MB minimum (DOMAIN.md, VSS). */
export const DEFAULT_DIFF_AREA_BYTES = MIN_DIFF_AREA_BYTES;
export { MIN_DIFF_AREA_BYTES };

export interface CowOptions {
  /** Diff area size, bytes (default and minimum 320 MB). */
  diffAreaBytes?: number;
}

/** Checks a diff area size before a run (a ConfigError names the rule). */
export function resolveDiffAreaBytes(component: string, options: CowOptions): number {
  const bytes = requirePositive(component, 'diffAreaBytes', options.diffAreaBytes ?? DEFAULT_DIFF_AREA_BYTES);
  if (bytes < MIN_DIFF_AREA_BYTES) throw new ConfigError(component, 'diffAreaBytes', bytes, `be at least ${MIN_DIFF_AREA_BYTES} (the VSS minimum)`);
  return bytes;
}

export class CowSnapshot extends DiskSnapshot {
  readonly diffAreaCapacityBytes: number;
  private usedBytes = 0;
  private readonly extraPerFirstWrite = extraIoPerFirstWrite('copy-on-write');

  constructor(id: string, disk: VirtualDisk, io: StorageIo, clock: Clock, options: CowOptions = {}) {
    const diffAreaBytes = resolveDiffAreaBytes(disk.name, options);
    super(id, 'copy-on-write', disk, io, clock);
    this.diffAreaCapacityBytes = diffAreaBytes;
  }

  protected override onFirstWrite(): void {
    if (!this.active) return;
    const chunkBytes = this.disk.chunkSizeBytes;
    if (this.usedBytes + chunkBytes > this.diffAreaCapacityBytes) {
      this.end('lost', `the diff area (${this.diffAreaCapacityBytes} bytes) is full: ${this.usedBytes / chunkBytes} chunks were preserved, and the next first write found no room`);
      return;
    }
    this.usedBytes += chunkBytes;
    // Read the old chunk, write it to the diff area: one chunk-sized I/O each.
    this.extra.add(this.extraPerFirstWrite, this.extraPerFirstWrite * chunkBytes);
  }

  protected override diffAreaBytes(): number {
    return this.diffAreaCapacityBytes;
  }

  protected override diffAreaUsedBytes(): number {
    return this.usedBytes;
  }

  /** Deletes the shadow copy (nothing to merge: the diff area is freed). A lost one is already gone. */
  *delete(sim: Simulation): ProcessBody<SnapshotDeletion> {
    if (this.status === 'lost') return this.alreadyLost();
    yield this.traits.deleteSec;
    // The diff area may have overflowed while the delete was under way.
    if (!this.active) return this.alreadyLost();
    this.end('deleted');
    return { kind: 'deleted', id: this.id, deletedAtSec: sim.now, consolidation: null };
  }
}
