/**
 * What a virtual disk (virtual-disk.ts) offers the layers around its writes:
 * listeners that hear of them (change trackers, snapshot overlays, CDP
 * splitters), a source that holds them back (a change process deferring its
 * writes: deferred-writes.ts), and the writer interface change processes
 * write through (a disk, or an application's write-back buffer).
 */
import type { WriteBatch } from './write-batch.js';

/** Sees every chunk write, in write order. */
export interface DiskWriteListener {
  onChunkWrite(chunkIndex: number, oldId: number, newId: number): void;
  /**
   * Optional bulk form: writes `k < count` of a batch, in write order, after
   * the disk took the whole batch. Offer it only if it does exactly what
   * `count` calls of `onChunkWrite` would, reads nothing of the disk, and never
   * adds or removes a listener while it runs.
   */
  onChunkWrites?(chunks: Uint32Array, oldIds: Uint32Array, newIds: Uint32Array, count: number): void;
  /**
   * True when the listener calls its disk's `settle()` before it reads what it
   * recorded: the disk may then tell it of writes late (all at once, in write
   * order, when someone settles), which lets a change process defer them.
   * Requires `onChunkWrites`.
   */
  readonly takesLateWrites?: boolean;
}

/** Writes a disk took but has not yet applied (deferred-writes.ts); `applyPending` applies them through the disk's own write methods. */
export interface PendingWrites {
  applyPending(): void;
}

/** Anything a change process can write into: a disk, or an application's write-back buffer. */
export interface ChunkWriter {
  /** `atSec` is the simulated time of the write (disks ignore it; buffers need it). */
  writeChunk(chunkIndex: number, contentId: number, atSec: number): void;
  /** The batch's writes in order: the same as one `writeChunk` per write. */
  writeBatch(batch: WriteBatch): void;
}
