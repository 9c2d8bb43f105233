/**
 * A fixed-length set of chunk indices, one bit per chunk.
 *
 * Large disks have ~10^5 chunks and an estate has thousands of disks, so
 * per-chunk flags live in a Uint32Array (12.5 KiB for 100 GiB at 1 MiB
 * chunks), never in a Set of numbers. Iteration is always in ascending chunk
 * order, which keeps every consumer deterministic.
 *
 * Short-lived holders (a snapshot's point-in-time overlay, a consolidation's
 * helper delta: about one per backed-up disk per night) take their bitmap
 * from `acquireBitmap` and hand it back with `recycleBitmap` when done. A
 * fresh 12.5 KiB bitmap costs its page faults and, later, a collection; a
 * recycled one costs one fill. The pool only reuses memory: a recycled
 * bitmap is cleared, so no holder can tell it from a new one.
 */
import { fail } from '../engine/errors.js';

export class ChunkBitmap {
  private readonly words: Uint32Array;
  private setCount = 0;

  constructor(readonly length: number) {
    if (!(Number.isSafeInteger(length) && length >= 0)) fail(`bitmap length ${length} must be a whole number`);
    this.words = new Uint32Array(Math.ceil(length / 32));
  }

  /** Number of set bits. */
  get count(): number {
    return this.setCount;
  }

  /** Memory held by the bitmap, for estate memory figures. */
  get byteLength(): number {
    return this.words.byteLength;
  }

  has(index: number): boolean {
    return (this.words[index >>> 5]! & (1 << (index & 31))) !== 0;
  }

  /** Sets the bit; returns true when it was not set before. */
  add(index: number): boolean {
    if (!(index >= 0 && index < this.length)) fail(`bit ${index} outside [0, ${this.length})`);
    const w = index >>> 5;
    const mask = 1 << (index & 31);
    const word = this.words[w]!;
    if ((word & mask) !== 0) return false;
    this.words[w] = word | mask;
    this.setCount++;
    return true;
  }

  /** Clears the bit; returns true when it was set before. */
  delete(index: number): boolean {
    if (!(index >= 0 && index < this.length)) fail(`bit ${index} outside [0, ${this.length})`);
    const w = index >>> 5;
    const mask = 1 << (index & 31);
    const word = this.words[w]!;
    if ((word & mask) === 0) return false;
    this.words[w] = word & ~mask;
    this.setCount--;
    return true;
  }

  clear(): void {
    this.words.fill(0);
    this.setCount = 0;
  }

  /** Set indices in ascending order. */
  toIndices(): Uint32Array {
    const out = new Uint32Array(this.setCount);
    let k = 0;
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w]!;
      while (word !== 0) {
        // Lowest set bit first keeps the output ascending.
        const bit = 31 - Math.clz32(word & -word);
        out[k++] = w * 32 + bit;
        word &= word - 1;
      }
    }
    return out;
  }
}

/** Recycled bitmaps kept per length: bounds the pool at what the busiest night has open at once. */
const POOL_PER_LENGTH = 256;
const pool = new Map<number, ChunkBitmap[]>();

/** An empty bitmap of `length` bits, recycled when one is free. */
export function acquireBitmap(length: number): ChunkBitmap {
  return pool.get(length)?.pop() ?? new ChunkBitmap(length);
}

/** Hands a bitmap back for reuse; the caller must not touch it afterwards. */
export function recycleBitmap(bitmap: ChunkBitmap): void {
  let free = pool.get(bitmap.length);
  if (free === undefined) {
    free = [];
    pool.set(bitmap.length, free);
  }
  if (free.length >= POOL_PER_LENGTH) return;
  if (bitmap.count > 0) bitmap.clear();
  free.push(bitmap);
}
