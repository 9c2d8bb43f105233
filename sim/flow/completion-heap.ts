/**
 * An indexed min-heap of flow completion times.
 *
 * Completion times are computed from rates, never polled: when a flow's rate
 * changes its entry is moved in O(log n). Ties are broken by the flow's
 * creation sequence so that two flows finishing at the same instant always
 * complete in the order they started.
 */
import { doubledSize, growF64, growI32 } from '../engine/typed-arrays.js';

export class CompletionHeap {
  private heap = new Int32Array(64); // flow ids
  private time = new Float64Array(64); // by flow id
  private seq = new Float64Array(64); // by flow id
  private pos = new Int32Array(64).fill(-1); // by flow id
  private n = 0;

  get size(): number {
    return this.n;
  }

  peekTime(): number {
    return this.n > 0 ? this.time[this.heap[0]!]! : Infinity;
  }

  peekId(): number {
    return this.heap[0]!;
  }

  /** Inserts or moves flow f to completion time t (Infinity removes it). */
  set(f: number, t: number, seq: number): void {
    if (f >= this.pos.length) this.growIds(f + 1);
    const i = this.pos[f]!;
    if (t === Infinity) {
      if (i >= 0) this.removeAt(i);
      return;
    }
    this.time[f] = t;
    this.seq[f] = seq;
    if (i < 0) {
      if (this.n === this.heap.length) this.heap = growI32(this.heap, this.heap.length * 2);
      this.heap[this.n] = f;
      this.pos[f] = this.n;
      this.up(this.n++);
    } else {
      this.up(i);
      this.down(this.pos[f]!);
    }
  }

  remove(f: number): void {
    if (f < this.pos.length && this.pos[f]! >= 0) this.removeAt(this.pos[f]!);
  }

  private removeAt(i: number): void {
    const f = this.heap[i]!;
    const last = this.heap[--this.n]!;
    this.pos[f] = -1;
    if (i === this.n) return;
    this.heap[i] = last;
    this.pos[last] = i;
    this.up(i);
    this.down(this.pos[last]!);
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a]!;
    const tb = this.time[b]!;
    return ta < tb || (ta === tb && this.seq[a]! < this.seq[b]!);
  }

  private up(i: number): void {
    const heap = this.heap;
    const f = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const g = heap[p]!;
      if (!this.less(f, g)) break;
      heap[i] = g;
      this.pos[g] = i;
      i = p;
    }
    heap[i] = f;
    this.pos[f] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = this.n;
    const f = heap[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(heap[c + 1]!, heap[c]!)) c++;
      const g = heap[c]!;
      if (!this.less(g, f)) break;
      heap[i] = g;
      this.pos[g] = i;
      i = c;
    }
    heap[i] = f;
    this.pos[f] = i;
  }

  private growIds(min: number): void {
    const size = doubledSize(this.pos.length, min);
    const pos = new Int32Array(size).fill(-1); // -1: not in the heap
    pos.set(this.pos);
    this.pos = pos;
    this.time = growF64(this.time, size);
    this.seq = growF64(this.seq, size);
  }
}
