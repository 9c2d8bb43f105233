/**
 * One running application: a write-back buffer between the workload and the
 * disk that models committed work held in memory (DESIGN.md, decision 7).
 *
 * Every write the application commits first sits in memory (dirty pages whose
 * log record is already durable) and reaches the disk `dirtyWindowSec` later.
 * So at any time t the disk lacks exactly the writes committed in
 * `(t - dirtyWindowSec, t]`: a crash-consistent image taken at t misses them.
 * Quiescing (a VSS freeze through guest tools, or an agent's hook) flushes
 * them all, and the application stays "quiesced" until it commits again or is
 * thawed. Applications that hold no work in memory pass writes straight to
 * the disk.
 *
 * Pending writes live in a FIFO of typed arrays (chunk, content id, commit
 * time); commit times never decrease, so the oldest write is always first.
 */
import { fail } from '../engine/errors.js';
import type { ChunkWriter, VirtualDisk } from '../disk/virtual-disk.js';
import type { WriteBatch } from '../disk/write-batch.js';
import { CONSISTENCY_TRAITS, type ApplicationSpec } from './applications.js';

/** What an application had in memory at one instant, paired with an image of its disk. */
export interface AppCapture {
  app: string;
  spec: ApplicationSpec;
  diskIndex: number;
  chunkSizeBytes: number;
  /** True when the application was quiesced and has committed nothing since. */
  quiesced: boolean;
  /** Committed writes not yet on disk, oldest first. */
  pendingChunks: Uint32Array;
  pendingIds: Uint32Array;
}

const INITIAL_CAPACITY = 64;

export class AppInstance implements ChunkWriter {
  private chunks = new Uint32Array(INITIAL_CAPACITY);
  private ids = new Uint32Array(INITIAL_CAPACITY);
  private times = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private tail = 0;
  private lastCommitSec = -Infinity;
  private quiescedFlag = false;
  private readonly buffers: boolean;
  /** Writes committed since the application started. */
  committedWrites = 0;

  constructor(
    readonly name: string,
    readonly spec: ApplicationSpec,
    readonly disk: VirtualDisk,
    readonly diskIndex: number,
  ) {
    this.buffers = CONSISTENCY_TRAITS[spec.consistency].holdsCommittedWork && spec.dirtyWindowSec > 0;
  }

  get pendingCount(): number {
    return this.tail - this.head;
  }

  get pendingBytes(): number {
    return this.pendingCount * this.disk.chunkSizeBytes;
  }

  get quiesced(): boolean {
    return this.quiescedFlag;
  }

  /** Commits a write at `atSec`; it reaches the disk after the dirty window. */
  writeChunk(chunkIndex: number, contentId: number, atSec: number): void {
    if (!(atSec >= this.lastCommitSec)) fail(`${this.name}: commit at ${atSec} before previous commit at ${this.lastCommitSec}`);
    this.lastCommitSec = atSec;
    this.committedWrites++;
    this.quiescedFlag = false;
    if (!this.buffers) {
      this.disk.writeChunk(chunkIndex, contentId);
      return;
    }
    this.settle(atSec);
    if (this.tail === this.chunks.length) this.makeRoom();
    this.chunks[this.tail] = chunkIndex;
    this.ids[this.tail] = contentId;
    this.times[this.tail] = atSec;
    this.tail++;
  }

  /** Commits the batch's writes in order, each at its own time. */
  writeBatch(batch: WriteBatch): void {
    for (let k = 0; k < batch.count; k++) this.writeChunk(batch.chunks[k]!, batch.ids[k]!, batch.times[k]!);
  }

  /** Writes to disk everything committed at or before `nowSec - dirtyWindowSec`. */
  settle(nowSec: number): void {
    const due = nowSec - this.spec.dirtyWindowSec;
    while (this.head < this.tail && this.times[this.head]! <= due) this.flushOldest();
  }

  /** Quiesce: write all committed work to disk; the application counts as quiesced until its next commit. */
  flushAll(): number {
    const flushed = this.pendingCount;
    while (this.head < this.tail) this.flushOldest();
    this.quiescedFlag = true;
    return flushed;
  }

  /** The freeze is over: the next image is no longer a quiesced one. */
  thaw(): void {
    this.quiescedFlag = false;
  }

  capture(): AppCapture {
    return {
      app: this.name,
      spec: this.spec,
      diskIndex: this.diskIndex,
      chunkSizeBytes: this.disk.chunkSizeBytes,
      quiesced: this.quiescedFlag,
      pendingChunks: this.chunks.slice(this.head, this.tail),
      pendingIds: this.ids.slice(this.head, this.tail),
    };
  }

  private flushOldest(): void {
    this.disk.writeChunk(this.chunks[this.head]!, this.ids[this.head]!);
    this.head++;
    if (this.head === this.tail) this.head = this.tail = 0;
  }

  /** Compacts the FIFO to the front, doubling it when it is more than half full. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    const capacity = live * 2 > this.chunks.length ? this.chunks.length * 2 : this.chunks.length;
    const chunks = new Uint32Array(capacity);
    const ids = new Uint32Array(capacity);
    const times = new Float64Array(capacity);
    chunks.set(this.chunks.subarray(this.head, this.tail));
    ids.set(this.ids.subarray(this.head, this.tail));
    times.set(this.times.subarray(this.head, this.tail));
    this.chunks = chunks;
    this.ids = ids;
    this.times = times;
    this.head = 0;
    this.tail = live;
  }
}
