/**
 * The fingerprint index for blocks of several chunks: fingerprint -> stored
 * block (one-chunk blocks use id-index.ts).
 *
 * An open-addressing table with linear probing, at most half full, whose
 * entries are (slot, fingerprint) pairs side by side (slot 0 = empty). A night
 * of incrementals is millions of lookups in a table far larger than any cache,
 * so a probe compares the fingerprints in the table and reads a stored block's
 * record only to confirm a fingerprint match on its content ids, which makes
 * the index exact (fingerprint.ts): a lookup for new content usually costs one
 * cache miss. Removal shifts the following entries of the probe run back (no
 * tombstones), so the table never degrades however many blocks garbage
 * collection frees. Nothing here allocates on the hot path.
 */
import { fail } from '../engine/errors.js';
import type { ChunkStore } from './chunk-store.js';
import type { BlockIndex } from './block-index.js';

const MAX_LOAD = 0.5;

export class HashedIndex implements BlockIndex {
  /** Entry e occupies [2e] = slot (0 = empty) and [2e + 1] = fingerprint. */
  private table: Uint32Array;
  private mask: number;
  private entries = 0;

  constructor(private readonly store: ChunkStore, expectedBlocks: number) {
    let size = 1024;
    while (size * MAX_LOAD < expectedBlocks) size *= 2;
    this.table = new Uint32Array(2 * size);
    this.mask = size - 1;
  }

  readonly needsFingerprint = true;

  get size(): number {
    return this.entries;
  }

  get byteLength(): number {
    return this.table.byteLength;
  }

  find(src: Uint32Array, offset: number, length: number, fingerprint: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let e = fingerprint & mask; ; e = (e + 1) & mask) {
      const slot = table[2 * e]!;
      if (slot === 0) return 0;
      if (table[2 * e + 1] === fingerprint && this.store.holds(slot, src, offset, length)) return slot;
    }
  }

  insert(slot: number, _src: Uint32Array, _offset: number, fingerprint: number): void {
    if (this.entries + 1 > (this.mask + 1) * MAX_LOAD) this.grow();
    this.place(slot, fingerprint);
    this.entries++;
  }

  positionOf(slot: number): number {
    return this.store.fingerprintOfSlot(slot) & this.mask;
  }

  remove(slot: number, position: number): void {
    const table = this.table;
    const mask = this.mask;
    let e = position;
    while (table[2 * e] !== slot) {
      if (table[2 * e] === 0) fail(`slot ${slot} is not in the fingerprint index`);
      e = (e + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the probe run into the
    // hole when their home position lies cyclically at or before it.
    let hole = e;
    for (let q = (e + 1) & mask; table[2 * q] !== 0; q = (q + 1) & mask) {
      const home = table[2 * q + 1]! & mask;
      if (((hole - home) & mask) <= ((q - home) & mask)) {
        table[2 * hole] = table[2 * q]!;
        table[2 * hole + 1] = table[2 * q + 1]!;
        hole = q;
      }
    }
    table[2 * hole] = 0;
    table[2 * hole + 1] = 0;
    this.entries--;
  }

  private place(slot: number, fingerprint: number): void {
    const table = this.table;
    const mask = this.mask;
    let e = fingerprint & mask;
    while (table[2 * e] !== 0) e = (e + 1) & mask;
    table[2 * e] = slot;
    table[2 * e + 1] = fingerprint;
  }

  private grow(): void {
    const old = this.table;
    if (old.length >= 2 ** 31) fail('fingerprint index exceeds 2^30 entries');
    this.table = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let e = 0; e < old.length; e += 2) if (old[e] !== 0) this.place(old[e]!, old[e + 1]!);
  }
}
