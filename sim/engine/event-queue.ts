/**
 * The one event queue: a binary min-heap ordered by (time, priority, sequence).
 *
 * This order is the only source of ordering in a simulation (DESIGN.md,
 * decision 1). The sequence number is assigned at insertion, so two events at
 * the same time and priority run in the order they were scheduled, never in an
 * order that depends on object identity or on the heap's internal layout.
 *
 * Layout for speed (bench/engine.bench.ts): each queued event gets a slot;
 * its time and order key (priority*2^32 + sequence) sit in typed arrays by
 * slot and never move, and the heap itself is an array of slot numbers. A pop
 * uses Floyd's bottom-up sift: walk the hole down along the smaller children
 * to a leaf (one comparison per level), then sift the last element up from
 * there, which is usually a step or two.
 */
import { assert } from './errors.js';
import { growF64, growI32 } from './typed-arrays.js';

/** Events scheduled at the same time run in this order. */
export const Priority = {
  /** Process start-up and interrupts: before anything else at that instant. */
  URGENT: 0,
  /** Fluid flow completions (computed by the flow network, never queued here). */
  FLOW: 1,
  /** Timeouts, signals, slot grants, process completions. */
  NORMAL: 2,
} as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

/** Sequence numbers stay exact in a float64 below 2^53; 2^32 per priority is plenty. */
const SEQ_LIMIT = 2 ** 32;

export class EventQueue<T> {
  private heap = new Int32Array(256);
  private time = new Float64Array(256);
  private order = new Float64Array(256);
  private items: (T | undefined)[] = [];
  private free: number[] = [];
  private n = 0;
  private seq = 0;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[this.heap[0]!]! : Infinity;
  }

  /** Priority of the earliest event (only meaningful when not empty). */
  peekPriority(): number {
    return Math.floor(this.order[this.heap[0]!]! / SEQ_LIMIT);
  }

  push(time: number, priority: number, item: T): void {
    assert(this.seq < SEQ_LIMIT, 'event sequence overflow');
    let slot: number;
    if (this.free.length > 0) {
      slot = this.free.pop()!;
      this.items[slot] = item;
    } else {
      slot = this.items.length;
      this.items.push(item);
      if (slot >= this.time.length) this.growSlots();
    }
    this.time[slot] = time;
    this.order[slot] = priority * SEQ_LIMIT + this.seq++;
    if (this.n === this.heap.length) this.heap = growI32(this.heap, this.heap.length * 2);
    this.up(this.n++, slot);
  }

  /** Removes and returns the earliest event; the caller reads its time first. */
  pop(): T {
    const heap = this.heap;
    const top = heap[0]!;
    const item = this.items[top] as T;
    this.items[top] = undefined;
    this.free.push(top);
    const n = --this.n;
    if (n > 0) this.fillHole(heap[n]!, n);
    return item;
  }

  /** Floyd: move the hole at the root down to a leaf, then place `slot` there and sift it up. */
  private fillHole(slot: number, n: number): void {
    const heap = this.heap;
    const time = this.time;
    const order = this.order;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const tc = time[heap[c]!]!;
        const tr = time[heap[r]!]!;
        if (tr < tc || (tr === tc && order[heap[r]!]! < order[heap[c]!]!)) c = r;
      }
      heap[i] = heap[c]!;
      i = c;
    }
    this.up(i, slot);
  }

  private up(i: number, slot: number): void {
    const heap = this.heap;
    const time = this.time;
    const order = this.order;
    const t = time[slot]!;
    const o = order[slot]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = heap[p]!;
      const pt = time[ps]!;
      if (pt < t || (pt === t && order[ps]! < o)) break;
      heap[i] = ps;
      i = p;
    }
    heap[i] = slot;
  }

  private growSlots(): void {
    const size = this.time.length * 2;
    this.time = growF64(this.time, size);
    this.order = growF64(this.order, size);
  }
}
