/**
 * The shared core of the id-based trackers (VMware CBT, Hyper-V RCT, XenServer
 * CBT and cumulative incrementals): a per-chunk epoch stamp.
 *
 * Every write stamps its chunk with the current epoch; `close` ends the epoch
 * and remembers the id issued for it. "Changed since id" is then every chunk
 * whose stamp is newer than that id's epoch: a scan of a Uint16Array (2 bytes
 * per chunk, 200 KiB for 100 GiB at 1 MiB chunks), no Sets. Two coarser
 * levels of stamps (the newest stamp per 8 and per 64 chunks) let the scan
 * skip what was not written: a night's writes touch a small, scattered part of
 * a disk, so the scan reads a few entries per written chunk, not every chunk.
 *
 * Last night's question, the usual one, is answered from a list of the
 * recent writes instead (recent-writes.ts); the stamps answer the rest.
 *
 * The log takes late writes: it settles its disk before every close, query
 * and reset, so a change process may hold the disk's writes back until then
 * (deferred-writes.ts), and they land in the epoch they were written in.
 *
 * A reset (power event, manual, or running out of 16-bit epochs) starts a new
 * tracking instance: stamps clear, and ids of earlier instances are answered
 * with `tracking-reset` naming the cause, as VMware does when a change id's
 * UUID part no longer matches the disk's.
 */
import { fail } from '../engine/errors.js';
import { longLivedU16 } from '../engine/zeroed-slab.js';
import type { DiskWriteListener, VirtualDisk } from '../disk/virtual-disk.js';
import type { ResetCause } from './change-areas.js';
import { RecentWrites } from './recent-writes.js';

/** Epochs are 16-bit; at the end the log resets itself (an outcome, not a crash). */
export const MAX_EPOCH = 0xffff;
/** Ids remembered for lookup; older ones answer `unknown-change-id`. */
export const MAX_REMEMBERED_IDS = 4096;

export interface IssuedPoint<M> {
  instance: number;
  /** The epoch the id closed: chunks stamped later changed after the id. */
  epoch: number;
  meta: M;
}

export type Lookup<M> =
  | { kind: 'current'; point: IssuedPoint<M> }
  | { kind: 'reset'; point: IssuedPoint<M>; cause: ResetCause }
  | { kind: 'unknown' };

/** Chunks per block (fine summary) and per group (coarse summary), as log2; powers of two. */
const BLOCK_BITS = 3;
const GROUP_BITS = 6;
const BLOCKS_PER_GROUP = 1 << (GROUP_BITS - BLOCK_BITS);

/** Where `changedAfter` collects indices before copying them out (grown on demand, shared: it never nests). */
let scratch = new Uint32Array(0);

export class EpochLog<M> implements DiskWriteListener {
  readonly takesLateWrites = true;
  private readonly stamps: Uint16Array;
  /**
   * Newest stamp of each block of 8 chunks and of each group of 64. Epochs
   * only grow, so a write stores its epoch at all three levels, and "changed
   * after e" skips every group, then every block, whose stamp is not newer
   * than e.
   */
  private readonly blockStamps: Uint16Array;
  private readonly groupStamps: Uint16Array;
  private epoch = 1;
  private instanceNumber = 1;
  private readonly points = new Map<string, IssuedPoint<M>>();
  /** Why each instance after the first began. */
  private readonly resetCauses = new Map<number, ResetCause>();
  /** The writes of the last closed and the open epoch, for last night's question. */
  private readonly recent: RecentWrites;

  constructor(readonly disk: VirtualDisk) {
    // Built with the world and kept with it; the slab leaves unwritten stamps unpaid (zeroed-slab.ts).
    this.stamps = longLivedU16(disk.chunkCount);
    this.blockStamps = new Uint16Array(Math.ceil(disk.chunkCount / (1 << BLOCK_BITS)));
    this.groupStamps = new Uint16Array(Math.ceil(disk.chunkCount / (1 << GROUP_BITS)));
    this.recent = new RecentWrites(disk.chunkCount);
    disk.addListener(this);
  }

