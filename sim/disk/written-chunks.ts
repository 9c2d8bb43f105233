/**
 * The distinct chunks of a disk written since a point: a write listener over
 * a bitmap. Two mechanisms need exactly this: a redirect-on-write
 * consolidation pass (the helper delta the VM writes into while the merge
 * runs) and an in-guest agent (what changed since its last backup, which a
 * real agent learns from the file system's change journal).
 *
 * `take()` hands over the set and starts a new one; `giveBack` returns a set
 * whose consumer failed, so its chunks count as written again; `clear()`
 * starts over without handing anything over. `close()` stops listening and
 * recycles the bitmap (chunk-bitmap.ts): a closed set is not read again.
 */
import { acquireBitmap, ChunkBitmap, recycleBitmap } from './chunk-bitmap.js';
import type { DiskWriteListener, VirtualDisk } from './virtual-disk.js';

/** What a closed set holds: nothing (its own bitmap went back to the pool). */
const EMPTY = new ChunkBitmap(0);

export class WrittenChunks implements DiskWriteListener {
  /** EMPTY once closed. */
  private written: ChunkBitmap;

  constructor(private readonly disk: VirtualDisk) {
    this.written = acquireBitmap(disk.chunkCount);
    disk.addListener(this);
  }

  onChunkWrite(chunkIndex: number): void {
    this.written.add(chunkIndex);
  }

  onChunkWrites(chunks: Uint32Array, _oldIds: Uint32Array, _newIds: Uint32Array, count: number): void {
    for (let k = 0; k < count; k++) this.written.add(chunks[k]!);
  }

  /** Chunks written since the last take or clear, ascending; the set starts empty again. */
  take(): Uint32Array {
    const out = this.written.toIndices();
    this.written.clear();
    return out;
  }

  /** Returns a taken set (its consumer failed): those chunks count as written again. */
  giveBack(chunks: Uint32Array): void {
    for (const c of chunks) this.written.add(c);
  }

  /** Forgets what was written so far. */
  clear(): void {
    this.written.clear();
  }

  get count(): number {
    return this.written.count;
  }

  /** Distinct bytes written: count times the chunk size. */
  get bytes(): number {
    return this.written.count * this.disk.chunkSizeBytes;
  }

  /** Stops listening (the consumer is done with the disk); the set is empty from then on. */
  close(): void {
    if (this.written === EMPTY) return;
    this.disk.removeListener(this);
    recycleBitmap(this.written);
    this.written = EMPTY;
  }
}
