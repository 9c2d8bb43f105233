/**
 * The one event queue: a binary min-heap ordered by (time, priority, sequence).
 *
 * This order is the only source of ordering in a simulation (DESIGN.md,
 * decision 1). The sequence number is assigned at insertion, so two events at
 * the same time and priority run in the order they were scheduled, never in an
 * order that depends on object identity or on the heap's internal layout.
 *
 * Keys live in parallel arrays (time, then priority*2^32+sequence packed into
 * one float) so the hot comparison touches two numbers and no object.
 */
import { assert } from './errors.js';

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

/** Sequence numbers stay exact in a float64 below 2^53; 2^32 priorities' room is plenty. */
const SEQ_LIMIT = 2 ** 32;

export class EventQueue<T> {
  private times: number[] = [];
  private orders: number[] = [];
  private items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.items.length > 0 ? this.times[0]! : Infinity;
  }

  /** Priority of the earliest event (only meaningful when not empty). */
  peekPriority(): number {
    return Math.floor(this.orders[0]! / SEQ_LIMIT);
  }

  push(time: number, priority: number, item: T): void {
    assert(this.seq < SEQ_LIMIT, 'event sequence overflow');
    const order = priority * SEQ_LIMIT + this.seq++;
    const times = this.times;
    const orders = this.orders;
    const items = this.items;
    let i = items.length;
    times.push(time);
    orders.push(order);
    items.push(item);
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && orders[parent]! < order)) break;
      times[i] = pt;
      orders[i] = orders[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    times[i] = time;
    orders[i] = order;
    items[i] = item;
  }

  /** Removes and returns the earliest event; the caller reads its time first. */
  pop(): T {
    const times = this.times;
    const orders = this.orders;
    const items = this.items;
    const top = items[0]!;
    const lastTime = times.pop()!;
    const lastOrder = orders.pop()!;
    const lastItem = items.pop()!;
    const n = items.length;
    if (n === 0) return top;
    // Sift the last element down from the root.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      let ct = times[left]!;
      let co = orders[left]!;
      if (right < n) {
        const rt = times[right]!;
        const ro = orders[right]!;
        if (rt < ct || (rt === ct && ro < co)) {
          child = right;
          ct = rt;
          co = ro;
        }
      }
      if (lastTime < ct || (lastTime === ct && lastOrder < co)) break;
      times[i] = ct;
      orders[i] = co;
      items[i] = items[child]!;
      i = child;
    }
    times[i] = lastTime;
    orders[i] = lastOrder;
    items[i] = lastItem;
    return top;
  }
}
