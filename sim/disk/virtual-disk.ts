/**
 * A virtual disk: fixed-size chunks, each holding a content id (DESIGN.md,
 * decision 6).
 *
 * State is one Uint32Array of content ids (4 bytes per chunk: a 100 GiB disk
 * at 1 MiB chunks is 102,400 chunks, 400 KiB), plus, only once the guest has
 * deleted something, a bitmap of released chunks. Three sizes are distinct:
 * - provisioned: the virtual size the guest sees (chunkCount x chunkSizeBytes);
 * - allocated: what the disk occupies on its datastore. A thin disk allocates a
 *   chunk the first time non-zero content is written to it; a thick disk is
 *   fully allocated from the start;
 * - used: what the guest file system holds. A guest that deletes data
 *   (`release`) leaves its chunks allocated on a thin disk (no UNMAP, as in the
 *   2011-era platforms), so used <= allocated.
 *
 * Hooks for the layers above:
 * - `addListener` sees every write as `(chunkIndex, oldId, newId)`, in write
 *   order; change trackers and snapshot overlays are listeners. A listener
 *   that only records (a tracker's stamps, a bitmap) may also take a whole
 *   batch in one call (`onChunkWrites`); the disk uses that form when every
 *   listener it has offers it, and calls per write otherwise;
 * - `writeCount` is a generation counter: it grows by one per chunk write, so
 *   "has anything been written since generation g" is one comparison;
 * - `deferWrites` lets the disk's change process hold writes back while no
 *   one looks: every method that reads or writes the disk's state, and every
 *   listener that takes late writes, settles them first (deferred-writes.ts);
 * - `freeze()` is a full copy, `pointInTime()` a copy-on-first-write overlay.
 *
 * Writes arrive in batches from change processes (change-process.ts,
 * write-batch.ts); the per-write path does no allocation.
 *
 * A per-group count of non-zero chunks (one byte per 64 chunks) is kept beside
 * the content, so listing the non-zero chunks (what a full backup reads) skips
 * empty groups and copies full ones without reading their content: disks are
 * mostly laid out in long runs of data and of zeros.
 */
import { ConfigError, fail, requirePositive } from '../engine/errors.js';
import { ChunkBitmap } from './chunk-bitmap.js';
import { assertRange, FrozenImage, gatherFrom, type ChunkImage } from './chunk-image.js';
import { ZERO_CONTENT } from './content-space.js';
import { PointInTimeOverlay, type OverlayOptions } from './point-in-time-overlay.js';
import type { ChunkWriter, DiskWriteListener, PendingWrites } from './disk-writes.js';
import type { WriteBatch } from './write-batch.js';

export type { ChunkWriter, DiskWriteListener, PendingWrites } from './disk-writes.js';

/** log2 of the chunks per group of the non-zero summary (64: a count fits a byte). */
const GROUP_BITS = 6;
const GROUP_CHUNKS = 1 << GROUP_BITS;

export type Provisioning = 'thin' | 'thick';

export interface VirtualDiskOptions {
  /** Component path used in errors and random stream names, e.g. `vm/web-01/disk/0`. */
  name: string;
  /** Virtual size; must be a whole number of chunks. */
  provisionedBytes: number;
  /** Chunk size (1 MiB and 4 MiB are common; Veeam's default block is 1 MiB, Proxmox uses 4 MiB). */
  chunkSizeBytes: number;
  /** Default 'thin'. */
  provisioning?: Provisioning;
}

export interface DiskSizes {
  chunkSizeBytes: number;
  chunkCount: number;
  provisionedBytes: number;
  allocatedBytes: number;
  usedBytes: number;
  /** Chunks holding non-zero content (a thick disk may allocate more bytes than this). */
  nonZeroChunks: number;
  usedChunks: number;
}

