/**
 * The journal's write log: one entry per captured chunk write (time, disk,
 * chunk, new content id), in capture order, in growable typed arrays (no
 * object per write: a busy VM writes millions of chunks a day).
 *
 * Entries have absolute positions that never change (0 for the first write
 * ever captured); the oldest ones are dropped from the front when the
 * journal folds them into its base image, so memory follows the retention
 * window, not the run. Bounded: more than MAX_LIVE_ENTRIES live entries is a
 * programmer error (a window far beyond any real journal).
 */
import { fail } from '../../sim/engine/errors.js';

/** Live entries at most (2^27: 512 TiB of 4 MiB writes). */
export const MAX_LIVE_ENTRIES = 2 ** 27;

const INITIAL_CAPACITY = 1024;

export class EntryLog {
  private times = new Float64Array(INITIAL_CAPACITY);
  private disks = new Uint16Array(INITIAL_CAPACITY);
  private chunks = new Uint32Array(INITIAL_CAPACITY);
  private ids = new Uint32Array(INITIAL_CAPACITY);
  /** Array index of the oldest live entry, and one past the newest. */
  private head = 0;
  private tail = 0;
  /** Absolute position of array index 0. */
  private offset = 0;

  /** Absolute position of the oldest live entry. */
  get start(): number {
    return this.offset + this.head;
  }

  /** Absolute position one past the newest entry (entries ever appended). */
  get end(): number {
    return this.offset + this.tail;
  }

  get liveCount(): number {
    return this.tail - this.head;
  }

  append(timeSec: number, disk: number, chunk: number, id: number): void {
    if (this.tail === this.times.length) this.makeRoom();
    const k = this.tail++;
    this.times[k] = timeSec;
    this.disks[k] = disk;
    this.chunks[k] = chunk;
    this.ids[k] = id;
  }

  timeAt(position: number): number {
    return this.times[this.index(position)]!;
  }

  /**
   * Calls `apply(disk, chunk, id)` for live entries in [from, to) in order,
   * stopping before the first entry later than `untilSec`. Returns the
   * position it stopped at.
   */
  replay(from: number, to: number, untilSec: number, apply: (disk: number, chunk: number, id: number) => void): number {
    let p = from;
    for (; p < to; p++) {
      const k = this.index(p);
      if (this.times[k]! > untilSec) break;
      apply(this.disks[k]!, this.chunks[k]!, this.ids[k]!);
    }
    return p;
  }

  /** Drops live entries before `position` (the journal has folded them into its base). */
  dropBefore(position: number): void {
    if (!(position >= this.start && position <= this.end)) fail(`dropping to position ${position} outside [${this.start}, ${this.end}]`);
    this.head = position - this.offset;
    if (this.head === this.tail) {
      this.offset += this.head;
      this.head = this.tail = 0;
    }
  }

  private index(position: number): number {
    const k = position - this.offset;
    if (!(k >= this.head && k < this.tail)) fail(`journal position ${position} is not live [${this.start}, ${this.end})`);
    return k;
  }

  /** Compacts live entries to the front, doubling the arrays when more than half full. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    if (!(live < MAX_LIVE_ENTRIES)) fail(`journal holds more than ${MAX_LIVE_ENTRIES} live entries`);
    const capacity = live * 2 > this.times.length ? this.times.length * 2 : this.times.length;
    this.times = moved(this.times, new Float64Array(capacity), this.head, this.tail);
    this.disks = moved(this.disks, new Uint16Array(capacity), this.head, this.tail);
    this.chunks = moved(this.chunks, new Uint32Array(capacity), this.head, this.tail);
    this.ids = moved(this.ids, new Uint32Array(capacity), this.head, this.tail);
    this.offset += this.head;
    this.head = 0;
    this.tail = live;
  }
}

function moved<T extends Float64Array | Uint16Array | Uint32Array>(from: T, to: T, head: number, tail: number): T {
  to.set(from.subarray(head, tail) as never);
  return to;
}
