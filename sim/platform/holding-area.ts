/**
 * A VCB proxy's holding area: local storage that takes a full copy of each
 * snapshot before the proxy backs it up (DOMAIN.md: sizing it was VCB's
 * biggest problem; claim 6: about the size of the snapshot). It has a
 * capacity and its own storage resources; use and peak use are recorded, so
 * results show the staging storage a VCB design needs and a VADP one does
 * not.
 */
import { requirePositive } from '../engine/errors.js';
import { storageIo, type SnapshotStorage, type StorageIo } from '../snapshot/storage-io.js';

export class HoldingArea {
  readonly io: StorageIo;
  private used = 0;
  private peak = 0;

  constructor(
    readonly storage: SnapshotStorage,
    readonly capacityBytes: number,
    /** I/O size of copies into and reads out of the area. */
    ioSizeBytes: number,
  ) {
    requirePositive(storage.path, 'capacityBytes', capacityBytes);
    this.io = storageIo(storage, ioSizeBytes);
  }

  get path(): string {
    return this.storage.path;
  }

  get usedBytes(): number {
    return this.used;
  }

  get peakUsedBytes(): number {
    return this.peak;
  }

  get freeBytes(): number {
    return this.capacityBytes - this.used;
  }

  /** Reserves room for a copy; false when it does not fit. */
  reserve(bytes: number): boolean {
    if (bytes > this.freeBytes) return false;
    this.used += bytes;
    this.peak = Math.max(this.peak, this.used);
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}