export class VirtualDisk implements ChunkImage, ChunkWriter {
  readonly name: string;
  readonly chunkSizeBytes: number;
  readonly chunkCount: number;
  readonly provisioning: Provisioning;
  private readonly content: Uint32Array;
  /**
   * Chunks the guest deleted that still hold content (allocated, not used).
   * Made on the first release; the write path only looks at it while
   * `releasedCount > 0`, which keeps the common case to one array store.
   */
  private released: ChunkBitmap | undefined;
  private releasedCount = 0;
  private nonZero = 0;
  /** Non-zero chunks in each group of GROUP_CHUNKS chunks (see the header). */
  private readonly groupNonZero: Uint8Array;
  private listeners: DiskWriteListener[] = [];
  /** True when every listener takes batches (`onChunkWrites`); kept with the list. */
  private listenersTakeBatches = true;
  /** True when every listener takes late writes (`takesLateWrites`); kept with the list. */
  private listenersTakeLate = true;
  /** Who holds writes of this disk back, if anyone (`deferWrites`). */
  private pending: PendingWrites | null = null;
  private writes = 0;

  constructor(options: VirtualDiskOptions) {
    const { name, provisionedBytes, chunkSizeBytes } = options;
    requirePositive(name, 'chunkSizeBytes', chunkSizeBytes);
    requirePositive(name, 'provisionedBytes', provisionedBytes);
    if (!Number.isSafeInteger(provisionedBytes / chunkSizeBytes)) {
      throw new ConfigError(name, 'provisionedBytes', provisionedBytes, `be a whole number of ${chunkSizeBytes}-byte chunks`);
    }
    const provisioning = options.provisioning ?? 'thin';
    if (provisioning !== 'thin' && provisioning !== 'thick') {
      throw new ConfigError(name, 'provisioning', provisioning, 'be "thin" or "thick"');
    }
    this.name = name;
    this.chunkSizeBytes = chunkSizeBytes;
    this.chunkCount = provisionedBytes / chunkSizeBytes;
    this.provisioning = provisioning;
    this.content = new Uint32Array(this.chunkCount);
    this.groupNonZero = new Uint8Array(Math.ceil(this.chunkCount / GROUP_CHUNKS));
  }

  /** Total chunk writes so far: a generation counter for "writes since" checks. */
  get writeCount(): number {
    this.settle();
    return this.writes;
  }

  /** True when writes may be held back (`deferWrites`): every listener takes late writes. */
  get takesDeferredWrites(): boolean {
    return this.listenersTakeLate;
  }

  /** `source` holds this disk's writes back until the next `settle` (one source at a time, only while `takesDeferredWrites`). */
  deferWrites(source: PendingWrites): void {
    if (!this.listenersTakeLate) fail(`${this.name}: writes deferred while a listener must hear of each write at once`);
    if (this.pending !== null && this.pending !== source) fail(`${this.name}: two sources defer writes`);
    this.pending = source;
  }

  /** Applies the writes held back, if any: first thing in every method that reads or writes the disk's state. */
  settle(): void {
    const source = this.pending;
    if (source === null) return;
    // Cleared first: applying goes through writeBatch, which settles.
    this.pending = null;
    source.applyPending();
  }

  get provisionedBytes(): number {
    return this.chunkCount * this.chunkSizeBytes;
  }

  /** Memory held by this disk's per-chunk state (content ids, and released chunks if any). */
  get stateByteLength(): number {
    return this.content.byteLength + this.groupNonZero.byteLength + (this.released?.byteLength ?? 0);
  }

  contentAt(chunkIndex: number): number {
    this.settle();
    if (!(chunkIndex >= 0 && chunkIndex < this.chunkCount)) fail(`chunk ${chunkIndex} outside [0, ${this.chunkCount})`);
    return this.content[chunkIndex]!;
  }

  read(startChunk: number, count: number): Uint32Array {
    this.settle();
    assertRange(this, startChunk, count);
    return this.content.slice(startChunk, startChunk + count);
  }

  gather(chunks: Uint32Array, out: Uint32Array): void {
    this.settle();
    gatherFrom(this.content, chunks, out);
  }

  /** True when the chunk holds content the guest has not deleted. */
  isUsed(chunkIndex: number): boolean {
    return this.contentAt(chunkIndex) !== ZERO_CONTENT && !(this.released?.has(chunkIndex) ?? false);
  }

