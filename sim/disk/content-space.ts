/**
 * Content ids: the simulator's stand-in for chunk contents (DESIGN.md, decision 6).
 *
 * A chunk's content is a 32-bit id. Equal ids mean byte-identical chunks, so
 * dedupe, restore verification and file checks only ever compare ids. Id 0 is
 * reserved for the all-zero chunk, which is also what an unallocated chunk of a
 * thin disk reads as.
 *
 * One `ContentSpace` serves a whole run and hands out fresh ids from a single
 * counter, in contiguous blocks. The numeric value of an id therefore depends
 * on the order in which components ask for ids; that order is fixed by the
 * engine's total event order, so runs stay byte-for-byte reproducible. What a
 * component draws at random (which chunks it writes) comes from its own stream
 * and does not depend on other components; only the labels of fresh content do.
 *
 * Ids are meaningful only at one chunk size: a 4 MiB chunk and a 1 MiB chunk
 * with the same id would be nonsense, so the space carries its chunk size and
 * disks built from it must use the same.
 */
import { ConfigError, fail, requirePositive } from '../engine/errors.js';

/** Content id of the all-zero chunk (and of every unallocated chunk). */
export const ZERO_CONTENT = 0;

/** Largest id a Uint32Array can hold; the space refuses to hand out more. */
export const MAX_CONTENT_ID = 0xffff_ffff;

export class ContentSpace {
  private nextId = 1;

  constructor(readonly chunkSizeBytes: number) {
    requirePositive('content-space', 'chunkSizeBytes', chunkSizeBytes);
    if (!Number.isSafeInteger(chunkSizeBytes)) {
      throw new ConfigError('content-space', 'chunkSizeBytes', chunkSizeBytes, 'be a whole number of bytes');
    }
  }

  /**
   * Reserves `count` fresh ids and returns the first; the block is
   * `[first, first + count)`. Every id is distinct from every id handed out
   * before, so content written from it is new to the whole estate.
   */
  allocate(count: number): number {
    if (!(Number.isSafeInteger(count) && count >= 0)) fail(`allocate(${count}) needs a whole count`);
    const first = this.nextId;
    if (first + count - 1 > MAX_CONTENT_ID) fail(`content id space exhausted (asked ${count} at ${first})`);
    this.nextId += count;
    return first;
  }

  /** Number of ids handed out so far (useful for memory and sanity figures). */
  get issuedCount(): number {
    return this.nextId - 1;
  }
}