  get instance(): number {
    return this.instanceNumber;
  }

  get byteLength(): number {
    this.disk.settle();
    return this.stamps.byteLength + this.blockStamps.byteLength + this.groupStamps.byteLength + this.recent.byteLength;
  }

  onChunkWrite(chunkIndex: number): void {
    this.stamps[chunkIndex] = this.epoch;
    this.blockStamps[chunkIndex >>> BLOCK_BITS] = this.epoch;
    this.groupStamps[chunkIndex >>> GROUP_BITS] = this.epoch;
    this.recent.add(chunkIndex);
  }

  onChunkWrites(chunks: Uint32Array, _oldIds: Uint32Array, _newIds: Uint32Array, count: number): void {
    const epoch = this.epoch;
    const stamps = this.stamps;
    const blocks = this.blockStamps;
    const groups = this.groupStamps;
    for (let k = 0; k < count; k++) {
      const c = chunks[k]!;
      stamps[c] = epoch;
      blocks[c >>> BLOCK_BITS] = epoch;
      groups[c >>> GROUP_BITS] = epoch;
    }
    this.recent.addMany(chunks, count);
  }

  /** Ends the current epoch under `id`. */
  close(id: string, meta: M): IssuedPoint<M> {
    if (this.points.has(id)) fail(`change id ${id} issued twice`);
    this.disk.settle();
    const point = { instance: this.instanceNumber, epoch: this.epoch, meta };
    this.points.set(id, point);
    if (this.points.size > MAX_REMEMBERED_IDS) this.points.delete(this.points.keys().next().value!);
    this.epoch++;
    this.recent.afterClose(this.epoch);
    if (this.epoch > MAX_EPOCH) this.reset('change-id-space-exhausted');
    return point;
  }

  lookup(id: string): Lookup<M> {
    const point = this.points.get(id);
    if (point === undefined) return { kind: 'unknown' };
    if (point.instance === this.instanceNumber) return { kind: 'current', point };
    // The cause that ended the id's instance is the one recorded for the next instance.
    return { kind: 'reset', point, cause: this.resetCauses.get(point.instance + 1)! };
  }

  /** Chunks written after `epoch` closed, ascending. */
  changedAfter(epoch: number): Uint32Array {
    this.disk.settle();
    // Stamps never exceed the open epoch, so nothing was written after it.
    if (epoch >= this.epoch) return new Uint32Array(0);
    return this.recent.changedAfter(epoch) ?? this.scanStampsAfter(epoch);
  }

  /** `changedAfter` from the stamps: every epoch, at one cold read per chunk written since. */
  private scanStampsAfter(epoch: number): Uint32Array {
    const s = this.stamps;
    const blocks = this.blockStamps;
    const groups = this.groupStamps;
    if (scratch.length < s.length) scratch = new Uint32Array(s.length);
    const out = scratch;
    let n = 0;
    for (let g = 0; g < groups.length; g++) {
      if (groups[g]! <= epoch) continue;
      const blockEnd = Math.min(blocks.length, (g + 1) * BLOCKS_PER_GROUP);
      for (let b = g * BLOCKS_PER_GROUP; b < blockEnd; b++) {
        if (blocks[b]! <= epoch) continue;
        const end = Math.min(s.length, (b + 1) << BLOCK_BITS);
        for (let i = b << BLOCK_BITS; i < end; i++) if (s[i]! > epoch) out[n++] = i;
      }
    }
    return out.slice(0, n);
  }

  reset(cause: ResetCause): void {
    this.disk.settle();
    this.instanceNumber++;
    this.resetCauses.set(this.instanceNumber, cause);
    this.stamps.fill(0);
    this.blockStamps.fill(0);
    this.groupStamps.fill(0);
    this.epoch = 1;
    this.recent.restart(this.epoch);
  }

  detach(): void {
    this.disk.removeListener(this);
  }
}