  /**
   * Writes one chunk. Writing ZERO_CONTENT models a trim: the chunk reads as
   * zeros and is no longer used. Listeners see the write even when the id does
   * not change, because CBT-style trackers record writes, not differences.
   */
  writeChunk(chunkIndex: number, contentId: number): void {
    this.settle();
    const old = this.store(chunkIndex, contentId);
    this.writes++;
    const ls = this.listeners;
    for (let k = 0; k < ls.length; k++) ls[k]!.onChunkWrite(chunkIndex, old, contentId);
  }

  /**
   * Writes a batch in order (times are ignored). When every listener takes
   * batches they hear of it once each, after the content holds the whole
   * batch; otherwise this is one `writeChunk` per write.
   */
  writeBatch(batch: WriteBatch): void {
    this.settle();
    const n = batch.count;
    const chunks = batch.chunks;
    const ids = batch.ids;
    if (!this.listenersTakeBatches) {
      for (let k = 0; k < n; k++) this.writeChunk(chunks[k]!, ids[k]!);
      return;
    }
    const olds = batch.oldIds;
    for (let k = 0; k < n; k++) olds[k] = this.store(chunks[k]!, ids[k]!);
    this.writes += n;
    const ls = this.listeners;
    for (let j = 0; j < ls.length; j++) ls[j]!.onChunkWrites!(chunks, olds, ids, n);
  }

  /** Stores one chunk's new id and keeps the counts; returns the old id. Listeners are the caller's business. */
  private store(chunkIndex: number, contentId: number): number {
    // Hot path: millions of calls a simulated day, so the check allocates nothing.
    if (!(chunkIndex >= 0 && chunkIndex < this.chunkCount)) fail(`write to chunk ${chunkIndex} outside [0, ${this.chunkCount})`);
    const old = this.content[chunkIndex]!;
    this.content[chunkIndex] = contentId;
    if (old === ZERO_CONTENT) {
      if (contentId !== ZERO_CONTENT) {
        this.nonZero++;
        this.groupNonZero[chunkIndex >>> GROUP_BITS]!++;
      }
    } else if (contentId === ZERO_CONTENT) {
      this.nonZero--;
      this.groupNonZero[chunkIndex >>> GROUP_BITS]!--;
    }
    // A write to a released chunk makes it used again (or unallocated, for zeros).
    if (this.releasedCount > 0 && this.released!.delete(chunkIndex)) this.releasedCount--;
    return old;
  }

  /** Writes consecutive ids `firstId, firstId + 1, ...` from `startChunk` (fresh data, e.g. app data at build). */
  writeSequential(startChunk: number, count: number, firstId: number): void {
    assertRange(this, startChunk, count);
    this.settle();
    if (this.listeners.length === 0) {
      // Building a guest fills every disk this way before anything listens: no per-write listener loop then.
      for (let k = 0; k < count; k++) this.store(startChunk + k, firstId + k);
      this.writes += count;
      return;
    }
    for (let k = 0; k < count; k++) this.writeChunk(startChunk + k, firstId + k);
  }

  /** Writes the given ids from `startChunk` (a template image, a restore). */
  writeRange(startChunk: number, ids: ArrayLike<number>): void {
    assertRange(this, startChunk, ids.length);
    this.settle();
    if (this.listeners.length === 0) {
      // As in writeSequential: a template image written at build has no listener to tell.
      for (let k = 0; k < ids.length; k++) this.store(startChunk + k, ids[k]!);
      this.writes += ids.length;
      return;
    }
    for (let k = 0; k < ids.length; k++) this.writeChunk(startChunk + k, ids[k]!);
  }

  /**
   * The guest deleted the data in these chunks. Content stays (thin disks keep
   * the blocks allocated, and a backup that reads them still sees old data);
   * only the used size shrinks. No listener is told: nothing was written.
   */
  release(startChunk: number, count: number): void {
    assertRange(this, startChunk, count);
    this.settle();
    this.released ??= new ChunkBitmap(this.chunkCount);
    for (let k = startChunk; k < startChunk + count; k++) {
      if (this.content[k] !== ZERO_CONTENT && this.released.add(k)) this.releasedCount++;
    }
  }

