/**
 * One bit per block of a disk image: which blocks of a chain's newest point
 * are non-zero, so each increment's logical size stays exact without a second
 * dense map (12.5 KiB for a 100 GiB disk at 1 MiB blocks). Built from a dense
 * map in one pass, because every full backup builds one.
 */
import type { BlockRuns } from './full-map.js';

export class BlockBits {
  private readonly words: Uint32Array;

  constructor(readonly length: number) {
    this.words = new Uint32Array(Math.ceil(length / 32));
  }

  /** The non-zero entries of a dense map. */
  static nonZero(dense: Uint32Array): BlockBits {
    const bits = new BlockBits(dense.length);
    const words = bits.words;
    for (let b = 0; b < dense.length; b++) if (dense[b] !== 0) words[b >>> 5]! |= 1 << (b & 31);
    return bits;
  }

  /**
   * Sets the bits of the listed blocks (ascending, distinct) whose slot is
   * non-zero, in bits all clear so far (a full's new head); returns how many.
   * The same as `assign(blocks[j], slots[j] !== 0)` for each, without
   * reading a word before writing it.
   */
  setNonZero(blocks: Uint32Array, slots: Uint32Array): number {
    const words = this.words;
    let set = 0;
    for (let j = 0; j < blocks.length; j++) {
      if (slots[j] === 0) continue;
      const b = blocks[j]!;
      words[b >>> 5]! |= 1 << (b & 31);
      set++;
    }
    return set;
  }

  /**
   * `setNonZero` for blocks given as runs (full-map.ts) rather than listed.
   * A run without a zero slot (a full lists the allocated blocks, so nearly
   * every run) sets its bits a word at a time.
   */
  setNonZeroRuns(runs: BlockRuns, slots: Uint32Array): number {
    const { starts, firsts } = runs;
    let set = 0;
    for (let r = 0; r < starts.length; r++) {
      const first = firsts[r]!;
      const end = firsts[r + 1]!;
      let j = first;
      while (j < end && slots[j] !== 0) j++;
      if (j === end) {
        this.setRange(starts[r]!, starts[r]! + (end - first));
        set += end - first;
        continue;
      }
      const shift = starts[r]! - first;
      for (j = first; j < end; j++) {
        if (slots[j] === 0) continue;
        const b = j + shift;
        this.words[b >>> 5]! |= 1 << (b & 31);
        set++;
      }
    }
    return set;
  }

  /** Clears every bit (a closed chain's head serves the next chain). */
  clear(): void {
    this.words.fill(0);
  }

  /** Sets bits [from, to). */
  private setRange(from: number, to: number): void {
    const words = this.words;
    if (from >= to) return;
    const first = from >>> 5;
    const last = (to - 1) >>> 5;
    const low = ~0 << (from & 31);
    const high = ~0 >>> (31 - ((to - 1) & 31));
    if (first === last) {
      words[first]! |= low & high;
      return;
    }
    words[first]! |= low;
    for (let w = first + 1; w < last; w++) words[w] = 0xffff_ffff;
    words[last]! |= high;
  }

  has(b: number): boolean {
    return (this.words[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  /** Sets or clears bit b; returns true when that changed it. */
  assign(b: number, value: boolean): boolean {
    const w = b >>> 5;
    const mask = 1 << (b & 31);
    const word = this.words[w]!;
    if ((word & mask) !== 0 === value) return false;
    this.words[w] = word ^ mask;
    return true;
  }
}
