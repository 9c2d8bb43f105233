/**
 * The repository's state, shared by the modules that implement its
 * operations (one concept per file; repository.ts is the public face), and
 * the reference bookkeeping every backup file follows: each non-zero entry of
 * a kept file holds one reference to its stored block.
 */
import { BlockBits } from './block-bits.js';
import { ChunkStore, ZERO_SLOT } from './chunk-store.js';
import { Catalog, type ChainDisk, type PointFile } from './catalog.js';
import { CompressionModel } from './compression.js';
import { createBlockIndex, type BlockIndex } from './block-index.js';
import { GarbageCollector } from './garbage-collector.js';
import { RadixSorter } from './radix-sort.js';
import { RepeatFinder } from './repeat-finder.js';
import { ScratchPool } from './scratch-pool.js';
import { U32Stack } from './u32-stack.js';
import type { ResolvedRepositoryOptions } from './options.js';

export interface RepositoryState<L extends string> {
  readonly options: ResolvedRepositoryOptions;
  readonly compression: CompressionModel;
  readonly store: ChunkStore;
  readonly index: BlockIndex;
  readonly catalog: Catalog<L>;
  /** Scratch reused by every plan and every collection (no state of their own between calls). */
  readonly repeats: RepeatFinder;
  readonly collector: GarbageCollector;
  readonly sorter: RadixSorter;
  readonly scratch: ScratchPool;
  /** The blocks the running commit or abort stored (slot-resolver.ts). */
  readonly storedSlots: U32Stack;
  /**
   * Grows whenever the set of indexed blocks changes. A plan made at the
   * current version is still exact, so its commit skips re-checking lookups.
   */
  indexVersion: number;
  /**
   * Grows whenever garbage collection removes blocks. A plan made at the
   * current count still holds valid duplicate verdicts even if other backups
   * stored blocks since: a stored block stays indexed, under the same slot,
   * until a collection frees it.
   */
  indexRemovals: number;
  nextPlanId: number;
}

export function createState<L extends string>(options: ResolvedRepositoryOptions): RepositoryState<L> {
  const compression = new CompressionModel(options.compression);
  const store = new ChunkStore(options.chunksPerBlock, options.chunkSizeBytes, compression);
  return {
    options,
    compression,
    store,
    index: createBlockIndex(store, options.expectedStoredBlocks),
    catalog: new Catalog<L>(),
    repeats: new RepeatFinder(options.chunksPerBlock),
    collector: new GarbageCollector(),
    sorter: new RadixSorter(),
    scratch: new ScratchPool(),
    storedSlots: new U32Stack(),
    indexVersion: 0,
    indexRemovals: 0,
    nextPlanId: 1,
  };
}

/**
 * Adds (+1) or drops (-1) the references every non-zero entry of a file holds,
 * a whole map at a time (deleting a night's expired chains drops ~10^7).
 */
export function referenceFile(store: ChunkStore, file: PointFile, sign: 1 | -1): void {
  const maps = file.form === 'full' ? file.maps.map((m) => m.entries()) : file.deltas.map((d) => d.slots);
  for (const slots of maps) {
    if (sign === 1) store.refEntries(slots);
    else store.unrefEntries(slots);
  }
}

/** Logical bytes of block `b` of a disk. */
export function blockBytes(disk: ChainDisk, b: number, chunkSizeBytes: number): number {
  return Math.min(disk.chunksPerBlock, disk.chunkCount - b * disk.chunksPerBlock) * chunkSizeBytes;
}

/** Non-zero blocks of a dense map, as bits, and their logical bytes. */
export function nonZeroOf(dense: Uint32Array, disk: ChainDisk, chunkSizeBytes: number): { bits: BlockBits; logicalBytes: number } {
  const bits = BlockBits.nonZero(dense);
  let blocks = 0;
  for (let b = 0; b < dense.length; b++) if (dense[b] !== ZERO_SLOT) blocks++;
  let logicalBytes = blocks * disk.chunksPerBlock * chunkSizeBytes;
  // Only the last block can be short.
  const last = dense.length - 1;
  if (last >= 0 && dense[last] !== ZERO_SLOT) logicalBytes -= disk.chunksPerBlock * chunkSizeBytes - blockBytes(disk, last, chunkSizeBytes);
  return { bits, logicalBytes };
}
