/**
 * The index of one-chunk blocks: content id -> stored block.
 *
 * A one-chunk block's content id is an exact fingerprint (equal ids are equal
 * bytes), so no hashing or confirming is needed: the index is a paged direct
 * map. Ids are split into pages of 64 consecutive ids; a page table maps an
 * id's page to a page of slot numbers in a slab (0 = not indexed). A page is
 * made when its first id is indexed and recycled when its last one goes.
 *
 * Why this shape: content ids are handed out in runs (a template, a VM's
 * application data, a night of writes), and a backup looks up, stores and
 * later frees blocks run by run, so consecutive operations touch the same
 * cache lines instead of one scattered line each, as in a hash table of ~10^8
 * entries; a lookup is three loads (page table, slab segment, slot), never a
 * probe. The cost is memory for the dead ids of live pages: 4 bytes per id of
 * a page that still holds one live id, so a long run whose old data dies one
 * block at a time keeps sparse pages (measured in bench/repository.bench.ts:
 * 17.5 bytes per live entry after 67 nights, about what a half-full hash
 * table of (slot, key) pairs costs, 16).
 *
 * The slab grows by segments of 2^12 pages (1 MiB), never by copying: a
 * doubled slab copied every live page and faulted in a fresh region twice the
 * size, the same cost chunk-store.ts avoids for its records. The page table
 * still doubles: it holds 4 bytes per 64 ids, a sixteenth of the slab.
 */
import { fail } from '../engine/errors.js';
import type { BlockIndex } from './block-index.js';
import type { ChunkStore } from './chunk-store.js';
import { U32Stack } from './u32-stack.js';

const PAGE_BITS = 6;
const PAGE_IDS = 1 << PAGE_BITS;
const IN_PAGE = PAGE_IDS - 1;
/** Slab pages per segment, as a power of two: 2^12 pages of 64 slots are 1 MiB. */
const SEGMENT_BITS = 12;

export class IdIndex implements BlockIndex {
  /** Id page number -> slab page + 1 (0 = none). Grows with the largest id seen. */
  private pageOf: Uint32Array = new Uint32Array(1024);
  /** Slab page p holds its PAGE_IDS slots at `slabs[p >>> segmentBits]`, from `(p & segmentMask) * PAGE_IDS`. */
  private readonly slabs: Uint32Array[] = [];
  /** Per slab page, segmented alike: indexed ids in it, and the id page it serves. */
  private readonly lives: Uint8Array[] = [];
  private readonly idPages: Uint32Array[] = [];
  private readonly segmentBits: number;
  private readonly segmentMask: number;
  private pagesMade = 0;
  private readonly freePages = new U32Stack();
  private entries = 0;

  constructor(
    private readonly store: ChunkStore,
    /** Slab pages per segment as a power of two (tests use tiny segments to cross their boundaries often). */
    segmentBits = SEGMENT_BITS,
  ) {
    if (!(Number.isInteger(segmentBits) && segmentBits >= 0 && segmentBits <= 20)) fail(`segmentBits ${segmentBits} outside [0, 20]`);
    this.segmentBits = segmentBits;
    this.segmentMask = (1 << segmentBits) - 1;
  }

  readonly needsFingerprint = false;

  get size(): number {
    return this.entries;
  }

  get byteLength(): number {
    // Per page: its slots, its live count (1 byte) and its id page (4 bytes).
    const pageBytes = PAGE_IDS * Uint32Array.BYTES_PER_ELEMENT + 1 + Uint32Array.BYTES_PER_ELEMENT;
    return this.pageOf.byteLength + this.slabs.length * 2 ** this.segmentBits * pageBytes + this.freePages.byteLength;
  }

  find(src: Uint32Array, offset: number): number {
    const id = src[offset]!;
    const p = id >>> PAGE_BITS;
    if (p >= this.pageOf.length) return 0;
    const page = this.pageOf[p]!;
    if (page === 0) return 0;
    return this.slabs[(page - 1) >>> this.segmentBits]![((page - 1) & this.segmentMask) * PAGE_IDS + (id & IN_PAGE)]!;
  }

  /**
   * `out[i] = find(ids, i)` for every i below `ids.length`. Ids come in runs
   * (a template's image, an application's data), so the page of a run is
   * looked up once for its ids rather than once per id: a full asks about
   * every block of its disks (~3x10^7 on a night of fulls), one call a disk.
   */
  findEach(ids: Uint32Array, out: Uint32Array): void {
    const pageOf = this.pageOf;
    const slabs = this.slabs;
    const bits = this.segmentBits;
    const mask = this.segmentMask;
    let lastPage = -1;
    let slab: Uint32Array | null = null;
    let base = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const p = id >>> PAGE_BITS;
      if (p !== lastPage) {
        lastPage = p;
        const page = p < pageOf.length ? pageOf[p]! : 0;
        slab = page === 0 ? null : slabs[(page - 1) >>> bits]!;
        base = ((page - 1) & mask) * PAGE_IDS;
      }
      out[i] = slab === null ? 0 : slab[base + (id & IN_PAGE)]!;
    }
  }

  insert(slot: number, src: Uint32Array, offset: number): void {
    const id = src[offset]!;
    const p = id >>> PAGE_BITS;
    if (p >= this.pageOf.length) this.pageOf = grown(this.pageOf, Math.max(p + 1, this.pageOf.length * 2));
    let page = this.pageOf[p]!;
    if (page === 0) page = this.pageOf[p] = this.makePage(p) + 1;
    const segment = (page - 1) >>> this.segmentBits;
    const inSegment = (page - 1) & this.segmentMask;
    const slab = this.slabs[segment]!;
    const at = inSegment * PAGE_IDS + (id & IN_PAGE);
    if (slab[at] !== 0) fail(`id ${id} is already indexed (slot ${slab[at]})`);
    slab[at] = slot;
    this.lives[segment]![inSegment]!++;
    this.entries++;
  }

  positionOf(slot: number): number {
    const id = this.store.firstIdOf(slot);
    const page = this.pageOf[id >>> PAGE_BITS] ?? 0;
    if (page === 0) fail(`slot ${slot} (id ${id}) is not indexed`);
    return (page - 1) * PAGE_IDS + (id & IN_PAGE);
  }

  remove(slot: number, position: number): void {
    const page = position >>> PAGE_BITS;
    const segment = page >>> this.segmentBits;
    const inSegment = page & this.segmentMask;
    const slab = this.slabs[segment]!;
    const at = inSegment * PAGE_IDS + (position & IN_PAGE);
    if (slab[at] !== slot) fail(`slot ${slot} is not indexed at ${position}`);
    slab[at] = 0;
    this.entries--;
    if (--this.lives[segment]![inSegment]! > 0) return;
    // The page's last id went: recycle it.
    this.pageOf[this.idPages[segment]![inSegment]!] = 0;
    this.freePages.push(page);
  }

  private makePage(idPage: number): number {
    let page: number;
    if (this.freePages.length > 0) page = this.freePages.pop();
    else {
      page = this.pagesMade++;
      if (page >>> this.segmentBits === this.slabs.length) this.addSegment();
    }
    this.idPages[page >>> this.segmentBits]![page & this.segmentMask] = idPage;
    return page;
  }

  private addSegment(): void {
    const pages = 2 ** this.segmentBits;
    this.slabs.push(new Uint32Array(pages * PAGE_IDS));
    this.lives.push(new Uint8Array(pages));
    this.idPages.push(new Uint32Array(pages));
  }
}

function grown(array: Uint32Array, length: number): Uint32Array {
  const out = new Uint32Array(length);
  out.set(array);
  return out;
}
