/**
 * Slot numbers for stored blocks: fresh ones from the top, freed ones reused
 * from a free list. Slot 0 is never handed out (it stands for the zero block)
 * and slots stay below 2^31, so callers may use the top bit as a marker.
 *
 * The collector frees blocks in slot order, so the free list hands them back
 * in order too: a night's new blocks then fill the store's holes as one sweep
 * through memory rather than at random.
 */
import { fail } from '../engine/errors.js';
import { U32Stack } from './u32-stack.js';

const MAX_SLOTS = 2 ** 31;

export class SlotAllocator {
  private next = 1;
  private readonly free = new U32Stack();

  /** One past the highest slot ever handed out. */
  get limit(): number {
    return this.next;
  }

  get byteLength(): number {
    return this.free.byteLength;
  }

  take(): number {
    if (this.free.length > 0) return this.free.pop();
    if (this.next === MAX_SLOTS) fail(`chunk store exceeds ${MAX_SLOTS - 1} blocks`);
    return this.next++;
  }

  giveBack(slot: number): void {
    this.free.push(slot);
  }
}
