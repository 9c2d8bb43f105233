/**
 * Read-only views of chunk content: the live disk, a frozen copy, or an
 * overlay that preserves a point in time (see point-in-time-overlay.ts).
 *
 * Everything that reads disk content (backup reads, restore checks, file
 * checks, consistency classification) takes a `ChunkImage`, so it never needs
 * to know whether it is reading production, a snapshot or a restored copy.
 */
import { fail } from '../engine/errors.js';

export interface ChunkImage {
  /** Number of chunks in the image (the disk's provisioned size / chunk size). */
  readonly chunkCount: number;
  readonly chunkSizeBytes: number;
  /** Content id of one chunk; 0 is the zero chunk. */
  contentAt(chunkIndex: number): number;
  /** Content ids of `[startChunk, startChunk + count)`, as a fresh copy. */
  read(startChunk: number, count: number): Uint32Array;
  /**
   * Optional bulk read: `out[i] = contentAt(chunks[i])` for every i, without
   * allocating. A backup reads tens of thousands of chunks per disk, so one
   * call instead of one per chunk is what makes reading a full cheap.
   */
  gather?(chunks: Uint32Array, out: Uint32Array): void;
}

/** `out[i] = image.contentAt(chunks[i])`, through the image's bulk read when it has one. */
export function gatherContent(image: ChunkImage, chunks: Uint32Array, out: Uint32Array): void {
  if (image.gather !== undefined) {
    image.gather(chunks, out);
    return;
  }
  for (let i = 0; i < chunks.length; i++) out[i] = image.contentAt(chunks[i]!);
}

/** The bulk read over a plain content array (a disk's or a frozen copy's). */
export function gatherFrom(content: Uint32Array, chunks: Uint32Array, out: Uint32Array): void {
  const n = content.length;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (!(c < n)) fail(`chunk ${c} outside [0, ${n})`);
    out[i] = content[c]!;
  }
}

/** Asserts that a chunk range lies inside an image (a programmer error otherwise). */
export function assertRange(image: { chunkCount: number }, startChunk: number, count: number): void {
  if (Number.isInteger(startChunk) && Number.isInteger(count) && startChunk >= 0 && count >= 0 && startChunk + count <= image.chunkCount) return;
  fail(`chunk range [${startChunk}, ${startChunk + count}) outside [0, ${image.chunkCount})`);
}

/**
 * An immutable copy of a disk's content. `Uint32Array.slice` of a 100 GiB disk
 * at 1 MiB chunks copies 400 KiB, cheap enough for tests and for restore
 * points held by value; the overlay is the cheaper choice at estate scale.
 */
export class FrozenImage implements ChunkImage {
  private readonly content: Uint32Array;

  /** Takes ownership of `content`: the caller must not modify it afterwards. */
  constructor(content: Uint32Array, readonly chunkSizeBytes: number) {
    this.content = content;
  }

  get chunkCount(): number {
    return this.content.length;
  }

  /** Memory held by the copy. */
  get byteLength(): number {
    return this.content.byteLength;
  }

  contentAt(chunkIndex: number): number {
    assertRange(this, chunkIndex, 1);
    return this.content[chunkIndex]!;
  }

  read(startChunk: number, count: number): Uint32Array {
    assertRange(this, startChunk, count);
    return this.content.slice(startChunk, startChunk + count);
  }

  gather(chunks: Uint32Array, out: Uint32Array): void {
    gatherFrom(this.content, chunks, out);
  }
}

/** True when two images hold the same content id in every chunk. */
export function sameContent(a: ChunkImage, b: ChunkImage): boolean {
  if (a.chunkCount !== b.chunkCount || a.chunkSizeBytes !== b.chunkSizeBytes) return false;
  const x = a.read(0, a.chunkCount);
  const y = b.read(0, b.chunkCount);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
