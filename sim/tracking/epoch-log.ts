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
 * The stamps answer any epoch, but a backup nearly always asks about the id
 * it marked the night before, and the scan then reads one cold cache line per
 * chunk written since. So the log also keeps the indices written in the last
 * closed epoch and the open one, in write order (a recent-writes list, warm
 * at its tail while the guest writes): a question about either is answered by
 * marking that list's chunks in a small bitmap and reading them out in order,
 * which gives the same chunks without reading a stamp. The list is a cache beside the stamps, never instead of
 * them: an older epoch, or a list that outgrew its bound (then it is off until
 * the next close), goes to the scan.
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

/** Recent-writes list: first capacity, and the least bound on its length (see `recentBound`). */
const RECENT_INITIAL = 64;
const RECENT_MIN_BOUND = 64;
/** log2 of chunks per recent-list entry allowed: a list longer than a sixteenth of the disk saves little over the scan, and costs memory. */
const RECENT_BOUND_SHIFT = 4;

export class EpochLog<M> implements DiskWriteListener {
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
  /**
   * Chunks written, in write order, since the start of epoch `recentStart`
   * (the last closed epoch or the open one); the open epoch's writes start at
   * `recentOpenAt`. `recentOn` is false once the list outgrew `recentBound`
   * in this epoch: it then holds nothing until the next close.
   */
  private recent = new Uint32Array(RECENT_INITIAL);
  private recentLength = 0;
  private recentOpenAt = 0;
  private recentStart = 1;
  private recentOn = true;
  private readonly recentBound: number;

  constructor(readonly disk: VirtualDisk) {
    // Built with the world and kept with it; the slab leaves unwritten stamps unpaid (zeroed-slab.ts).
    this.stamps = longLivedU16(disk.chunkCount);
    this.blockStamps = new Uint16Array(Math.ceil(disk.chunkCount / (1 << BLOCK_BITS)));
    this.groupStamps = new Uint16Array(Math.ceil(disk.chunkCount / (1 << GROUP_BITS)));
    this.recentBound = Math.max(RECENT_MIN_BOUND, disk.chunkCount >>> RECENT_BOUND_SHIFT);
    disk.addListener(this);
  }

  get instance(): number {
    return this.instanceNumber;
  }

  get byteLength(): number {
    return this.stamps.byteLength + this.blockStamps.byteLength + this.groupStamps.byteLength + this.recent.byteLength;
  }

  onChunkWrite(chunkIndex: number): void {
    this.stamps[chunkIndex] = this.epoch;
    this.blockStamps[chunkIndex >>> BLOCK_BITS] = this.epoch;
    this.groupStamps[chunkIndex >>> GROUP_BITS] = this.epoch;
    if (this.recentOn && this.roomForRecent(1)) this.recent[this.recentLength++] = chunkIndex;
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
    if (this.recentOn && this.roomForRecent(count)) {
      const recent = this.recent;
      let n = this.recentLength;
      for (let k = 0; k < count; k++) recent[n++] = chunks[k]!;
      this.recentLength = n;
    }
  }

  /** True when `count` more entries fit the bound (growing the list if need be); otherwise turns the list off until the next close. */
  private roomForRecent(count: number): boolean {
    const wanted = this.recentLength + count;
    if (wanted > this.recentBound) {
      this.recentOn = false;
      this.recentLength = 0;
      return false;
    }
    if (wanted > this.recent.length) {
      const grown = new Uint32Array(Math.min(this.recentBound, Math.max(wanted, 2 * this.recent.length)));
      grown.set(this.recent.subarray(0, this.recentLength));
      this.recent = grown;
    }
    return true;
  }

  /**
   * A new epoch opened: the list keeps the epoch just closed and drops what
   * came before it; a list that was off starts again, empty, at the new epoch.
   */
  private recentAfterClose(): void {
    if (!this.recentOn) {
      this.restartRecent();
      return;
    }
    if (this.recentStart < this.epoch - 1) {
      this.recent.copyWithin(0, this.recentOpenAt, this.recentLength);
      this.recentLength -= this.recentOpenAt;
      this.recentStart = this.epoch - 1;
    }
    this.recentOpenAt = this.recentLength;
  }

  private restartRecent(): void {
    this.recentOn = true;
    this.recentLength = 0;
    this.recentOpenAt = 0;
    this.recentStart = this.epoch;
  }

  /** Ends the current epoch under `id`. */
  close(id: string, meta: M): IssuedPoint<M> {
    if (this.points.has(id)) fail(`change id ${id} issued twice`);
    const point = { instance: this.instanceNumber, epoch: this.epoch, meta };
    this.points.set(id, point);
    if (this.points.size > MAX_REMEMBERED_IDS) this.points.delete(this.points.keys().next().value!);
    this.epoch++;
    this.recentAfterClose();
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
    // Stamps never exceed the open epoch, so nothing was written after it.
    if (epoch >= this.epoch) return new Uint32Array(0);
    if (this.recentOn && epoch + 1 >= this.recentStart) {
      return distinctAscending(this.recent, epoch + 1 === this.recentStart ? 0 : this.recentOpenAt, this.recentLength, this.stamps.length);
    }
    return this.scanStampsAfter(epoch);
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
    this.instanceNumber++;
    this.resetCauses.set(this.instanceNumber, cause);
    this.stamps.fill(0);
    this.blockStamps.fill(0);
    this.groupStamps.fill(0);
    this.epoch = 1;
    this.restartRecent();
  }

  detach(): void {
    this.disk.removeListener(this);
  }
}

/** Where `distinctAscending` marks chunks (grown on demand, shared: it never nests, and it leaves every bit clear). */
let marks = new Uint32Array(0);

/**
 * The distinct chunks of `list[from..to)`, ascending, in a new array. A bit
 * per chunk of a shared bitmap (12.5 KiB for 100 GiB at 1 MiB chunks, so it
 * stays in cache) sorts and de-duplicates at once: a comparison sort of a
 * day's writes cost as much as the scan it replaces.
 */
function distinctAscending(list: Uint32Array, from: number, to: number, chunkCount: number): Uint32Array {
  const words = (chunkCount + 31) >>> 5;
  if (marks.length < words) marks = new Uint32Array(words);
  const bits = marks;
  let count = 0;
  let first = words;
  let last = -1;
  for (let k = from; k < to; k++) {
    const c = list[k]!;
    const w = c >>> 5;
    const bit = 1 << (c & 31);
    if ((bits[w]! & bit) !== 0) continue;
    bits[w] = bits[w]! | bit;
    count++;
    if (w < first) first = w;
    if (w > last) last = w;
  }
  const out = new Uint32Array(count);
  let n = 0;
  for (let w = first; w <= last; w++) {
    let x = bits[w]!;
    if (x === 0) continue;
    bits[w] = 0;
    while (x !== 0) {
      const lowest = x & -x;
      out[n++] = (w << 5) + 31 - Math.clz32(lowest);
      x ^= lowest;
    }
  }
  return out;
}
