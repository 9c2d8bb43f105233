/**
 * Change tracking by a retained VSS shadow copy (the 2008 R2-era alternative
 * to RCT). DOMAIN.md: VSS needs no separate change tracking because the
 * provider itself is incremental; the Windows software provider copies a block
 * into the diff area just before its first overwrite, so the diff area of the
 * shadow copy kept from the last backup holds exactly the blocks changed since.
 *
 * Only the latest shadow copy is kept (each mark replaces it). Each chunk's
 * first write after the mark consumes one chunk of diff area; when the diff
 * area overflows, Windows drops the shadow copy, and the next query answers
 * `shadow-copy-lost`. The diff area defaults to 10% of the disk, never less
 * than the 320 MB minimum Microsoft documents (the 10% is illustrative).
 */
import { ConfigError, requirePositive } from '../engine/errors.js';
import { ChunkBitmap } from '../disk/chunk-bitmap.js';
import type { DiskWriteListener, VirtualDisk } from '../disk/virtual-disk.js';
import { allAllocated, fullRequired } from './answers.js';
import type { ChangeTracker, ChangedAreas, TrackerCapabilities } from './change-areas.js';

export const VSS_SHADOW_COPY_CAPABILITIES: TrackerCapabilities = {
  kind: 'vss-shadow-copy',
  incremental: true,
  cumulativeSinceFull: false,
  resetBy: [],
  markReplacesReference: true,
};

/** The minimum shadow storage (diff area) of the system provider. */
export const MIN_DIFF_AREA_BYTES = 320 * 1000 * 1000;
const DEFAULT_DIFF_AREA_FRACTION = 0.1;

export interface VssShadowCopyOptions {
  /** Diff area size (default max(320 MB, 10% of the disk)). */
  diffAreaBytes?: number;
}

export class VssShadowCopyTracker implements ChangeTracker, DiskWriteListener {
  readonly capabilities = VSS_SHADOW_COPY_CAPABILITIES;
  readonly diffAreaBytes: number;
  private readonly firstWrites: ChunkBitmap;
  private current: string | undefined;
  private lost = false;
  private sequence = 0;

  constructor(readonly disk: VirtualDisk, options: VssShadowCopyOptions = {}) {
    const fallback = Math.max(MIN_DIFF_AREA_BYTES, DEFAULT_DIFF_AREA_FRACTION * disk.provisionedBytes);
    this.diffAreaBytes = requirePositive(disk.name, 'diffAreaBytes', options.diffAreaBytes ?? fallback);
    if (this.diffAreaBytes < MIN_DIFF_AREA_BYTES) {
      throw new ConfigError(disk.name, 'diffAreaBytes', this.diffAreaBytes, `be at least ${MIN_DIFF_AREA_BYTES} (the VSS minimum)`);
    }
    this.firstWrites = new ChunkBitmap(disk.chunkCount);
    disk.addListener(this);
  }

  get stateByteLength(): number {
    return this.firstWrites.byteLength;
  }

  /** Diff area bytes used by the current shadow copy. */
  get diffAreaUsedBytes(): number {
    return this.firstWrites.count * this.disk.chunkSizeBytes;
  }

  onChunkWrite(chunkIndex: number): void {
    if (this.current === undefined || this.lost) return;
    if (this.firstWrites.add(chunkIndex) && this.diffAreaUsedBytes > this.diffAreaBytes) this.lost = true;
  }

  onChunkWrites(chunks: Uint32Array, _oldIds: Uint32Array, _newIds: Uint32Array, count: number): void {
    for (let k = 0; k < count; k++) this.onChunkWrite(chunks[k]!);
  }

  /** Takes a new shadow copy to keep as the next backup's reference (the previous one is deleted). */
  mark(): string {
    this.current = `${this.disk.name}/shadow-copy-${++this.sequence}`;
    this.firstWrites.clear();
    this.lost = false;
    return this.current;
  }

  queryChangedAreas(since: string): ChangedAreas {
    if (since === '*') return allAllocated(this.disk);
    if (since !== this.current) {
      const known = this.current !== undefined && since.startsWith(`${this.disk.name}/shadow-copy-`);
      return known
        ? fullRequired(this.disk, since, 'reference-deleted', `${this.disk.name}: shadow copy ${since} was replaced by ${this.current}`)
        : fullRequired(this.disk, since, 'unknown-change-id', `${this.disk.name}: no shadow copy ${since}`);
    }
    if (this.lost) {
      return fullRequired(this.disk, since, 'shadow-copy-lost', `${this.disk.name}: the diff area (${this.diffAreaBytes} bytes) overflowed and ${since} was dropped`);
    }
    const chunks = this.firstWrites.toIndices();
    return { kind: 'changed', asked: since, since, chunks, changedBytes: chunks.length * this.disk.chunkSizeBytes };
  }

  powerEvent(): void {}

  detach(): void {
    this.disk.removeListener(this);
  }
}
