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
 * The blocks a full lists are mostly long runs (a template's image, an
 * application's data, each laid out in one stretch), so the map keeps them
 * as runs when that is smaller: where each run starts and where its slots
 * start in the slot list. The list of blocks itself (4 bytes a block, as
 * large as the slots) is then not kept, and the memory the backup read it
 * into is free for the next one: on the 30-night benchmark a night of fulls
 * lists 33 million blocks, and keeping every full's list held 131 MB more a
 * week, written into fresh memory (each new page a fault, ~16 us here).
 * A map whose blocks are scattered keeps the list, as listed.
 *
 * Operations that rewrite a full in place (a reverse incremental moving the
 * full forward, a forever-forward merge) turn the map dense first, once; a
 * synthetic full is built dense. Either way the map answers the same: the
 * slot of any block (0 for a zero block), and the entries that hold
 * references.
 */
import { fail } from '../engine/errors.js';
import { binarySearch, type DeltaMap } from './block-maps.js';

/** Runs of consecutive listed blocks: run r starts at block `starts[r]` and at position `firsts[r]` of the list (`firsts` ends with the list's length). */
export interface BlockRuns {
  readonly starts: Uint32Array;
  readonly firsts: Uint32Array;
}

/** The listed blocks as runs: run r covers blocks `starts[r] + j` for j below `firsts[r + 1] - firsts[r]`, whose slots start at `slots[firsts[r]]`. */
interface SparseMap {
  readonly starts: Uint32Array;
  /** One more entry than `starts` (the slot count last); null when every run is one block long (`starts` is then the listed blocks). */
  readonly firsts: Uint32Array | null;
  readonly slots: Uint32Array;
}

export class FullMap {
  private sparse: SparseMap | null;
  private dense: Uint32Array | null;

  private constructor(
    /** Blocks of the disk image (the dense length). */
    readonly blockCount: number,
    sparse: SparseMap | null,
    dense: Uint32Array | null,
  ) {
    this.sparse = sparse;
    this.dense = dense;
  }

  /** A full as a backup wrote it: ascending `blocks` below `blockCount` and their slots (the slots are kept, not copied; the blocks are not kept). */
  static fromEntries(blockCount: number, entries: DeltaMap): FullMap {
    const { blocks, slots } = entries;
    if (blocks.length !== slots.length) fail(`full map: ${blocks.length} blocks but ${slots.length} slots`);
    if (blocks.length > 0 && !(blocks[blocks.length - 1]! < blockCount)) fail(`full map: block ${blocks[blocks.length - 1]} outside [0, ${blockCount})`);
    const runs = blockRuns(blocks);
    return new FullMap(blockCount, runs === null ? { starts: blocks, firsts: null, slots } : { ...runs, slots }, null);
  }

  /**
   * The map `fromEntries` makes of blocks whose `blockRuns` are `runs`, from
   * those runs and the slots (kept, not copied). A backup takes the runs
   * before it resolves the slots, so the block list's memory can take them.
   */
  static fromRuns(blockCount: number, runs: BlockRuns, slots: Uint32Array): FullMap {
    const last = runs.starts.length - 1;
    if (runs.firsts[last + 1] !== slots.length) fail(`full map: runs cover ${runs.firsts[last + 1]} blocks but ${slots.length} slots`);
    if (last >= 0 && !(runs.starts[last]! + (runs.firsts[last + 1]! - runs.firsts[last]!) <= blockCount)) fail(`full map: run at ${runs.starts[last]} ends outside [0, ${blockCount})`);
    return new FullMap(blockCount, { starts: runs.starts, firsts: runs.firsts, slots }, null);
  }

  /** A full held as one slot per block (kept, not copied). */
  static fromDense(dense: Uint32Array): FullMap {
    return new FullMap(dense.length, null, dense);
  }

  /** How the map is held (for tests): one slot per block, runs of listed blocks, or the listed blocks themselves. */
  get form(): 'dense' | 'runs' | 'blocks' {
    if (this.dense !== null) return 'dense';
    return this.sparse!.firsts === null ? 'blocks' : 'runs';
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
    const { starts, firsts, slots } = this.sparse!;
    if (firsts === null) {
      const at = binarySearch(starts, b);
      return at >= 0 ? slots[at]! : 0;
    }
    // The last run starting at or before b, if b falls inside it.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= b) lo = mid;
      else hi = mid - 1;
    }
    const offset = b - starts[lo]!;
    return offset >= 0 && offset < firsts[lo + 1]! - firsts[lo]! ? slots[firsts[lo]! + offset]! : 0;
  }

  /** A fresh dense copy, one slot per block. */
  denseCopy(): Uint32Array {
    if (this.dense !== null) return this.dense.slice();
    const out = new Uint32Array(this.blockCount);
    const { starts, firsts, slots } = this.sparse!;
    if (firsts === null) {
      for (let i = 0; i < starts.length; i++) out[starts[i]!] = slots[i]!;
      return out;
    }
    for (let r = 0; r < starts.length; r++) out.set(slots.subarray(firsts[r]!, firsts[r + 1]!), starts[r]!);
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

/**
 * Scratch of `blockRuns`: run starts and first positions, as found, before
 * the count is known (the simulation runs one commit at a time).
 */
let runScratch = new Uint32Array(1024);

/**
 * The listed blocks (ascending) as runs of consecutive blocks, or null when
 * runs would not be smaller than the list (two numbers a run against one a
 * block): a full map keeps whichever is smaller. One pass over the list (a
 * night of fulls lists 33 million blocks): runs are gathered in a scratch
 * array, pairs side by side, and copied out once counted.
 */
export function blockRuns(blocks: Uint32Array): BlockRuns | null {
  const n = blocks.length;
  // More runs than this and the list is smaller.
  const limit = (n - 1) >>> 1;
  if (n === 0) return null;
  if (runScratch.length < 2 * limit) runScratch = new Uint32Array(Math.max(2 * limit, 2 * runScratch.length));
  const scratch = runScratch;
  let runs = 0;
  let next = -1;
  for (let i = 0; i < n; i++) {
    const b = blocks[i]!;
    if (b === next) {
      next = b + 1;
      continue;
    }
    if (runs === limit) return null;
    scratch[2 * runs] = b;
    scratch[2 * runs + 1] = i;
    runs++;
    next = b + 1;
  }
  const starts = new Uint32Array(runs);
  const firsts = new Uint32Array(runs + 1);
  for (let r = 0; r < runs; r++) {
    starts[r] = scratch[2 * r]!;
    firsts[r] = scratch[2 * r + 1]!;
  }
  firsts[runs] = n;
  return { starts, firsts };
}
