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

  /** `setNonZero` for blocks given as runs (full-map.ts) rather than listed. */
  setNonZeroRuns(runs: BlockRuns, slots: Uint32Array): number {
    const words = this.words;
    const { starts, firsts } = runs;
    let set = 0;
    for (let r = 0; r < starts.length; r++) {
      const shift = starts[r]! - firsts[r]!;
      for (let j = firsts[r]!; j < firsts[r + 1]!; j++) {
        if (slots[j] === 0) continue;
        const b = j + shift;
        words[b >>> 5]! |= 1 << (b & 31);
        set++;
      }
    }
    return set;
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
