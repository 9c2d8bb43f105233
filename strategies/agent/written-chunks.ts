/**
 * What an agent knows changed since its last backup: the chunks of each disk
 * written since then. A real agent learns it from the file system (the NTFS
 * change journal, modification times, an archive bit); here it listens to the
 * disk's writes, which is the same knowledge at chunk grain. The agent then
 * maps changed chunks to files (file-map.ts) and reads those files whole.
 *
 * `take()` hands over the set at a backup's freeze instant and starts a new
 * one; a job that fails gives its set back (`giveBack`), so the next
 * incremental still covers those writes.
 */
import { ChunkBitmap } from '../../sim/disk/chunk-bitmap.js';
import type { DiskWriteListener, VirtualDisk } from '../../sim/disk/virtual-disk.js';

export class WrittenChunks implements DiskWriteListener {
  private readonly written: ChunkBitmap;

  constructor(private readonly disk: VirtualDisk) {
    this.written = new ChunkBitmap(disk.chunkCount);
    disk.addListener(this);
  }

  onChunkWrite(chunkIndex: number): void {
    this.written.add(chunkIndex);
  }

  /** Chunks written since the last take, ascending; the set starts empty again. */
  take(): Uint32Array {
    const out = this.written.toIndices();
    this.written.clear();
    return out;
  }

  /** Returns a taken set (its job failed): those chunks count as written again. */
  giveBack(chunks: Uint32Array): void {
    for (const c of chunks) this.written.add(c);
  }

  get count(): number {
    return this.written.count;
  }

  /** Stops listening (the design is done with the disk). */
  close(): void {
    this.disk.removeListener(this);
  }
}
