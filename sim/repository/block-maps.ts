/**
 * Block maps: which stored block each block of a disk image refers to.
 *
 * A disk image at the repository's block size has `blockCount` blocks; block
 * b covers chunks [b x k, min((b + 1) x k, chunkCount)) for k chunks per block
 * (the last block may be short). A map entry is a chunk-store slot, 0 for a
 * zero block.
 *
 * Backup files hold maps in one of two shapes, like the files of a real chain:
 * - dense (a full, .vbk): one slot per block, a Uint32Array of blockCount;
 * - delta (an increment, .vib or .vrb): ascending block indices and their
 *   slots, relative to a neighbouring point of the same chain.
 * An increment of a 100 GiB disk with 5% change holds ~5,000 entries (40 KB),
 * not 102,400, which is what keeps weeks of restore points cheap.
 */
import { fail } from '../engine/errors.js';

export interface DiskGeometry {
  readonly chunkCount: number;
  readonly blockCount: number;
  readonly chunksPerBlock: number;
}

export interface DeltaMap {
  /** Ascending block indices. */
  readonly blocks: Uint32Array;
  /** Slot of each listed block (0 = zero block). */
  readonly slots: Uint32Array;
}

export function diskGeometry(chunkCount: number, chunksPerBlock: number): DiskGeometry {
  return { chunkCount, blockCount: Math.ceil(chunkCount / chunksPerBlock), chunksPerBlock };
}

/** Number of chunks in block `b` (the last block of a disk may be short). */
export function chunksInBlock(geometry: DiskGeometry, b: number): number {
  const k = geometry.chunksPerBlock;
  return Math.min(k, geometry.chunkCount - b * k);
}

/**
 * The blocks touched by an ascending list of chunk indices, ascending and
 * without repeats. A changed chunk makes its whole block be read, as a
 * 64 KiB CBT extent makes Veeam read the 1 MiB block holding it.
 */
export function blocksOfChunks(chunks: Uint32Array, geometry: DiskGeometry): Uint32Array {
  const k = geometry.chunksPerBlock;
  if (k === 1) {
    // Blocks are chunks: the checked list itself is the answer (the caller hands it over, ingest-types.ts).
    let previous = -1;
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]!;
      if (!(c > previous && c < geometry.chunkCount)) fail(`chunk list must be ascending within [0, ${geometry.chunkCount}), got ${c} after ${previous}`);
      previous = c;
    }
    return chunks;
  }
  const out = new Uint32Array(chunks.length);
  let n = 0;
  let previousChunk = -1;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (!(c > previousChunk && c < geometry.chunkCount)) fail(`chunk list must be ascending within [0, ${geometry.chunkCount}), got ${c} after ${previousChunk}`);
    previousChunk = c;
    const b = k === 1 ? c : Math.floor(c / k);
    if (n === 0 || out[n - 1] !== b) out[n++] = b;
  }
  return n === out.length ? out : out.slice(0, n);
}

/** Every block of a disk, ascending. */
export function allBlocks(geometry: DiskGeometry): Uint32Array {
  const out = new Uint32Array(geometry.blockCount);
  for (let b = 0; b < out.length; b++) out[b] = b;
  return out;
}

/** Writes a delta's slots into a dense map. */
export function applyDelta(dense: Uint32Array, delta: DeltaMap): void {
  const { blocks, slots } = delta;
  for (let i = 0; i < blocks.length; i++) dense[blocks[i]!] = slots[i]!;
}

/**
 * Writes a delta's slots into a dense map and returns the slots they
 * replaced, as a delta over the same blocks: the reverse increment that takes
 * the new image back to the old one.
 */
export function swapIntoDense(dense: Uint32Array, delta: DeltaMap): DeltaMap {
  const { blocks, slots } = delta;
  const old = new Uint32Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    old[i] = dense[b]!;
    dense[b] = slots[i]!;
  }
  return { blocks, slots: old };
}

/** Index of `value` in an ascending array, or -1. */
export function binarySearch(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