  sizes(): DiskSizes {
    this.settle();
    const allocatedChunks = this.provisioning === 'thick' ? this.chunkCount : this.nonZero;
    return {
      chunkSizeBytes: this.chunkSizeBytes,
      chunkCount: this.chunkCount,
      provisionedBytes: this.provisionedBytes,
      allocatedBytes: allocatedChunks * this.chunkSizeBytes,
      usedBytes: (this.nonZero - this.releasedCount) * this.chunkSizeBytes,
      nonZeroChunks: this.nonZero,
      usedChunks: this.nonZero - this.releasedCount,
    };
  }

  /** Indices of chunks holding non-zero content, ascending: what a "*" CBT query returns. */
  nonZeroChunks(): Uint32Array {
    this.settle();
    const out = new Uint32Array(this.nonZero);
    // Locals, so the loop reads no field per chunk (a full backup lists every disk).
    const content = this.content;
    const groups = this.groupNonZero;
    const n = content.length;
    let k = 0;
    for (let g = 0; g < groups.length; g++) {
      const count = groups[g]!;
      if (count === 0) continue;
      const start = g << GROUP_BITS;
      const end = Math.min(n, start + GROUP_CHUNKS);
      if (count === end - start) {
        for (let i = start; i < end; i++) out[k++] = i;
      } else {
        for (let i = start; i < end; i++) if (content[i] !== ZERO_CONTENT) out[k++] = i;
      }
    }
    return out;
  }

  /**
   * One past the highest used chunk (0 for an empty disk). Groups with no
   * non-zero chunk are skipped without reading their content: every change
   * process asks this of its fresh disk at build, whose top is mostly never
   * written, and reading those zeros would fault in their pages for nothing.
   */
  usedFrontier(): number {
    this.settle();
    const content = this.content;
    const groups = this.groupNonZero;
    for (let g = groups.length - 1; g >= 0; g--) {
      if (groups[g] === 0) continue;
      const start = g << GROUP_BITS;
      for (let i = Math.min(this.chunkCount, start + GROUP_CHUNKS) - 1; i >= start; i--) {
        if (content[i] !== ZERO_CONTENT && !(this.released?.has(i) ?? false)) return i + 1;
      }
    }
    return 0;
  }

  addListener(listener: DiskWriteListener): void {
    if (this.listeners.includes(listener)) fail(`${this.name}: listener added twice`);
    // A new listener hears only of later writes; one that goes hears of all before it.
    this.settle();
    // Copy-on-change so a listener removing itself during a write is safe.
    this.listeners = [...this.listeners, listener];
    this.listenersTakeBatches = this.listeners.every((l) => l.onChunkWrites !== undefined);
    this.listenersTakeLate = this.listeners.every((l) => l.takesLateWrites === true && l.onChunkWrites !== undefined);
  }

  removeListener(listener: DiskWriteListener): void {
    if (!this.listeners.includes(listener)) fail(`${this.name}: removing a listener that is not attached`);
    this.settle();
    this.listeners = this.listeners.filter((l) => l !== listener);
    this.listenersTakeBatches = this.listeners.every((l) => l.onChunkWrites !== undefined);
    this.listenersTakeLate = this.listeners.every((l) => l.takesLateWrites === true && l.onChunkWrites !== undefined);
  }

  get listenerCount(): number {
    return this.listeners.length;
  }

  /** A full, immutable copy of the content now. */
  freeze(): FrozenImage {
    this.settle();
    return new FrozenImage(this.content.slice(), this.chunkSizeBytes);
  }

  /** A cheap point-in-time view that saves old ids on the first overwrite of each chunk. */
  pointInTime(options: OverlayOptions = {}): PointInTimeOverlay {
    return new PointInTimeOverlay(this, options);
  }
}
