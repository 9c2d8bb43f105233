/**
 * Repository disk I/O as data, and the DOMAIN.md table it must reproduce.
 *
 * Every operation returns the I/O it costs on the repository's own disks, in
 * bytes and in I/Os of one block each (at the block's stored, compressed size),
 * so the caller can turn it into flows on the target's bandwidth and IOPS.
 * Index and metadata I/O are not modelled: the index is assumed to be in
 * memory, as on appliances sized by their vendor.
 *
 * The I/O follows from what each operation does to each block (see
 * `moveBlock`): writing a new block costs one write; moving a stored block from
 * one backup file to another costs one read and one write on a plain
 * repository. On deduplicated blocks the write of a moved block is recognised
 * by the index and lands nowhere (the repository hashes it instead); with
 * 'clone' transforms a move costs nothing. On a plain repository the counts
 * per block are exactly the Veeam help-center figures in `CHAIN_IO_PER_BLOCK`,
 * which the tests check.
 */
import type { ChunkStore } from './chunk-store.js';
import type { TransformMode } from './options.js';

export interface RepositoryIo {
  readOps: number;
  readBytes: number;
  writeOps: number;
  writeBytes: number;
  /** Logical bytes the repository hashes to recognise copies of deduplicated blocks (a CPU cost). */
  hashedBytes: number;
}

export type ChainOperation =
  | 'active-full'
  | 'forward-incremental'
  | 'merge'
  | 'synthetic-full'
  | 'reverse-incremental'
  | 'synthetic-full-with-rollback';

/**
 * Backup chain I/O per block on a plain repository (DOMAIN.md, "backup chain
 * I/O per block", Veeam help center): forward incremental 1 write;
 * transform/merge 2; synthetic full 2 over the chain; reverse incremental 3;
 * synthetic full with rollback 4. An active full, like an increment, writes
 * each block once.
 */
export const CHAIN_IO_PER_BLOCK: Readonly<Record<ChainOperation, { readonly reads: number; readonly writes: number }>> = {
  'active-full': { reads: 0, writes: 1 },
  /** The new block lands in the increment file. */
  'forward-incremental': { reads: 0, writes: 1 },
  /** Read from the oldest increment, write into the full. */
  merge: { reads: 1, writes: 1 },
  /** Read each block of the point through the chain, write it into the new full. */
  'synthetic-full': { reads: 1, writes: 1 },
  /** Write the new block into the full, after reading the block it replaces and writing that to the rollback. */
  'reverse-incremental': { reads: 1, writes: 2 },
  /** The synthetic full's read and write, plus the old full's block read and written into a rollback. */
  'synthetic-full-with-rollback': { reads: 2, writes: 2 },
};

export function emptyIo(): RepositoryIo {
  return { readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0, hashedBytes: 0 };
}

export function addIo(into: RepositoryIo, other: RepositoryIo): RepositoryIo {
  into.readOps += other.readOps;
  into.readBytes += other.readBytes;
  into.writeOps += other.writeOps;
  into.writeBytes += other.writeBytes;
  into.hashedBytes += other.hashedBytes;
  return into;
}

/** A new block lands: one write at its stored size. */
export function writeBlock(io: RepositoryIo, physicalBytes: number): void {
  io.writeOps++;
  io.writeBytes += physicalBytes;
}

/**
 * A stored block is copied from one backup file into another. Returns true
 * when the copy lands as new bytes (a plain block under 'copy' transforms).
 */
export function moveBlock(io: RepositoryIo, store: ChunkStore, slot: number, transforms: TransformMode): boolean {
  if (transforms === 'clone') return false;
  const physical = store.physicalBytesOf(slot);
  io.readOps++;
  io.readBytes += physical;
  if (store.isIndexed(slot)) {
    io.hashedBytes += store.logicalBytesOf(slot);
    return false;
  }
  writeBlock(io, physical);
  return true;
}

/**
 * What moving every non-zero block of one backup file costs, summed when the
 * file is written (its blocks' sizes and classes never change), so a merge can
 * charge it without visiting each stored block again.
 */
export interface FileMoveCost {
  indexedBlocks: number;
  indexedPhysicalBytes: number;
  indexedLogicalBytes: number;
  plainBlocks: number;
  plainPhysicalBytes: number;
}

export function emptyMoveCost(): FileMoveCost {
  return { indexedBlocks: 0, indexedPhysicalBytes: 0, indexedLogicalBytes: 0, plainBlocks: 0, plainPhysicalBytes: 0 };
}

/** Charges moving a whole file, block for block as `moveBlock` would. */
export function moveFile(io: RepositoryIo, cost: FileMoveCost, transforms: TransformMode): void {
  if (transforms === 'clone') return;
  io.readOps += cost.indexedBlocks + cost.plainBlocks;
  io.readBytes += cost.indexedPhysicalBytes + cost.plainPhysicalBytes;
  io.hashedBytes += cost.indexedLogicalBytes;
  io.writeOps += cost.plainBlocks;
  io.writeBytes += cost.plainPhysicalBytes;
}
