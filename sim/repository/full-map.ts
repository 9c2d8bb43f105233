/**
 * The block map of one disk in a full backup file (a chain's anchor).
 *
 * A backup writes a full as the blocks it read and their slots, ascending
 * (a delta over an all-zero image), and the map keeps that sparse form: a
 * 100 GiB disk with 40 GiB used lists ~40,000 blocks, where a dense map holds
 * 102,400 entries, most of them zero. The dense form costs more than its
 * size: building it scatters every entry into fresh memory, and every later
 * pass over it (dropping the file's references when retention deletes the
 * chain, auditing) reads pages of zeros that were never written, each a page
 * fault on first touch (measured on the 30-night benchmark: the deletion
 * night spent ~1.7 s just counting the non-zero entries of 1,000 dense maps).
 *
 * Operations that rewrite a full in place (a reverse incremental moving the
 * full forward, a forever-forward merge) turn the map dense first, once; a
 * synthetic full is built dense. Either way the map answers the same: the
 * slot of any block (0 for a zero block), and the entries that hold
 * references.
 */
import { fail } from '../engine/errors.js';
import { binarySearch, type DeltaMap } from './block-maps.js';

export class FullMap {
  private sparse: DeltaMap | null;
  private dense: Uint32Array | null;

  private constructor(
    /** Blocks of the disk image (the dense length). */
    readonly blockCount: number,
    sparse: DeltaMap | null,
    dense: Uint32Array | null,
  ) {
    this.sparse = sparse;
    this.dense = dense;
  }

  /** A full as a backup wrote it: ascending `blocks` below `blockCount` and their slots (both kept, not copied). */
  static fromEntries(blockCount: number, entries: DeltaMap): FullMap {
    const { blocks, slots } = entries;
    if (blocks.length !== slots.length) fail(`full map: ${blocks.length} blocks but ${slots.length} slots`);
    if (blocks.length > 0 && !(blocks[blocks.length - 1]! < blockCount)) fail(`full map: block ${blocks[blocks.length - 1]} outside [0, ${blockCount})`);
    return new FullMap(blockCount, entries, null);
  }

  /** A full held as one slot per block (kept, not copied). */
  static fromDense(dense: Uint32Array): FullMap {
    return new FullMap(dense.length, null, dense);
  }

  /** Whether the map is held dense (for tests). */
  get isDense(): boolean {
    return this.dense !== null;
  }

  /**
   * The entries that hold the file's references: the listed slots, or the
   * whole dense map (zeros included; 0 holds no reference). Read-only.
   */
  entries(): Uint32Array {
    return this.dense ?? this.sparse!.slots;
  }

  /** Slot of block b (0 for a zero block). */
  slotAt(b: number): number {
    if (this.dense !== null) return this.dense[b]!;
    const { blocks, slots } = this.sparse!;
    const at = binarySearch(blocks, b);
    return at >= 0 ? slots[at]! : 0;
  }

  /** A fresh dense copy, one slot per block. */
  denseCopy(): Uint32Array {
    if (this.dense !== null) return this.dense.slice();
    const out = new Uint32Array(this.blockCount);
    const { blocks, slots } = this.sparse!;
    for (let i = 0; i < blocks.length; i++) out[blocks[i]!] = slots[i]!;
    return out;
  }

  /** The map as one slot per block, to be changed in place: a sparse map turns dense for good. */
  mutableDense(): Uint32Array {
    if (this.dense === null) {
      this.dense = this.denseCopy();
      this.sparse = null;
    }
    return this.dense;
  }
}
