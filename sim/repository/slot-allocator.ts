/**
 * Slot numbers for stored blocks, handed out by arena.
 *
 * Slots come in pages of 64; each page belongs to one arena (the repository
 * gives each machine its own), and a freed slot returns to its page's arena.
 * So a machine's blocks stay in its own few megabytes of records however
 * long the run: its backup, its merges and its freed blocks all touch memory
 * that is already in cache, instead of one scattered line per block in a
 * store of gigabytes (a night of an estate's backups touches ~10^7 blocks).
 * Memory still follows the live blocks: an arena reuses its freed slots
 * before it takes a new page.
 *
 * Slot 0 is never handed out (it stands for the zero block) and slots stay
 * below 2^31, so callers may use the top bit as a marker.
 */
import { fail } from '../engine/errors.js';
import { U32Stack } from './u32-stack.js';

export const PAGE_BITS = 6;
const PAGE_SLOTS = 1 << PAGE_BITS;
const MAX_PAGES = 2 ** (31 - PAGE_BITS);

export class SlotAllocator {
  private pagesMade = 0;
  private pageArena: Uint32Array = new Uint32Array(1024);
  private readonly free: U32Stack[] = [];

  constructor() {
    // Page 0 belongs to arena 0, without slot 0.
    this.newPage(0, 1);
  }

  /** One past the highest slot ever handed out. */
  get limit(): number {
    return this.pagesMade * PAGE_SLOTS;
  }

  get byteLength(): number {
    let bytes = this.pageArena.byteLength;
    for (const f of this.free) bytes += f?.byteLength ?? 0;
    return bytes;
  }

  /** A free slot of the arena, lowest of a new page first. */
  take(arena: number): number {
    const free = this.free[arena];
    if (free === undefined || free.length === 0) this.newPage(arena, 0);
    return this.free[arena]!.pop();
  }

  giveBack(slot: number): void {
    this.free[this.pageArena[slot >>> PAGE_BITS]!]!.push(slot);
  }

  private newPage(arena: number, from: number): void {
    if (!(Number.isSafeInteger(arena) && arena >= 0)) fail(`arena ${arena} is not a whole number`);
    if (this.pagesMade === MAX_PAGES) fail(`chunk store exceeds ${MAX_PAGES * PAGE_SLOTS} blocks`);
    const page = this.pagesMade++;
    if (page >= this.pageArena.length) {
      const grown = new Uint32Array(this.pageArena.length * 2);
      grown.set(this.pageArena);
      this.pageArena = grown;
    }
    this.pageArena[page] = arena;
    const free = (this.free[arena] ??= new U32Stack(PAGE_SLOTS));
    for (let j = PAGE_SLOTS - 1; j >= from; j--) free.push((page << PAGE_BITS) | j);
  }
}
