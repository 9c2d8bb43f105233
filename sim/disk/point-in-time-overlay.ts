/**
 * A point-in-time view of a live disk that costs nothing until the disk is
 * written: on the first overwrite of a chunk after the point, the overlay saves
 * the chunk's old id. Reading returns the saved id if there is one, else the
 * live content, which is exactly the content at the point.
 *
 * This is the data structure behind copy-on-write snapshots (the VSS software
 * provider copies the old block aside before the first overwrite; DOMAIN.md)
 * and a cheap way to hold any snapshot's content. The snapshot layer charges
 * the I/O cost of each first overwrite through `onFirstOverwrite`; the overlay
 * itself only keeps the data.
 *
 * Memory grows with the chunks first-overwritten since the point (a bitmap of
 * chunkCount bits plus one Map entry per saved chunk), not with the disk size.
 * Call `release()` when done, or the disk keeps notifying the overlay; the
 * bitmap then goes back to the pool (chunk-bitmap.ts) and only the count of
 * preserved chunks stays readable.
 */
import { assert } from '../engine/errors.js';
import { acquireBitmap, recycleBitmap, type ChunkBitmap } from './chunk-bitmap.js';
import { assertRange, FrozenImage, type ChunkImage } from './chunk-image.js';
import type { DiskWriteListener, VirtualDisk } from './virtual-disk.js';

export interface OverlayOptions {
  /** Called once per chunk, on its first overwrite after the point, before the new id lands. */
  onFirstOverwrite?: (chunkIndex: number, oldId: number) => void;
}

export class PointInTimeOverlay implements ChunkImage, DiskWriteListener {
  readonly chunkCount: number;
  readonly chunkSizeBytes: number;
  /** The disk's write generation at the point. */
  readonly atWriteCount: number;
  private saved: ChunkBitmap;
  /** preservedChunkCount when released (the bitmap is recycled then). */
  private finalCount = 0;
  private readonly savedIds = new Map<number, number>();
  private readonly onFirstOverwrite: ((chunkIndex: number, oldId: number) => void) | undefined;
  private released = false;

  constructor(private readonly disk: VirtualDisk, options: OverlayOptions = {}) {
    this.chunkCount = disk.chunkCount;
    this.chunkSizeBytes = disk.chunkSizeBytes;
    this.atWriteCount = disk.writeCount;
    this.saved = acquireBitmap(disk.chunkCount);
    this.onFirstOverwrite = options.onFirstOverwrite;
    disk.addListener(this);
  }

  onChunkWrite(chunkIndex: number, oldId: number): void {
    // A disk may still call a listener removed during the same write; the bitmap is someone else's by then.
    if (this.released || !this.saved.add(chunkIndex)) return;
    this.savedIds.set(chunkIndex, oldId);
    this.onFirstOverwrite?.(chunkIndex, oldId);
  }

  /** Chunks written at least once since the point. */
  get preservedChunkCount(): number {
    return this.released ? this.finalCount : this.saved.count;
  }

  /** Indices of chunks written since the point, ascending; only until release. */
  preservedChunks(): Uint32Array {
    assert(!this.released, 'listing the chunks of a released point-in-time overlay');
    return this.saved.toIndices();
  }

  contentAt(chunkIndex: number): number {
    assert(!this.released, 'reading a released point-in-time overlay');
    assertRange(this, chunkIndex, 1);
    return this.saved.has(chunkIndex) ? this.savedIds.get(chunkIndex)! : this.disk.contentAt(chunkIndex);
  }

  read(startChunk: number, count: number): Uint32Array {
    assert(!this.released, 'reading a released point-in-time overlay');
    const out = this.disk.read(startChunk, count);
    for (let k = 0; k < count; k++) {
      if (this.saved.has(startChunk + k)) out[k] = this.savedIds.get(startChunk + k)!;
    }
    return out;
  }

  gather(chunks: Uint32Array, out: Uint32Array): void {
    assert(!this.released, 'reading a released point-in-time overlay');
    this.disk.gather(chunks, out);
    if (this.saved.count === 0) return;
    for (let i = 0; i < chunks.length; i++) {
      if (this.saved.has(chunks[i]!)) out[i] = this.savedIds.get(chunks[i]!)!;
    }
  }

  /** Copies the point-in-time content out, so the overlay can be released. */
  materialize(): FrozenImage {
    return new FrozenImage(this.read(0, this.chunkCount), this.chunkSizeBytes);
  }

  /** Stops tracking; the overlay can no longer be read. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.disk.removeListener(this);
    this.savedIds.clear();
    this.finalCount = this.saved.count;
    recycleBitmap(this.saved);
  }
}
