/**
 * The chunks a disk wrote in its change log's last closed epoch and its open
 * one, in write order: a cache beside the log's per-chunk stamps
 * (epoch-log.ts). A backup nearly always asks what changed since the id it
 * marked the night before; the stamps answer at one cold cache line per chunk
 * written since, while this list, warm at its tail as the guest writes,
 * answers by marking its chunks in a small shared bitmap and reading them out
 * in order. A list that outgrows its bound (a sixteenth of the disk, where it
 * saves little over the scan) switches off until the next close; questions it
 * cannot answer go to the stamps.
 */

/** First capacity, and the least bound on the length. */
const INITIAL = 64;
const MIN_BOUND = 64;
/** log2 of disk chunks per list entry allowed. */
const BOUND_SHIFT = 4;

export class RecentWrites {
  private list = new Uint32Array(INITIAL);
  private length = 0;
  /** Where the open epoch's writes start. */
  private openAt = 0;
  /** The epoch the list starts at (the last closed one, or the open one). */
  private start = 1;
  /** False once the list outgrew its bound in this epoch: it then holds nothing until the next close. */
  private on = true;
  private readonly bound: number;

  constructor(private readonly chunkCount: number) {
    this.bound = Math.max(MIN_BOUND, chunkCount >>> BOUND_SHIFT);
  }

  get byteLength(): number {
    return this.list.byteLength;
  }

  add(chunk: number): void {
    if (this.on && this.room(1)) this.list[this.length++] = chunk;
  }

  addMany(chunks: Uint32Array, count: number): void {
    if (!this.on || !this.room(count)) return;
    const list = this.list;
    let n = this.length;
    for (let k = 0; k < count; k++) list[n++] = chunks[k]!;
    this.length = n;
  }

  /** Epoch `openEpoch` just opened: keep the epoch just closed, drop what came before it; a list that was off starts again. */
  afterClose(openEpoch: number): void {
    if (!this.on) {
      this.restart(openEpoch);
      return;
    }
    if (this.start < openEpoch - 1) {
      this.list.copyWithin(0, this.openAt, this.length);
      this.length -= this.openAt;
      this.start = openEpoch - 1;
    }
    this.openAt = this.length;
  }

  /** Empty, starting at `epoch` (a new log instance, or after a list that was off). */
  restart(epoch: number): void {
    this.on = true;
    this.length = 0;
    this.openAt = 0;
    this.start = epoch;
  }

  /** The chunks written after `epoch` closed, ascending, when the list holds them all; otherwise null. */
  changedAfter(epoch: number): Uint32Array | null {
    if (!this.on || epoch + 1 < this.start) return null;
    return distinctAscending(this.list, epoch + 1 === this.start ? 0 : this.openAt, this.length, this.chunkCount);
  }

  /** True when `count` more entries fit the bound (growing the list if need be); otherwise turns the list off until the next close. */
  private room(count: number): boolean {
    const wanted = this.length + count;
    if (wanted > this.bound) {
      this.on = false;
      this.length = 0;
      return false;
    }
    if (wanted > this.list.length) {
      const grown = new Uint32Array(Math.min(this.bound, Math.max(wanted, 2 * this.list.length)));
      grown.set(this.list.subarray(0, this.length));
      this.list = grown;
    }
    return true;
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
