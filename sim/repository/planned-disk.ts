/**
 * One disk of a planned backup: the blocks read, their content, and what the
 * plan decided for each, as parallel typed arrays.
 *
 * Verdicts: 0 for a zero block; a slot number for a block the repository
 * already held when planned; NEW for the first occurrence of content it must
 * store; REPEAT for a later occurrence, in the same backup, of content that
 * is NEW earlier in it. Slots stay below 2^31, so the two markers never clash.
 */
import { gatherContent, type ChunkImage } from '../disk/chunk-image.js';
import { chunksInBlock } from './block-maps.js';
import type { ChainDisk } from './catalog.js';
import type { CompressionModel } from './compression.js';
import { fingerprintOf } from './fingerprint.js';
import type { ScratchPool } from './scratch-pool.js';
import type { BlockSource } from './repeat-finder.js';

export const NEW = 0xffff_ffff;
export const REPEAT = 0xffff_fffe;

export class PlannedDisk implements BlockSource {
  readonly content: Uint32Array;
  readonly verdicts: Uint32Array;
  /**
   * Physical (stored) bytes of each block the plan found NEW, written by the
   * plan (which sums them for the traffic) so that the commit, which stores
   * exactly those blocks, does not fingerprint and size them again. Entries
   * of other blocks hold whatever the scratch buffer held.
   */
  readonly newSizes: Uint32Array;

  /** Reads the listed blocks' content from the image. */
  private readonly chunkSizeBytes: number;

  constructor(
    readonly disk: ChainDisk,
    /** Ascending block indices the source reads. */
    readonly blocks: Uint32Array,
    image: ChunkImage,
    /** Where the scratch arrays come from; `release` returns them. */
    private readonly pool: ScratchPool,
  ) {
    this.chunkSizeBytes = image.chunkSizeBytes;
    const k = disk.chunksPerBlock;
    // The plan's classification writes every verdict, and a one-chunk gather every content entry.
    this.content = k === 1 ? pool.takeDirty(blocks.length) : pool.take(blocks.length * k);
    this.verdicts = pool.takeDirty(blocks.length);
    this.newSizes = pool.takeDirty(blocks.length);
    if (k === 1) {
      gatherContent(image, blocks, this.content);
      return;
    }
    for (let i = 0; i < blocks.length; i++) {
      const first = blocks[i]! * k;
      const length = chunksInBlock(disk, blocks[i]!);
      for (let j = 0; j < length; j++) this.content[i * k + j] = image.contentAt(first + j);
    }
  }

  /** Returns the scratch arrays once the plan is committed or aborted; the disk is unusable afterwards. */
  release(): void {
    this.pool.give(this.content);
    this.pool.give(this.verdicts);
    this.pool.give(this.newSizes);
  }

  lengthAt(position: number): number {
    return chunksInBlock(this.disk, this.blocks[position]!);
  }

  /**
   * Fingerprint of a listed block. Recomputed where needed rather than kept
   * per block: the commit needs it only for the blocks it stores, and a full
   * reads tens of thousands of blocks per disk whose arrays would be garbage
   * right after.
   */
  fingerprintAt(position: number): number {
    const k = this.disk.chunksPerBlock;
    return fingerprintOf(this.content, position * k, k === 1 ? 1 : this.lengthAt(position));
  }

  /** Physical (stored) bytes of a listed non-zero block. */
  physicalBytesAt(position: number, compression: CompressionModel): number {
    const length = this.disk.chunksPerBlock === 1 ? 1 : this.lengthAt(position);
    return compression.physicalBytes(this.fingerprintAt(position), length * this.chunkSizeBytes);
  }
}
