/**
 * The index of one-chunk blocks: content id -> stored block.
 *
 * A one-chunk block's content id is an exact fingerprint (equal ids are equal
 * bytes), so no hashing or confirming is needed: the index is a paged direct
 * map. Ids are split into pages of 64 consecutive ids; a page table maps an
 * id's page to a page of slot numbers in one slab (0 = not indexed). A page is
 * made when its first id is indexed and recycled when its last one goes.
 *
 * Why this shape: content ids are handed out in runs (a template, a VM's
 * application data, a night of writes), and a backup looks up, stores and
 * later frees blocks run by run, so consecutive operations touch the same
 * cache lines instead of one scattered line each, as in a hash table of ~10^8
 * entries; a lookup is two loads, never a probe. The cost is memory for the
 * dead ids of live pages: 4 bytes per id of a page that still holds one live
 * id, so a long run whose old data dies one block at a time keeps sparse
 * pages (measured in bench/repository.bench.ts: 17.5 bytes per live entry
 * after 67 nights, about what a half-full hash table of (slot, key) pairs
 * costs, 16).
 */
import { fail } from '../engine/errors.js';
import type { BlockIndex } from './block-index.js';
import type { ChunkStore } from './chunk-store.js';
import { U32Stack } from './u32-stack.js';

const PAGE_BITS = 6;
const PAGE_IDS = 1 << PAGE_BITS;
const IN_PAGE = PAGE_IDS - 1;

export class IdIndex implements BlockIndex {
  /** Id page number -> slab page + 1 (0 = none). Grows with the largest id seen. */
  private pageOf: Uint32Array = new Uint32Array(1024);
  /** Slab pages of PAGE_IDS slots each. */
  private slab: Uint32Array;
  /** Per slab page: indexed ids in it, and the id page it serves. */
  private live: Uint8Array;
  private idPage: Uint32Array;
  private pagesMade = 0;
  private readonly freePages = new U32Stack();
  private entries = 0;

  constructor(private readonly store: ChunkStore, expectedBlocks: number) {
    const pages = Math.max(16, Math.ceil((expectedBlocks / PAGE_IDS) * 2));
    this.slab = new Uint32Array(pages * PAGE_IDS);
    this.live = new Uint8Array(pages);
    this.idPage = new Uint32Array(pages);
  }

  readonly needsFingerprint = false;

  get size(): number {
    return this.entries;
  }

  get byteLength(): number {
    return this.pageOf.byteLength + this.slab.byteLength + this.live.byteLength + this.idPage.byteLength + this.freePages.byteLength;
  }

  find(src: Uint32Array, offset: number): number {
    const id = src[offset]!;
    const p = id >>> PAGE_BITS;
    if (p >= this.pageOf.length) return 0;
    const page = this.pageOf[p]!;
    return page === 0 ? 0 : this.slab[(page - 1) * PAGE_IDS + (id & IN_PAGE)]!;
  }

  insert(slot: number, src: Uint32Array, offset: number): void {
    const id = src[offset]!;
    const p = id >>> PAGE_BITS;
    if (p >= this.pageOf.length) this.pageOf = grown(this.pageOf, Math.max(p + 1, this.pageOf.length * 2));
    let page = this.pageOf[p]!;
    if (page === 0) page = this.pageOf[p] = this.makePage(p) + 1;
    const at = (page - 1) * PAGE_IDS + (id & IN_PAGE);
    if (this.slab[at] !== 0) fail(`id ${id} is already indexed (slot ${this.slab[at]})`);
    this.slab[at] = slot;
    this.live[page - 1]!++;
    this.entries++;
  }

  positionOf(slot: number): number {
    const id = this.store.firstIdOf(slot);
    const page = this.pageOf[id >>> PAGE_BITS] ?? 0;
    if (page === 0) fail(`slot ${slot} (id ${id}) is not indexed`);
    return (page - 1) * PAGE_IDS + (id & IN_PAGE);
  }

  remove(slot: number, position: number): void {
    if (this.slab[position] !== slot) fail(`slot ${slot} is not indexed at ${position}`);
    this.slab[position] = 0;
    this.entries--;
    const page = position >>> PAGE_BITS;
    if (--this.live[page]! > 0) return;
    // The page's last id went: recycle it.
    this.pageOf[this.idPage[page]!] = 0;
    this.freePages.push(page);
  }

  private makePage(idPage: number): number {
    let page: number;
    if (this.freePages.length > 0) page = this.freePages.pop();
    else {
      if (this.pagesMade === this.live.length) this.growSlab();
      page = this.pagesMade++;
    }
    this.idPage[page] = idPage;
    return page;
  }

  private growSlab(): void {
    const pages = this.live.length * 2;
    this.slab = grown(this.slab, pages * PAGE_IDS);
    const live = new Uint8Array(pages);
    live.set(this.live);
    this.live = live;
    this.idPage = grown(this.idPage, pages);
  }
}

function grown(array: Uint32Array, length: number): Uint32Array {
  const out = new Uint32Array(length);
  out.set(array);
  return out;
}
