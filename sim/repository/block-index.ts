/**
 * The index from block content to stored block, for indexed (deduplicated)
 * blocks. Two implementations, chosen by the block size:
 * - one chunk per block (the usual case: Veeam's 1 MiB blocks over 1 MiB
 *   chunks): the chunk's content id is itself an exact fingerprint, so the
 *   index maps ids directly (id-index.ts);
 * - several chunks per block: a hashed table of fingerprints, confirmed on the
 *   content ids (hashed-index.ts).
 * Both are exact: a lookup finds a block only if it holds the same content.
 */
import type { ChunkStore } from './chunk-store.js';
import { HashedIndex } from './hashed-index.js';
import { IdIndex } from './id-index.js';

export interface BlockIndex {
  /** Indexed blocks. */
  readonly size: number;
  /** Bytes held by the index's arrays. */
  readonly byteLength: number;
  /** False when `find` ignores its fingerprint argument (the one-chunk index keys on the content id itself). */
  readonly needsFingerprint: boolean;
  /** The slot holding exactly `src[offset, offset + length)`, or 0. */
  find(src: Uint32Array, offset: number, length: number, fingerprint: number): number;
  /** Adds a stored slot holding `src[offset, ...)`, content not indexed yet (the caller looked it up). */
  insert(slot: number, src: Uint32Array, offset: number, fingerprint: number): void;
  /**
   * Where the slot's entry lives, as a number that orders entries by memory
   * address; read it while the slot is stored. Garbage collection sorts its
   * removals by it.
   */
  positionOf(slot: number): number;
  /** Removes an indexed slot; `position` is `positionOf(slot)`, taken with no insert since. */
  remove(slot: number, position: number): void;
}

export function createBlockIndex(store: ChunkStore, expectedBlocks: number): BlockIndex {
  return store.chunksPerBlock === 1 ? new IdIndex(store) : new HashedIndex(store, expectedBlocks);
}
