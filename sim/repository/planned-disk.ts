/**
 * One disk of a planned backup: the blocks read, their content, and what the
 * plan decided for each, as parallel typed arrays.
 *
 * Verdicts: 0 for a zero block; a slot number for a block the repository
 * already held when planned; NEW for the first occurrence of content it must
 * store; REPEAT for a later occurrence, in the same backup, of content that
 * is NEW earlier in it. Slots stay below 2^31, so the two markers never clash.
 */
import type { ChunkImage } from '../disk/chunk-image.js';
import { chunksInBlock } from './block-maps.js';
import type { ChainDisk } from './catalog.js';
import type { BlockSource } from './repeat-finder.js';

export const NEW = 0xffff_ffff;
export const REPEAT = 0xffff_fffe;

export class PlannedDisk implements BlockSource {
  readonly content: Uint32Array;
  readonly verdicts: Uint32Array;
  /** Fingerprint and stored size of each non-zero block, filled by the plan so the commit need not recompute them. */
  readonly fingerprints: Uint32Array;
  readonly physicalBytes: Uint32Array;

  /** Reads the listed blocks' content from the image. */
  constructor(
    readonly disk: ChainDisk,
    /** Ascending block indices the source reads. */
    readonly blocks: Uint32Array,
    image: ChunkImage,
  ) {
    const k = disk.chunksPerBlock;
    this.content = new Uint32Array(blocks.length * k);
    this.verdicts = new Uint32Array(blocks.length);
    this.fingerprints = new Uint32Array(blocks.length);
    this.physicalBytes = new Uint32Array(blocks.length);
    if (k === 1) {
      for (let i = 0; i < blocks.length; i++) this.content[i] = image.contentAt(blocks[i]!);
      return;
    }
    for (let i = 0; i < blocks.length; i++) {
      const first = blocks[i]! * k;
      const length = chunksInBlock(disk, blocks[i]!);
      for (let j = 0; j < length; j++) this.content[i * k + j] = image.contentAt(first + j);
    }
  }

  lengthAt(position: number): number {
    return chunksInBlock(this.disk, this.blocks[position]!);
  }
}
